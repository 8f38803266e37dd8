import { type FormEvent, useEffect, useRef } from 'react';
import type { TipoIdentificacionCaja } from '../../../shared/contract/catalogo';
import { useCobro } from '../../stores/cobro';
import { CampoCorreoComprador } from './CorreoComprador';

const TIPOS: readonly { tipo: TipoIdentificacionCaja; nombre: string }[] = [
  { tipo: '05', nombre: 'Cédula' },
  { tipo: '04', nombre: 'RUC' },
  { tipo: '06', nombre: 'Pasaporte' },
  { tipo: '08', nombre: 'Identificación del exterior' },
];

/**
 * F3: identify the buyer. The number is checked by the fiscal engine as it is typed; a buyer
 * already on file fills in the rest; a new one is saved with the sale's data. Enter uses it.
 */
export const PanelComprador = () => {
  const e = useCobro((s) => s.edicionComprador);
  const editar = useCobro((s) => s.editarComprador);
  const usar = useCobro((s) => s.usarComprador);
  const consumidorFinal = useCobro((s) => s.consumidorFinal);
  const campo = useRef<HTMLInputElement>(null);
  const nombre = useRef<HTMLInputElement>(null);
  useEffect(() => {
    campo.current?.focus();
    campo.current?.select();
  }, []);
  // A new buyer without a name: the message goes under the name, and the cursor into it.
  const faltaNombre =
    e.error !== null &&
    e.razonSocial.trim() === '' &&
    (e.validacion === null || e.validacion.valida);
  useEffect(() => {
    if (!faltaNombre) return;
    nombre.current?.focus();
    nombre.current?.scrollIntoView({ block: 'center' });
  }, [faltaNombre]);

  const enviar = (ev: FormEvent): void => {
    ev.preventDefault();
    void usar();
  };

  const v = e.validacion;
  const estadoId =
    v === null || e.identificacion.trim() === ''
      ? null
      : v.valida
        ? e.encontrado === null
          ? 'Identificación válida. Comprador nuevo: complete el nombre y pulse Enter para guardarlo.'
          : `Comprador registrado: ${e.encontrado.razonSocial}.`
        : v.mensaje;

  return (
    <section
      className="cobro-panel"
      aria-labelledby="comprador-titulo"
      data-testid="panel-comprador"
    >
      <h2 id="comprador-titulo">Comprador</h2>
      <form onSubmit={enviar} noValidate>
        <fieldset className="cobro-tipos">
          <legend>Tipo de identificación</legend>
          {TIPOS.map((t) => (
            <label key={t.tipo} className="cobro-opcion">
              <input
                type="radio"
                name="tipo-identificacion"
                value={t.tipo}
                checked={e.tipo === t.tipo}
                onChange={() => editar({ tipo: t.tipo })}
              />
              {t.nombre}
            </label>
          ))}
        </fieldset>
        <label htmlFor="comprador-identificacion">Número de identificación</label>
        <input
          id="comprador-identificacion"
          ref={campo}
          className="campo campo-grande"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={v !== null && !v.valida}
          aria-describedby="comprador-estado"
          value={e.identificacion}
          onChange={(ev) => editar({ identificacion: ev.target.value })}
        />
        <p
          id="comprador-estado"
          className={v !== null && !v.valida ? 'cobro-invalido' : 'cobro-nota'}
          data-testid="comprador-validacion"
          aria-live="polite"
        >
          {estadoId ?? 'Escriba la cédula (10 dígitos), el RUC (13) o el pasaporte.'}
        </p>
        {v !== null && v.advertencias.length > 0 ? (
          <p className="cobro-advertencia">{v.advertencias.join(' ')}</p>
        ) : null}
        <div className="cobro-campos">
          <label>
            Nombre o razón social
            <input
              ref={nombre}
              className="campo"
              autoComplete="off"
              aria-invalid={faltaNombre}
              aria-describedby={faltaNombre ? 'comprador-error' : undefined}
              value={e.razonSocial}
              onChange={(ev) => editar({ razonSocial: ev.target.value })}
              data-testid="comprador-nombre"
            />
          </label>
          {faltaNombre ? (
            <p
              id="comprador-error"
              className="cobro-invalido"
              role="alert"
              data-testid="comprador-error"
            >
              {e.error}
            </p>
          ) : null}
          <CampoCorreoComprador />
          <label>
            Teléfono
            <input
              className="campo"
              type="tel"
              autoComplete="off"
              value={e.telefono}
              onChange={(ev) => editar({ telefono: ev.target.value })}
            />
          </label>
          <label>
            Dirección
            <input
              className="campo"
              autoComplete="off"
              value={e.direccion}
              onChange={(ev) => editar({ direccion: ev.target.value })}
            />
          </label>
        </div>
        {e.error === null || faltaNombre ? null : (
          <p className="cobro-invalido" role="alert" data-testid="comprador-error">
            {e.error}
          </p>
        )}
        <div className="cobro-acciones">
          <button type="submit" className="boton" disabled={e.guardando}>
            {e.encontrado === null ? 'Guardar y usar' : 'Usar este comprador'} <kbd>Enter</kbd>
          </button>
          <button type="button" className="boton boton-secundario" onClick={consumidorFinal}>
            Consumidor final
          </button>
        </div>
        <p className="cobro-ayuda">
          <kbd>Esc</kbd> vuelve al lector sin cambiar el comprador.
        </p>
      </form>
    </section>
  );
};
