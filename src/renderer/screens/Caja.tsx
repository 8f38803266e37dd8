import './caja/caja.css';
import { useEffect, useRef, useState } from 'react';
import { type Conteo, DENOMINACIONES, totalConteo } from '../../shared/contract/caja';
import { AprobacionSupervisor } from '../components/AprobacionSupervisor';
import { useDialogoModal } from '../components/useDialogoModal';
import { useCaja } from '../stores/caja';
import { useSesion } from '../stores/sesion';
import { Tolerancia } from './caja/Tolerancia';
import { formatoDolares, parseMontoCentavos } from './cobro/dinero';
import { horaEcuador } from './conciliacion/Detalle';
import { MarcoPantalla } from './MarcoPantalla';

const descargarPdf = (nombre: string, base64: string): void => {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = nombre;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

const Abrir = () => {
  const abrir = useCaja((s) => s.abrir);
  const [fondo, setFondo] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="caja-panel"
      aria-labelledby="abrir-titulo"
      onSubmit={(e) => {
        e.preventDefault();
        const centavos = parseMontoCentavos(fondo);
        if (centavos === null) {
          setError('Escriba el fondo en dólares, por ejemplo 50 o 50.25.');
          return;
        }
        setError(null);
        void abrir(centavos);
      }}
    >
      <h2 id="abrir-titulo">Abrir turno</h2>
      <label>
        Fondo de caja (USD)
        <input
          value={fondo}
          onChange={(e) => setFondo(e.target.value)}
          inputMode="decimal"
          data-enfoque-inicial
          data-testid="fondo"
          aria-invalid={error !== null}
          aria-describedby={error === null ? undefined : 'fondo-error'}
        />
      </label>
      {error === null ? null : (
        <p id="fondo-error" className="caja-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="boton" data-testid="abrir-turno">
        Abrir turno
      </button>
    </form>
  );
};

type ErrorMovimiento = { campo: 'monto' | 'motivo' | 'general'; texto: string } | null;

/** One error message, under the field it is about (or the form), tied to it for screen readers. */
const ErrorCampo = ({ id, error }: { id: string; error: string | null }) =>
  error === null ? null : (
    <p id={id} className="caja-error" role="alert" data-testid={id}>
      {error}
    </p>
  );

const Movimiento = () => {
  const movimiento = useCaja((s) => s.movimiento);
  const [tipo, setTipo] = useState<'entrada' | 'salida'>('salida');
  const [monto, setMonto] = useState('');
  const [motivo, setMotivo] = useState('');
  const [error, setError] = useState<ErrorMovimiento>(null);
  const [autorizando, setAutorizando] = useState(false);
  // Bumped to put the focus back in the amount once the form (and any dialog) has settled.
  const [alMonto, setAlMonto] = useState(0);
  const campoMonto = useRef<HTMLInputElement>(null);
  const campoMotivo = useRef<HTMLInputElement>(null);
  const centavos = parseMontoCentavos(monto);
  useEffect(() => {
    if (alMonto > 0) campoMonto.current?.focus();
  }, [alMonto]);
  const limpiar = () => {
    setMonto('');
    setMotivo('');
    setError(null);
    // Ready for the next movement. After the approval dialog this runs once it has closed (and
    // given the focus back to where Enter was pressed).
    setAlMonto((n) => n + 1);
  };
  const errorDe = (campo: 'monto' | 'motivo' | 'general') =>
    error?.campo === campo ? error.texto : null;
  const fallar = (campo: 'monto' | 'motivo', texto: string) => {
    setError({ campo, texto });
    (campo === 'monto' ? campoMonto : campoMotivo).current?.focus();
  };
  const elegirTipo = (nuevo: 'entrada' | 'salida') => {
    setTipo(nuevo);
    // Chosen what kind: what comes next is how much.
    campoMonto.current?.focus();
  };
  return (
    <form
      className="caja-panel"
      aria-labelledby="mov-titulo"
      onSubmit={async (e) => {
        e.preventDefault();
        if (centavos === null || centavos <= 0) {
          fallar('monto', 'Escriba un monto mayor que cero.');
          return;
        }
        if (motivo.trim().length < 3) {
          fallar('motivo', 'Escriba el motivo.');
          return;
        }
        setError(null);
        if (tipo === 'salida') {
          setAutorizando(true);
          return;
        }
        const fallo = await movimiento({ tipo, montoCentavos: centavos, motivo: motivo.trim() });
        if (fallo === null) limpiar();
        else setError({ campo: 'general', texto: fallo });
      }}
    >
      <h2 id="mov-titulo">Entrada o salida de efectivo</h2>
      <fieldset className="caja-tipo">
        <legend>Tipo</legend>
        <label>
          <input
            type="radio"
            name="tipo-mov"
            checked={tipo === 'salida'}
            onChange={() => elegirTipo('salida')}
          />
          Salida (retiro)
        </label>
        <label>
          <input
            type="radio"
            name="tipo-mov"
            checked={tipo === 'entrada'}
            onChange={() => elegirTipo('entrada')}
          />
          Entrada
        </label>
      </fieldset>
      <label>
        Monto (USD)
        <input
          ref={campoMonto}
          value={monto}
          onChange={(e) => setMonto(e.target.value)}
          inputMode="decimal"
          autoComplete="off"
          data-testid="monto-movimiento"
          aria-invalid={errorDe('monto') !== null}
          aria-describedby={errorDe('monto') === null ? undefined : 'monto-movimiento-error'}
        />
      </label>
      <ErrorCampo id="monto-movimiento-error" error={errorDe('monto')} />
      <label>
        Motivo
        <input
          ref={campoMotivo}
          value={motivo}
          onChange={(e) => setMotivo(e.target.value)}
          maxLength={300}
          autoComplete="off"
          data-testid="motivo-movimiento"
          aria-invalid={errorDe('motivo') !== null}
          aria-describedby={errorDe('motivo') === null ? undefined : 'motivo-movimiento-error'}
        />
      </label>
      <ErrorCampo id="motivo-movimiento-error" error={errorDe('motivo')} />
      <ErrorCampo id="movimiento-error" error={errorDe('general')} />
      <button type="submit" className="boton" data-testid="registrar-movimiento">
        Registrar
      </button>
      <AprobacionSupervisor
        abierta={autorizando}
        accion={`Retirar ${centavos === null ? '' : formatoDolares(centavos)} de la caja: ${motivo}`}
        onAprobar={async (autorizacion) => {
          if (centavos === null) return 'Monto no válido.';
          const fallo = await movimiento({
            tipo: 'salida',
            montoCentavos: centavos,
            motivo: motivo.trim(),
            autorizacion,
          });
          if (fallo === null) {
            setAutorizando(false);
            limpiar();
          }
          return fallo;
        }}
        onCancelar={() => setAutorizando(false)}
      />
    </form>
  );
};

/** `-$30.00 (faltante)`, `$0.00`, `$2.00 (sobrante)`. */
const textoDiferencia = (diferencia: number): string =>
  `${formatoDolares(diferencia)}${diferencia < 0 ? ' (faltante)' : diferencia > 0 ? ' (sobrante)' : ''}`;

const claseDiferencia = (diferencia: number): string =>
  diferencia === 0 ? '' : diferencia < 0 ? 'caja-faltante' : 'caja-sobrante';

type PropsConfirmar = {
  abierta: boolean;
  contado: number;
  esperado: number;
  tolerancia: number;
  pendientes: number;
  enviando: boolean;
  error: string | null;
  onConfirmar: (aunConPendientes: boolean) => void;
  onCancelar: () => void;
};

/** The count, the expected cash and the difference, said once more before the shift closes. */
const ConfirmarCierre = ({
  abierta,
  contado,
  esperado,
  tolerancia,
  pendientes,
  enviando,
  error,
  onConfirmar,
  onCancelar,
}: PropsConfirmar) => {
  const [aunAsi, setAunAsi] = useState(false);
  const ref = useDialogoModal(abierta, (dialogo) => {
    setAunAsi(false);
    dialogo
      .querySelector<HTMLElement>(
        pendientes > 0 ? '[data-testid="cerrar-aun-asi"]' : '[data-testid="confirmar-cierre"]',
      )
      ?.focus();
  });
  const diferencia = contado - esperado;
  const necesitaSupervisor = Math.abs(diferencia) > tolerancia;
  return (
    <dialog
      ref={ref}
      className="dialogo"
      aria-labelledby="confirmar-cierre-titulo"
      data-testid="dialogo-cierre"
      onCancel={(e) => {
        e.preventDefault();
        if (!enviando) onCancelar();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!enviando) onConfirmar(aunAsi);
        }}
      >
        <h2 id="confirmar-cierre-titulo">¿Cerrar el turno?</h2>
        <dl className="caja-cifras caja-cifras-grandes">
          <dt>Efectivo contado</dt>
          <dd data-testid="confirmar-contado">{formatoDolares(contado)}</dd>
          <dt>Efectivo esperado</dt>
          <dd data-testid="confirmar-esperado">{formatoDolares(esperado)}</dd>
          <dt>Diferencia</dt>
          <dd className={claseDiferencia(diferencia)} data-testid="confirmar-diferencia">
            {textoDiferencia(diferencia)}
          </dd>
        </dl>
        {necesitaSupervisor ? (
          <p className="caja-aviso" data-testid="aviso-supervisor">
            La diferencia pasa el margen de la tienda ({formatoDolares(tolerancia)}): un supervisor
            debe autorizar el cierre con su PIN.
          </p>
        ) : null}
        {pendientes > 0 ? (
          <div className="caja-aviso" data-testid="aviso-pendientes-cierre">
            Hay {pendientes} documento{pendientes === 1 ? '' : 's'} por enviar al SRI. Se enviarán
            solos cuando haya conexión; puede cerrar igual y seguirlos en Conciliación.
            <label>
              <input
                type="checkbox"
                checked={aunAsi}
                onChange={(e) => setAunAsi(e.target.checked)}
                data-testid="cerrar-aun-asi"
              />
              Cerrar de todos modos
            </label>
          </div>
        ) : null}
        {error === null ? null : (
          <p className="caja-error" role="alert" data-testid="error-cierre">
            {error}
          </p>
        )}
        <div className="dialogo-acciones">
          <button
            type="submit"
            className="boton"
            disabled={enviando || (pendientes > 0 && !aunAsi)}
            data-testid="confirmar-cierre"
          >
            {necesitaSupervisor ? 'Pedir autorización y cerrar' : 'Cerrar turno e imprimir Z'}
          </button>
          <button
            type="button"
            className="boton boton-secundario"
            disabled={enviando}
            onClick={onCancelar}
          >
            Seguir contando
          </button>
        </div>
      </form>
    </dialog>
  );
};

type PasoCierre = 'contando' | 'confirmando' | 'autorizando';

const Cerrar = ({
  esperado,
  pendientes,
  tolerancia,
}: {
  esperado: number;
  pendientes: number;
  tolerancia: number;
}) => {
  const cerrar = useCaja((s) => s.cerrar);
  const [conteo, setConteo] = useState<Record<string, string>>({});
  const [paso, setPaso] = useState<PasoCierre>('contando');
  const [aunAsi, setAunAsi] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [enviando, setEnviando] = useState(false);
  const numeros: Conteo = {};
  for (const d of DENOMINACIONES) {
    const n = Number(conteo[d.clave] ?? '');
    if (Number.isInteger(n) && n > 0) numeros[d.clave] = n;
  }
  const contado = totalConteo(numeros);
  const diferencia = contado - esperado;
  // Before the first piece is typed there is no count, so no shortage to paint red.
  const contando = Object.values(conteo).some((v) => v.trim() !== '');
  const campos = (form: HTMLElement | null) => [
    ...(form?.querySelectorAll<HTMLElement>('[data-denominacion], [data-testid="cerrar-turno"]') ??
      []),
  ];

  const confirmar = async (aunConPendientes: boolean) => {
    setAunAsi(aunConPendientes);
    if (Math.abs(diferencia) > tolerancia) {
      setError(null);
      setPaso('autorizando');
      return;
    }
    setEnviando(true);
    const fallo = await cerrar(numeros, aunConPendientes);
    setEnviando(false);
    if (fallo === null) return;
    if (fallo.code === 'autorizacion_requerida') setPaso('autorizando');
    else setError(fallo.message);
  };

  return (
    <section className="caja-panel caja-cierre" aria-labelledby="cierre-titulo">
      <h2 id="cierre-titulo">Cerrar turno: efectivo contado</h2>
      <p className="caja-ayuda">
        Escriba cuántos billetes y monedas hay de cada valor; Enter pasa al siguiente.
      </p>
      <div className="denominaciones">
        {DENOMINACIONES.map((d) => (
          <label key={d.clave}>
            {d.etiqueta}
            <input
              type="number"
              min={0}
              step={1}
              inputMode="numeric"
              value={conteo[d.clave] ?? ''}
              onChange={(e) => setConteo({ ...conteo, [d.clave]: e.target.value })}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return;
                // Enter only moves on: closing the shift is its own button, with a confirmation.
                e.preventDefault();
                const lista = campos(e.currentTarget.closest('section'));
                lista[lista.indexOf(e.currentTarget) + 1]?.focus();
              }}
              data-denominacion={d.clave}
              data-enfoque-inicial={d.clave === DENOMINACIONES[0].clave ? true : undefined}
              data-testid={`conteo-${d.clave}`}
            />
          </label>
        ))}
      </div>
      <dl className="caja-cifras" aria-live="polite">
        <dt>Contado</dt>
        <dd data-testid="contado">{formatoDolares(contado)}</dd>
        <dt>Esperado</dt>
        <dd>{formatoDolares(esperado)}</dd>
        <dt>Diferencia</dt>
        <dd className={contando ? claseDiferencia(diferencia) : ''} data-testid="diferencia">
          {contando ? textoDiferencia(diferencia) : 'Sin contar todavía'}
        </dd>
      </dl>
      {pendientes > 0 ? (
        <p className="caja-aviso" data-testid="aviso-pendientes">
          Hay {pendientes} documento{pendientes === 1 ? '' : 's'} por enviar al SRI. Se enviarán
          solos cuando haya conexión; puede cerrar igual y seguirlos en Conciliación.
        </p>
      ) : null}
      <button
        type="button"
        className="boton"
        onClick={() => {
          setError(null);
          setPaso('confirmando');
        }}
        data-testid="cerrar-turno"
      >
        Cerrar turno…
      </button>
      <ConfirmarCierre
        abierta={paso === 'confirmando'}
        contado={contado}
        esperado={esperado}
        tolerancia={tolerancia}
        pendientes={pendientes}
        enviando={enviando}
        error={error}
        onConfirmar={(a) => void confirmar(a)}
        onCancelar={() => setPaso('contando')}
      />
      <AprobacionSupervisor
        abierta={paso === 'autorizando'}
        accion={`Cerrar el turno con ${formatoDolares(contado)} contados de ${formatoDolares(esperado)} esperados: diferencia ${textoDiferencia(diferencia)}.`}
        onAprobar={async (autorizacion) => {
          const fallo = await cerrar(numeros, aunAsi, autorizacion);
          return fallo === null ? null : fallo.message;
        }}
        onCancelar={() => setPaso('contando')}
      />
    </section>
  );
};

const ReporteCierre = () => {
  const cierre = useCaja((s) => s.cierre);
  const pdfZ = useCaja((s) => s.pdfZ);
  const reimprimirZ = useCaja((s) => s.reimprimirZ);
  if (cierre === null) return null;
  const id = cierre.reporte.turno.id;
  return (
    <section className="caja-panel" aria-labelledby="z-titulo" data-testid="reporte-z">
      <h2 id="z-titulo">Reporte Z</h2>
      <pre className="caja-z">{cierre.reporte.lineas.join('\n')}</pre>
      <div className="caja-acciones">
        <button
          type="button"
          className="boton"
          data-testid="descargar-z"
          onClick={async () => {
            const pdf = await pdfZ(id);
            if (pdf !== null) descargarPdf(pdf.nombreArchivo, pdf.pdfBase64);
          }}
        >
          Descargar PDF
        </button>
        <button
          type="button"
          className="boton boton-secundario"
          onClick={() => void reimprimirZ(id)}
        >
          Reimprimir
        </button>
      </div>
    </section>
  );
};

/** Cash shift (docs/architecture.md §1). */
export const Caja = () => {
  const cargar = useCaja((s) => s.cargar);
  const cargado = useCaja((s) => s.cargado);
  const turno = useCaja((s) => s.turno);
  const pendientes = useCaja((s) => s.pendientesSri);
  const tolerancia = useCaja((s) => s.toleranciaCentavos);
  // Who is at the counter now (it changes without Caja reloading); Caja's own answer before that.
  const enSesion = useSesion((s) => s.usuario?.nombre ?? null);
  const deCaja = useCaja((s) => s.usuario);
  const usuario = enSesion ?? deCaja;
  const mensaje = useCaja((s) => s.mensaje);
  const cerrarMensaje = useCaja((s) => s.cerrarMensaje);
  useEffect(() => {
    void cargar();
  }, [cargar]);
  const conTurno = turno !== null;
  // The form to type in appears once the shift is loaded, opened or closed: the focus goes to
  // its first field unless the cashier is already typing somewhere else.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the form changes.
  useEffect(() => {
    if (!cargado) return;
    const pantalla = document.querySelector<HTMLElement>('[data-testid="pantalla-caja"]');
    const activo = document.activeElement;
    const libre =
      activo === null ||
      activo === document.body ||
      activo.tagName === 'H1' ||
      !(pantalla?.contains(activo) ?? false);
    if (libre && document.querySelector('dialog[open]') === null) {
      pantalla?.querySelector<HTMLElement>('[data-enfoque-inicial]')?.focus();
    }
  }, [cargado, conTurno]);
  const e = turno?.efectivo;
  return (
    <MarcoPantalla
      id="caja"
      titulo="Caja"
      quien={usuario === null ? 'Para el cajero.' : `Atiende: ${usuario}.`}
      resumen="Abrir el turno con el fondo, registrar entradas y salidas, y cerrar con el efectivo contado."
    >
      {mensaje === null ? null : (
        <p
          className={`caja-mensaje mensaje-${mensaje.tipo}`}
          role={mensaje.tipo === 'error' ? 'alert' : 'status'}
          data-testid="mensaje-caja"
        >
          {mensaje.texto}{' '}
          <button type="button" className="boton-enlace" onClick={cerrarMensaje}>
            Ocultar aviso
          </button>
        </p>
      )}
      <ReporteCierre />
      {!cargado ? null : turno === null || e === undefined ? (
        <div className="caja-rejilla">
          <Abrir />
          <Tolerancia />
        </div>
      ) : (
        <div className="caja-rejilla">
          <section className="caja-panel" aria-labelledby="turno-titulo" data-testid="turno">
            <h2 id="turno-titulo">Turno {turno.numero} abierto</h2>
            <p>
              Desde {horaEcuador(turno.abiertoEn)} por {turno.abiertoPor}, punto{' '}
              {turno.puntoEmision}.
            </p>
            <dl className="caja-cifras">
              <dt>Fondo inicial</dt>
              <dd>{formatoDolares(e.fondoCentavos)}</dd>
              <dt>Ventas en efectivo</dt>
              <dd>{formatoDolares(e.ventasCentavos)}</dd>
              <dt>Devoluciones en efectivo</dt>
              <dd>{formatoDolares(-e.devolucionesCentavos)}</dd>
              <dt>Entradas</dt>
              <dd>{formatoDolares(e.entradasCentavos)}</dd>
              <dt>Salidas</dt>
              <dd>{formatoDolares(-e.salidasCentavos)}</dd>
              <dt>Efectivo esperado</dt>
              <dd data-testid="esperado">
                <strong>{formatoDolares(e.esperadoCentavos)}</strong>
              </dd>
              <dt>Facturas</dt>
              <dd>
                {turno.facturas.cantidad} por {formatoDolares(turno.facturas.totalCentavos)}
              </dd>
              <dt>Notas de crédito</dt>
              <dd>
                {turno.notasCredito.cantidad} por {formatoDolares(turno.notasCredito.totalCentavos)}
              </dd>
            </dl>
            {turno.movimientos.length === 0 ? null : (
              <>
                <h3>Movimientos</h3>
                <ul className="caja-movimientos">
                  {turno.movimientos.map((m) => (
                    <li key={m.id}>
                      {horaEcuador(m.en).slice(11, 16)}{' '}
                      {m.tipo === 'entrada' ? 'Entrada' : 'Salida'}{' '}
                      {formatoDolares(m.montoCentavos)}: {m.motivo} ({m.usuario})
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <Movimiento />
          <Cerrar esperado={e.esperadoCentavos} pendientes={pendientes} tolerancia={tolerancia} />
          <Tolerancia />
        </div>
      )}
    </MarcoPantalla>
  );
};
