import { useEffect, useId, useRef, useState } from 'react';
import type { CertificadoEstado, ModoDesbloqueo } from '../../../shared/contract/certificado';
import { useAjustes } from '../../stores/ajustes';
import { archivoElegido, firmaStore, useFirma } from '../../stores/firma';
import { aBase64, fecha, MostrarNota, useAprobacion } from './comun';

const NIVEL_TEXTO = { aviso: 'Aviso', urgente: 'Urgente', critico: 'Crítico' } as const;

const Resumen = ({ estado }: { estado: CertificadoEstado }) => {
  const c = estado.certificado;
  if (c === null && estado.capacitacion !== null) {
    const k = estado.capacitacion;
    return (
      <div data-testid="certificado-capacitacion">
        <p>
          Modo de capacitación: los comprobantes se firman con el certificado de práctica «
          {k.titular}»{k.ruc === null ? '' : ` (RUC ${k.ruc})`}, que solo acepta el SRI simulado. No
          tienen validez tributaria.
        </p>
        <p className="ajustes-ayuda">
          Para emitir comprobantes reales, importe aquí la firma electrónica (.p12) de la tienda.
        </p>
      </div>
    );
  }
  if (c === null) {
    return (
      <p data-testid="certificado-ninguno">
        No hay una firma electrónica importada: la tienda no puede firmar comprobantes.
      </p>
    );
  }
  return (
    <dl className="ajustes-resumen" data-testid="certificado-resumen">
      <dt>Titular</dt>
      <dd data-testid="certificado-titular">{c.titular}</dd>
      <dt>RUC</dt>
      <dd data-testid="certificado-ruc">{c.ruc ?? 'No indicado en el certificado'}</dd>
      {c.razonSocial === null ? null : (
        <>
          <dt>Razón social</dt>
          <dd>{c.razonSocial}</dd>
        </>
      )}
      <dt>Entidad emisora</dt>
      <dd>{c.emisor}</dd>
      <dt>Válido desde</dt>
      <dd>{fecha(c.validoDesde)}</dd>
      <dt>Válido hasta</dt>
      <dd>{fecha(c.validoHasta)}</dd>
      <dt>Días restantes</dt>
      <dd data-testid="certificado-dias">{Math.max(0, c.diasRestantes)}</dd>
      <dt>Contraseña</dt>
      <dd>
        {c.modo === 'keychain'
          ? 'Guardada en el llavero del sistema: firma sin preguntar.'
          : 'Se pide al iniciar Mostrador.'}
      </dd>
      <dt>Estado</dt>
      <dd data-testid="certificado-estado">
        {!estado.desbloqueado
          ? 'Bloqueada: no se puede firmar'
          : estado.otroRuc != null && !estado.otroRuc.confirmado
            ? 'Pendiente: es de otro RUC y un administrador debe confirmarlo'
            : 'Lista para firmar'}
      </dd>
    </dl>
  );
};

/**
 * A certificate of another RUC (the legal representative's): legal, but deliberate. The
 * administrador types both RUCs; main checks them and audits the confirmation.
 */
const ConfirmarOtroRuc = ({ otroRuc }: { otroRuc: NonNullable<CertificadoEstado['otroRuc']> }) => {
  const { aprobar, dialogo } = useAprobacion();
  const nota = useFirma((s) => s.notas.otroRuc);
  const enviando = useFirma((s) => s.enviando.otroRuc);
  // Only what the administrador types lives here; the call and its outcome live in the store.
  const [rucCertificado, setRucCertificado] = useState('');
  const [rucEmisor, setRucEmisor] = useState('');
  const id = useId();
  useEffect(() => firmaStore().getState().olvidarNota('otroRuc'), []);
  return (
    <form
      className="ajustes-formulario"
      data-testid="certificado-otro-ruc"
      onSubmit={(e) => {
        e.preventDefault();
        const acciones = firmaStore().getState();
        void acciones.hacer(
          'otroRuc',
          () =>
            aprobar('Firmar con el certificado de otro RUC', 'administrador', (autorizacion) =>
              acciones.confirmarOtroRuc({ rucCertificado, rucEmisor }, autorizacion),
            ),
          'Confirmado: las ventas se firman con este certificado.',
        );
      }}
    >
      <h3>Certificado de otro RUC</h3>
      <p>
        El certificado es{' '}
        {otroRuc.rucCertificado === null ? 'sin RUC' : `del RUC ${otroRuc.rucCertificado}`} y el
        emisor es el RUC {otroRuc.rucEmisor}. Firmar por la empresa con el certificado de su
        representante legal es válido, pero debe confirmarlo un administrador escribiendo ambos RUC.
        Hasta entonces no se firman ventas.
      </p>
      <label htmlFor={`${id}-cert`}>RUC del certificado</label>
      <input
        id={`${id}-cert`}
        inputMode="numeric"
        autoComplete="off"
        value={rucCertificado}
        onChange={(e) => setRucCertificado(e.target.value)}
      />
      <label htmlFor={`${id}-emisor`}>RUC del emisor</label>
      <input
        id={`${id}-emisor`}
        inputMode="numeric"
        autoComplete="off"
        value={rucEmisor}
        onChange={(e) => setRucEmisor(e.target.value)}
      />
      <button type="submit" className="boton" disabled={enviando}>
        Confirmar
      </button>
      <MostrarNota nota={nota} testId="certificado-otro-ruc-nota" />
      {dialogo}
    </form>
  );
};

/** The unlock prompt of a firma kept in «preguntar» mode. */
const Desbloquear = () => {
  const nota = useFirma((s) => s.notas.desbloqueo);
  const enviando = useFirma((s) => s.enviando.desbloqueo);
  const [password, setPassword] = useState('');
  const id = useId();
  useEffect(() => firmaStore().getState().olvidarNota('desbloqueo'), []);
  return (
    <form
      className="ajustes-formulario"
      data-testid="certificado-desbloquear"
      onSubmit={async (e) => {
        e.preventDefault();
        const acciones = firmaStore().getState();
        await acciones.hacer(
          'desbloqueo',
          () => acciones.desbloquear(password),
          'Firma desbloqueada: las ventas se firman otra vez.',
        );
        // A password is never left on screen, right or wrong: it is typed again.
        setPassword('');
      }}
    >
      <h3>Desbloquear la firma</h3>
      <label htmlFor={`${id}-clave`}>Contraseña de la firma electrónica</label>
      <input
        id={`${id}-clave`}
        type="password"
        autoComplete="off"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <button type="submit" className="boton" disabled={enviando}>
        Desbloquear
      </button>
      <MostrarNota nota={nota} testId="certificado-desbloqueo-nota" />
    </form>
  );
};

type Confirmacion = 'reemplazar' | 'quitar' | null;

/**
 * Ajustes › Firma electrónica: the certificate in use (never its key), its warnings, and the
 * import, replacement, unlock and removal of the .p12. The file is read here and sent once;
 * main validates, seals and keeps it.
 */
export const FirmaElectronica = ({ alImportar }: { alImportar?: () => void }) => {
  const estado = useAjustes((s) => s.certificado);
  const nota = useFirma((s) => s.notas.firma);
  const enviando = useFirma((s) => s.enviando.firma);
  const { aprobar, dialogo } = useAprobacion();
  // Only what the person picks and types lives here; the calls and their outcome live in the store.
  const archivo = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [modo, setModo] = useState<ModoDesbloqueo>('keychain');
  const [confirmar, setConfirmar] = useState<Confirmacion>(null);
  const id = useId();
  const hay = estado?.certificado != null;
  useEffect(() => firmaStore().getState().olvidarNota('firma'), []);

  const importar = async () => {
    const acciones = firmaStore().getState();
    const elegido = archivoElegido(archivo.current?.files?.[0]);
    const desenlace = await acciones.hacer(
      'firma',
      async () => {
        if (!elegido.ok) return elegido.error;
        const p12Base64 = await aBase64(elegido.value);
        return aprobar(
          hay ? 'Reemplazar la firma electrónica de la tienda' : 'Importar la firma electrónica',
          'administrador',
          (autorizacion) => acciones.importar({ p12Base64, password, modo }, autorizacion),
        );
      },
      'Firma importada. Las ventas se firman con ella desde ahora.',
    );
    // Without a file the question stays open: the person picks one and answers again.
    if (elegido.ok) setConfirmar(null);
    if (desenlace === null) {
      setPassword('');
      if (archivo.current !== null) archivo.current.value = '';
      alImportar?.();
    }
  };

  const quitar = async () => {
    const acciones = firmaStore().getState();
    await acciones.hacer(
      'firma',
      () =>
        aprobar(
          'Quitar la firma electrónica: no se podrá facturar hasta importar otra',
          'administrador',
          (autorizacion) => acciones.quitar(autorizacion),
        ),
      'Firma quitada. Importe otra para volver a facturar.',
    );
    setConfirmar(null);
  };

  return (
    <div className="ajustes-seccion-cuerpo" data-testid="seccion-firma">
      {estado === null ? <p>Cargando la firma electrónica…</p> : <Resumen estado={estado} />}
      {estado?.aviso == null ? null : (
        <p
          className={`ajustes-aviso ajustes-aviso-${estado.aviso.nivel}`}
          role="alert"
          data-testid="certificado-aviso"
          data-nivel={estado.aviso.nivel}
        >
          <strong>{NIVEL_TEXTO[estado.aviso.nivel]}:</strong> {estado.aviso.mensaje}
        </p>
      )}
      {estado === null || estado.advertencias.length === 0 ? null : (
        <ul className="ajustes-advertencias" role="alert" data-testid="certificado-advertencias">
          {estado.advertencias.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      )}
      {estado?.certificado != null &&
      !estado.desbloqueado &&
      estado.certificado.modo === 'preguntar' ? (
        <Desbloquear />
      ) : null}
      {estado?.otroRuc != null && !estado.otroRuc.confirmado ? (
        <ConfirmarOtroRuc otroRuc={estado.otroRuc} />
      ) : null}

      <form
        className="ajustes-formulario"
        data-testid="certificado-importar"
        onSubmit={(e) => {
          e.preventDefault();
          if (enviando) return;
          if (hay && confirmar !== 'reemplazar') setConfirmar('reemplazar');
          else void importar();
        }}
      >
        <h3>{hay ? 'Reemplazar por otra firma' : 'Importar la firma electrónica'}</h3>
        <label htmlFor={`${id}-archivo`}>Archivo de la firma (.p12 o .pfx)</label>
        <input
          id={`${id}-archivo`}
          ref={archivo}
          type="file"
          accept=".p12,.pfx,application/x-pkcs12"
          data-testid="certificado-archivo"
        />
        <label htmlFor={`${id}-clave`}>Contraseña de la firma</label>
        <input
          id={`${id}-clave`}
          type="password"
          autoComplete="off"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="certificado-clave"
        />
        <fieldset>
          <legend>Al iniciar Mostrador</legend>
          <label>
            <input
              type="radio"
              name={`${id}-modo`}
              checked={modo === 'keychain'}
              onChange={() => setModo('keychain')}
            />{' '}
            Firmar sin preguntar (la contraseña queda en el llavero del sistema)
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-modo`}
              checked={modo === 'preguntar'}
              onChange={() => setModo('preguntar')}
            />{' '}
            Pedir la contraseña cada vez que se inicia
          </label>
        </fieldset>
        {confirmar === 'reemplazar' ? (
          <div className="ajustes-confirmar">
            <p>
              La firma de <strong>{estado?.certificado?.titular}</strong> dejará de usarse y sus
              claves se borrarán del llavero. ¿Reemplazarla por la del archivo elegido?
            </p>
            <button type="submit" className="boton" disabled={enviando} data-testid="confirmar">
              Sí, reemplazar
            </button>
            <button
              type="button"
              className="boton boton-secundario"
              onClick={() => setConfirmar(null)}
            >
              No
            </button>
          </div>
        ) : (
          <button type="submit" className="boton" disabled={enviando} data-testid="importar">
            {enviando ? 'Importando…' : hay ? 'Reemplazar' : 'Importar'}
          </button>
        )}
      </form>
      <MostrarNota nota={nota} testId="certificado-nota" />

      {hay ? (
        <div className="ajustes-formulario">
          <h3>Quitar la firma</h3>
          {confirmar === 'quitar' ? (
            <div className="ajustes-confirmar">
              <p>Sin firma electrónica no se pueden emitir facturas. ¿Quitarla de todos modos?</p>
              <button
                type="button"
                className="boton boton-peligro"
                disabled={enviando}
                onClick={() => void quitar()}
                data-testid="confirmar-quitar"
              >
                Sí, quitar la firma
              </button>
              <button
                type="button"
                className="boton boton-secundario"
                onClick={() => setConfirmar(null)}
              >
                No
              </button>
            </div>
          ) : (
            <button
              type="button"
              className="boton boton-secundario"
              onClick={() => setConfirmar('quitar')}
              data-testid="quitar"
            >
              Quitar la firma…
            </button>
          )}
        </div>
      ) : null}
      {dialogo}
    </div>
  );
};
