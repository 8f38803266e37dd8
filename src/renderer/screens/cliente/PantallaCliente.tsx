import { type FormEvent, useEffect, useId, useState } from 'react';
import { correoSchema, MENSAJE_CORREO_INVALIDO } from '../../../shared/contract/correo';
import type {
  PantallaCliente as Estado,
  PropuestaCorreo,
} from '../../../shared/contract/pantallaCliente';
import { formatoDolares } from '../cobro/dinero';
import './cliente.css';

export type Suscribir = (oyente: (estado: Estado) => void) => () => void;
/** Sends the buyer's e-mail to main; the answer is main's Spanish refusal, or null when sent. */
export type EnviarCorreo = (propuesta: PropuestaCorreo) => Promise<string | null>;

/** Four modules of quiet zone around the QR (ISO/IEC 18004 §6.3.8). */
const MARGEN = 4;

/** The QR as one SVG path of its dark modules. */
const Qr = ({ qr }: { qr: NonNullable<Estado['qr']> }) => {
  const filas = Math.ceil(qr.modulos.length / qr.columnas);
  let d = '';
  for (let i = 0; i < qr.modulos.length; i++) {
    if (qr.modulos[i] === '1') {
      d += `M${(i % qr.columnas) + MARGEN} ${Math.floor(i / qr.columnas) + MARGEN}h1v1h-1z`;
    }
  }
  const lado = qr.columnas + 2 * MARGEN;
  return (
    <svg
      className="cliente-qr"
      viewBox={`0 0 ${lado} ${filas + 2 * MARGEN}`}
      role="img"
      aria-label="Código QR de su factura autorizada"
      data-testid="cliente-qr"
      shapeRendering="crispEdges"
    >
      <rect width={lado} height={filas + 2 * MARGEN} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
};

/**
 * The buyer's e-mail for the RIDE (issue 19 §4), when the cart on screen asks for it: typed here
 * (touch or keyboard), checked like Cobro checks it, and sent to the cashier, who accepts it.
 * No autocomplete: this screen is shared by every buyer.
 */
const PedirCorreo = ({ solicitud, enviar }: { solicitud: string; enviar: EnviarCorreo }) => {
  const [texto, setTexto] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [enviando, setEnviando] = useState(false);
  const [enviado, setEnviado] = useState<string | null>(null);
  const id = useId();
  const alEnviar = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (enviando) return;
    const r = correoSchema.safeParse(texto);
    if (!r.success) {
      setError(r.error.issues[0]?.message ?? MENSAJE_CORREO_INVALIDO);
      return;
    }
    setEnviando(true);
    const fallo = await enviar({ solicitud, email: r.data });
    setEnviando(false);
    if (fallo !== null) {
      setError(fallo);
      return;
    }
    setEnviado(r.data);
    setTexto('');
  };
  if (enviado !== null) {
    return (
      <section className="cliente-correo" aria-live="polite" data-testid="cliente-correo-enviado">
        <p>
          Listo: el cajero confirmará su correo <strong>{enviado}</strong>.
        </p>
        <button type="button" className="cliente-boton" onClick={() => setEnviado(null)}>
          Corregir
        </button>
      </section>
    );
  }
  return (
    <form
      className="cliente-correo"
      onSubmit={(e) => void alEnviar(e)}
      noValidate
      data-testid="cliente-correo"
    >
      <label htmlFor={`${id}-correo`}>¿A qué correo le enviamos su factura?</label>
      <div className="cliente-correo-fila">
        <input
          id={`${id}-correo`}
          type="email"
          inputMode="email"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          maxLength={254}
          placeholder="ana@correo.ec"
          aria-invalid={error !== null}
          aria-describedby={error === null ? undefined : `${id}-error`}
          value={texto}
          onChange={(e) => {
            setTexto(e.target.value);
            setError(null);
          }}
          data-testid="cliente-correo-campo"
        />
        <button type="submit" className="cliente-boton" disabled={enviando}>
          Enviar
        </button>
      </div>
      {error === null ? null : (
        <p
          id={`${id}-error`}
          role="alert"
          className="cliente-error"
          data-testid="cliente-correo-error"
        >
          {error}
        </p>
      )}
    </form>
  );
};

/**
 * What the buyer sees (issue 18 §6): the lines as they are scanned, the total, the payment and
 * the change, the store's name and logo, and after the sale the QR of the authorized document.
 * It calls nothing; its one message is the buyer's e-mail when the cart asks for it.
 */
export const PantallaCliente = ({
  suscribir,
  enviarCorreo,
}: {
  suscribir: Suscribir;
  enviarCorreo: EnviarCorreo;
}) => {
  const [estado, setEstado] = useState<Estado | null>(null);
  useEffect(() => suscribir(setEstado), [suscribir]);
  const tienda = estado?.tienda ?? null;
  return (
    <main className="cliente" data-testid="pantalla-cliente">
      <header className="cliente-tienda">
        {tienda?.logo == null ? null : <img src={tienda.logo} alt="" className="cliente-logo" />}
        <h1 data-testid="cliente-tienda">{tienda?.nombre ?? 'Bienvenido'}</h1>
      </header>
      {estado === null || (estado.lineas.length === 0 && estado.venta === null) ? (
        <p className="cliente-espera">Bienvenido. Sus productos aparecerán aquí.</p>
      ) : (
        <>
          <table className="cliente-lineas" aria-label="Su compra">
            <thead>
              <tr>
                <th scope="col">Producto</th>
                <th scope="col">Cantidad</th>
                <th scope="col">Valor</th>
              </tr>
            </thead>
            <tbody>
              {estado.lineas.map((l, i) => (
                // Lines have no id of their own; their order is what the cashier scanned.
                // biome-ignore lint/suspicious/noArrayIndexKey: the position is the identity here
                <tr key={i} data-testid="cliente-linea">
                  <td>{l.descripcion}</td>
                  <td>{l.cantidad}</td>
                  <td>{formatoDolares(l.totalCentavos)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="cliente-cifras">
            <dt>Total</dt>
            <dd data-testid="cliente-total">{formatoDolares(estado.totalCentavos)}</dd>
            {estado.pagadoCentavos > 0 ? (
              <>
                <dt>Recibido</dt>
                <dd data-testid="cliente-pagado">{formatoDolares(estado.pagadoCentavos)}</dd>
                <dt>Vuelto</dt>
                <dd data-testid="cliente-vuelto">{formatoDolares(estado.vueltoCentavos)}</dd>
              </>
            ) : null}
          </dl>
        </>
      )}
      {estado?.correo == null ? null : (
        // A new request (another cart) starts with an empty field.
        <PedirCorreo
          key={estado.correo.solicitud}
          solicitud={estado.correo.solicitud}
          enviar={enviarCorreo}
        />
      )}
      {estado?.venta == null ? null : (
        <section className="cliente-venta" aria-live="polite" data-testid="cliente-venta">
          <p>¡Gracias por su compra! Factura {estado.venta.numero}</p>
          {estado.qr === null ? (
            <p className="cliente-nota">Su factura se está autorizando en el SRI…</p>
          ) : (
            <>
              <Qr qr={estado.qr} />
              <p className="cliente-nota">
                Factura autorizada por el SRI: escanee el código para consultarla.
              </p>
            </>
          )}
        </section>
      )}
    </main>
  );
};
