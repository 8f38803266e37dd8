import { useEffect, useId, useRef, useState } from 'react';
import type { MostradorApi, RecuperacionEstado } from '../../shared/contract';
import './ajustes/ajustes.css';

const fecha = (iso: string): string =>
  new Intl.DateTimeFormat('es-EC', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'America/Guayaquil',
  }).format(new Date(iso));

/**
 * The recovery screen (issue 17 §1–3): shown instead of the app when the store's database is
 * damaged. What happened, the last good backup with its date and what it lacks, and its restore
 * authorized by an administrador of that backup. Main serves it before the database opens.
 */
export const Recuperacion = ({
  api,
  estado,
  alTerminar,
}: {
  api: MostradorApi;
  estado: RecuperacionEstado;
  /** After a restore: reload into the running store. */
  alTerminar: () => void;
}) => {
  const respaldo = estado.ultimoRespaldo;
  const [usuarioId, setUsuarioId] = useState(respaldo?.administradores[0]?.id ?? '');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [hecho, setHecho] = useState<string | null>(null);
  const [enviando, setEnviando] = useState(false);
  // Another store's backup (issue 15 §6): the administrador confirms it naming both RUCs.
  const otroRuc =
    respaldo !== null &&
    respaldo.ruc !== null &&
    respaldo.rucsTienda.length > 0 &&
    !respaldo.rucsTienda.includes(respaldo.ruc)
      ? { rucRespaldo: respaldo.ruc, rucTienda: respaldo.rucsTienda[0] as string }
      : null;
  const [otroRucConfirmado, setOtroRucConfirmado] = useState(false);
  const pinRef = useRef<HTMLInputElement>(null);
  const abrirRef = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    pinRef.current?.focus();
  }, []);
  // Done: Enter opens the store.
  useEffect(() => {
    if (hecho !== null) abrirRef.current?.focus();
  }, [hecho]);

  const restaurar = async () => {
    if (respaldo === null) return;
    if (!/^\d{4,8}$/.test(pin)) {
      setError('El PIN debe tener de 4 a 8 dígitos.');
      return;
    }
    if (otroRuc !== null && !otroRucConfirmado) {
      setError(
        `Confirme que restaura el respaldo del RUC ${otroRuc.rucRespaldo} sobre la tienda del RUC ${otroRuc.rucTienda}.`,
      );
      return;
    }
    setEnviando(true);
    setError(null);
    const r = await api.call('recuperacion.restaurar', {
      archivo: respaldo.ruta,
      credenciales: { usuarioId, pin },
      ...(otroRuc === null ? {} : { confirmarOtroRuc: otroRuc }),
    });
    setEnviando(false);
    setPin('');
    if (!r.ok) {
      setError(r.error.message);
      pinRef.current?.focus();
      return;
    }
    setHecho(r.value.mensaje);
  };

  return (
    <main className="bienvenida" data-testid="recuperacion">
      <h1>La base de datos necesita recuperarse</h1>
      <p data-testid="recuperacion-motivo">{estado.motivo}</p>
      {hecho !== null ? (
        <section aria-live="polite">
          <p data-testid="recuperacion-hecho">{hecho}</p>
          <button
            type="button"
            className="boton"
            onClick={alTerminar}
            ref={abrirRef}
            data-testid="recuperacion-abrir"
          >
            Abrir la tienda
          </button>
        </section>
      ) : respaldo === null ? (
        <p role="alert">
          No hay ningún respaldo sano en la carpeta de datos. Llame a soporte o copie un respaldo a
          la carpeta «backups» y use «mostrador restaurar ARCHIVO».
        </p>
      ) : (
        <form
          className="ajustes-formulario"
          data-testid="recuperacion-formulario"
          onSubmit={(event) => {
            event.preventDefault();
            void restaurar();
          }}
        >
          <p data-testid="recuperacion-respaldo">
            Último respaldo bueno: <strong>{fecha(respaldo.tomadoEn)}</strong> ({respaldo.nombre}).{' '}
            {respaldo.faltan === null
              ? 'No se sabe cuántos comprobantes se emitieron después.'
              : respaldo.faltan === 0
                ? 'Tiene todos los comprobantes emitidos.'
                : respaldo.faltan === 1
                  ? 'Le falta 1 comprobante emitido después; su numeración no se repetirá y puede consultarlo en el portal del SRI.'
                  : `Le faltan ${respaldo.faltan} comprobantes emitidos después; su numeración no se repetirá y puede consultarlos en el portal del SRI.`}
          </p>
          {otroRuc !== null ? (
            <div className="ajustes-confirmar" role="alert" data-testid="recuperacion-otro-ruc">
              <p>
                Este respaldo es de otra tienda: <strong>RUC {otroRuc.rucRespaldo}</strong>. Esta
                tienda es el <strong>RUC {otroRuc.rucTienda}</strong>.
              </p>
              <label>
                <input
                  type="checkbox"
                  checked={otroRucConfirmado}
                  onChange={(e) => setOtroRucConfirmado(e.target.checked)}
                />{' '}
                Restaurar el respaldo del RUC {otroRuc.rucRespaldo} sobre la tienda del RUC{' '}
                {otroRuc.rucTienda}
              </label>
            </div>
          ) : null}
          <fieldset className="ajustes-campo">
            <legend>Administrador que autoriza</legend>
            {respaldo.administradores.map((a) => (
              <label key={a.id}>
                <input
                  type="radio"
                  name={`${id}-admin`}
                  value={a.id}
                  checked={usuarioId === a.id}
                  onChange={() => setUsuarioId(a.id)}
                />{' '}
                {a.nombre}
              </label>
            ))}
          </fieldset>
          <div className="ajustes-campo">
            <label htmlFor={`${id}-pin`}>PIN del administrador</label>
            <input
              id={`${id}-pin`}
              ref={pinRef}
              data-testid="recuperacion-pin"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              maxLength={8}
              value={pin}
              onChange={(e) => setPin(e.target.value)}
              aria-invalid={error !== null}
              aria-describedby={error === null ? undefined : `${id}-error`}
            />
          </div>
          {error !== null && (
            <p id={`${id}-error`} role="alert" className="aviso-error">
              {error}
            </p>
          )}
          <button type="submit" className="boton" disabled={enviando}>
            Restaurar este respaldo
          </button>
        </form>
      )}
    </main>
  );
};
