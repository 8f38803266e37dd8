import './caja/caja.css';
import { useEffect, useState } from 'react';
import { type Conteo, DENOMINACIONES, totalConteo } from '../../shared/contract/caja';
import { AprobacionSupervisor } from '../components/AprobacionSupervisor';
import { useCaja } from '../stores/caja';
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

const Movimiento = () => {
  const movimiento = useCaja((s) => s.movimiento);
  const [tipo, setTipo] = useState<'entrada' | 'salida'>('salida');
  const [monto, setMonto] = useState('');
  const [motivo, setMotivo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [autorizando, setAutorizando] = useState(false);
  const centavos = parseMontoCentavos(monto);
  const limpiar = () => {
    setMonto('');
    setMotivo('');
    setError(null);
  };
  return (
    <form
      className="caja-panel"
      aria-labelledby="mov-titulo"
      onSubmit={async (e) => {
        e.preventDefault();
        if (centavos === null || centavos <= 0) {
          setError('Escriba un monto mayor que cero.');
          return;
        }
        if (motivo.trim().length < 3) {
          setError('Escriba el motivo.');
          return;
        }
        if (tipo === 'salida') {
          setAutorizando(true);
          return;
        }
        const fallo = await movimiento({ tipo, montoCentavos: centavos, motivo: motivo.trim() });
        if (fallo === null) limpiar();
        else setError(fallo);
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
            onChange={() => setTipo('salida')}
          />
          Salida (retiro)
        </label>
        <label>
          <input
            type="radio"
            name="tipo-mov"
            checked={tipo === 'entrada'}
            onChange={() => setTipo('entrada')}
          />
          Entrada
        </label>
      </fieldset>
      <label>
        Monto (USD)
        <input
          value={monto}
          onChange={(e) => setMonto(e.target.value)}
          inputMode="decimal"
          data-testid="monto-movimiento"
        />
      </label>
      <label>
        Motivo
        <input
          value={motivo}
          onChange={(e) => setMotivo(e.target.value)}
          maxLength={300}
          data-testid="motivo-movimiento"
        />
      </label>
      {error === null ? null : (
        <p className="caja-error" role="alert">
          {error}
        </p>
      )}
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

const Cerrar = ({ esperado, pendientes }: { esperado: number; pendientes: number }) => {
  const cerrar = useCaja((s) => s.cerrar);
  const [conteo, setConteo] = useState<Record<string, string>>({});
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
  return (
    <form
      className="caja-panel caja-cierre"
      aria-labelledby="cierre-titulo"
      onSubmit={async (e) => {
        e.preventDefault();
        if (enviando) return;
        setEnviando(true);
        const fallo = await cerrar(numeros, aunAsi);
        setEnviando(false);
        setError(fallo);
      }}
    >
      <h2 id="cierre-titulo">Cerrar turno: efectivo contado</h2>
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
        <dd
          className={diferencia === 0 ? '' : diferencia < 0 ? 'caja-faltante' : 'caja-sobrante'}
          data-testid="diferencia"
        >
          {formatoDolares(diferencia)}
          {diferencia < 0 ? ' (faltante)' : diferencia > 0 ? ' (sobrante)' : ''}
        </dd>
      </dl>
      {pendientes > 0 ? (
        <div className="caja-aviso" role="alert" data-testid="aviso-pendientes">
          Hay {pendientes} documento{pendientes === 1 ? '' : 's'} por enviar al SRI. Se enviarán
          solos cuando haya conexión; puede cerrar igual y seguirlos en Conciliación.
          <label>
            <input type="checkbox" checked={aunAsi} onChange={(e) => setAunAsi(e.target.checked)} />
            Cerrar de todos modos
          </label>
        </div>
      ) : null}
      {error === null ? null : (
        <p className="caja-error" role="alert" data-testid="error-cierre">
          {error}
        </p>
      )}
      <button type="submit" className="boton" disabled={enviando} data-testid="cerrar-turno">
        Cerrar turno e imprimir reporte Z
      </button>
    </form>
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

/** Cash shift (DESIGN.md §1). */
export const Caja = () => {
  const cargar = useCaja((s) => s.cargar);
  const cargado = useCaja((s) => s.cargado);
  const turno = useCaja((s) => s.turno);
  const pendientes = useCaja((s) => s.pendientesSri);
  const usuario = useCaja((s) => s.usuario);
  const mensaje = useCaja((s) => s.mensaje);
  const cerrarMensaje = useCaja((s) => s.cerrarMensaje);
  useEffect(() => {
    void cargar();
  }, [cargar]);
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
            Cerrar
          </button>
        </p>
      )}
      <ReporteCierre />
      {!cargado ? null : turno === null || e === undefined ? (
        <Abrir />
      ) : (
        <div className="caja-rejilla">
          <section className="caja-panel" aria-labelledby="turno-titulo" data-testid="turno">
            <h2 id="turno-titulo">Turno abierto</h2>
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
              <dd>−{formatoDolares(e.devolucionesCentavos)}</dd>
              <dt>Entradas</dt>
              <dd>{formatoDolares(e.entradasCentavos)}</dd>
              <dt>Salidas</dt>
              <dd>−{formatoDolares(e.salidasCentavos)}</dd>
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
          <Cerrar esperado={e.esperadoCentavos} pendientes={pendientes} />
        </div>
      )}
    </MarcoPantalla>
  );
};
