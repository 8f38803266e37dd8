import './cobro/cobro.css';
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { FormaPagoCaja } from '../../shared/contract/ventas';
import { assertNever } from '../../shared/result';
import { useApp } from '../stores/app';
import { cobroStore, useCobro } from '../stores/cobro';
import { AbrirTurno } from './cobro/AbrirTurno';
import { accionCobro, atajosCobro } from './cobro/atajosCobro';
import { Carrito, type Edicion } from './cobro/Carrito';
import { CorreoPropuesto } from './cobro/CorreoComprador';
import { centavosATexto, parseMontoCentavos } from './cobro/dinero';
import { Pagos } from './cobro/Pagos';
import { PanelBusqueda } from './cobro/PanelBusqueda';
import { PanelComprador } from './cobro/PanelComprador';
import {
  AvisoCertificado,
  AvisosCarrito,
  TarjetaComprador,
  Totales,
  UltimasVentas,
} from './cobro/Resumen';

const esCampo = (el: Element | null): boolean =>
  el instanceof HTMLInputElement ||
  el instanceof HTMLTextAreaElement ||
  el instanceof HTMLSelectElement ||
  (el instanceof HTMLElement && el.isContentEditable);

/** The buyer's e-mail from the customer display waits for this cart's cashier. */
const hayCorreoPropuesto = (s: {
  correoPropuesto: { ventaId: string } | null;
  ventaId: string;
  comprador: unknown;
}): boolean =>
  s.correoPropuesto !== null && s.correoPropuesto.ventaId === s.ventaId && s.comprador !== null;

/** Where the cashier's message is shown: errors must be read, notes may be. */
const Mensaje = () => {
  const mensaje = useCobro((s) => s.mensaje);
  const descartar = useCobro((s) => s.descartarMensaje);
  return (
    <div className="cobro-mensaje-marco" aria-live="assertive">
      {mensaje === null ? null : (
        <div
          className={
            mensaje.tipo === 'error' ? 'cobro-mensaje cobro-mensaje-error' : 'cobro-mensaje'
          }
          role={mensaje.tipo === 'error' ? 'alert' : 'status'}
          data-testid="mensaje-cobro"
          data-code={mensaje.code}
        >
          <p>{mensaje.texto}</p>
          <button
            type="button"
            className="boton-icono"
            aria-label="Cerrar el mensaje"
            onClick={descartar}
          >
            ✕
          </button>
        </div>
      )}
    </div>
  );
};

/** Checkout (docs/architecture.md §1): scanner first, every step on a key, nothing typed lost by an error. */
export const Cobro = () => {
  const store = cobroStore();
  const panel = useCobro((s) => s.panel);
  const carritoVacio = useCobro((s) => s.lineas.length === 0);
  const certificado = useCobro((s) => s.certificado);
  const simulador = useApp((s) => s.backendSri === 'simulador');
  const escaneo = useRef<HTMLInputElement>(null);
  const campoMonto = useRef<HTMLInputElement>(null);
  const campoPropina = useRef<HTMLInputElement>(null);
  const [propina, setPropina] = useState<string | null>(null);
  const [codigo, setCodigo] = useState('');
  const [monto, setMonto] = useState('');
  const [edicion, setEdicion] = useState<Edicion>(null);
  const [pidiendoTurno, setPidiendoTurno] = useState(false);

  // Synchronous on purpose: a deferred focus could land after the cashier's next key (F4)
  // and pull the focus from the field that key chose.
  const volverAlLector = useCallback(() => escaneo.current?.focus(), []);

  useEffect(() => {
    escaneo.current?.focus();
    void store.getState().cargarCertificado();
    void store.getState().refrescarRecientes();
  }, [store]);

  // A panel closed by its own Enter (product chosen, buyer used) hands the focus back.
  const panelAnterior = useRef(panel);
  useEffect(() => {
    if (panelAnterior.current !== 'ninguno' && panel === 'ninguno') volverAlLector();
    panelAnterior.current = panel;
  }, [panel, volverAlLector]);

  const pagar = useCallback(
    (formaPago: FormaPagoCaja) => {
      const s = store.getState();
      if (s.lineas.length === 0) {
        s.avisar('Primero agregue productos: el carrito está vacío.', 'vacio');
        return;
      }
      const typed = monto.trim() === '' ? null : parseMontoCentavos(monto);
      if (monto.trim() !== '' && typed === null) {
        campoMonto.current?.focus();
        return;
      }
      const falta = s.calculo?.faltaCentavos ?? 0;
      s.agregarPago(formaPago, typed ?? falta);
      setMonto('');
      volverAlLector();
    },
    [monto, store, volverAlLector],
  );

  const aplicarPropina = useCallback(() => {
    const texto = propina?.trim() ?? '';
    const centavos = texto === '' ? 0 : parseMontoCentavos(texto);
    if (centavos === null) {
      campoPropina.current?.focus();
      return;
    }
    store.getState().fijarPropina(centavos);
    setPropina(null);
    volverAlLector();
  }, [propina, store, volverAlLector]);

  // The field appears with the propina already given, or the 10 % suggested, selected.
  const abiertaPropina = propina !== null;
  useEffect(() => {
    if (!abiertaPropina) return;
    campoPropina.current?.focus();
    campoPropina.current?.select();
  }, [abiertaPropina]);

  const cobrar = useCallback(async () => {
    setEdicion(null);
    const hecho = await store.getState().cobrar();
    if (hecho) setMonto('');
    if (!hecho && store.getState().mensaje?.code === 'sin_turno') {
      setPidiendoTurno(true);
      return;
    }
    volverAlLector();
  }, [store, volverAlLector]);

  useEffect(() => {
    const alPulsar = (event: globalThis.KeyboardEvent): void => {
      // An open dialog (the shift's, the F1 key map, an approval) owns the keyboard: its Esc
      // closes it, and no key acts on the cart behind it.
      if (pidiendoTurno || document.querySelector('dialog[open]') !== null) return;
      const s = store.getState();
      if (event.key === 'Escape') {
        if (s.panel !== 'ninguno' || edicion !== null || propina !== null) {
          event.preventDefault();
          s.cerrarPanel();
          setEdicion(null);
          setPropina(null);
          volverAlLector();
        } else if (hayCorreoPropuesto(s)) {
          // Nothing else open: Esc discards the e-mail the buyer typed on their display.
          event.preventDefault();
          s.descartarCorreoPropuesto();
          volverAlLector();
        } else if (document.activeElement !== escaneo.current) {
          event.preventDefault();
          volverAlLector();
        }
        return;
      }
      const accion = accionCobro({
        key: event.key,
        code: event.code,
        altKey: event.altKey,
        ctrlKey: event.ctrlKey,
        shiftKey: event.shiftKey,
        metaKey: event.metaKey,
        altGraph: event.getModifierState('AltGraph'),
      });
      if (accion === null) {
        // A scanner or a typing cashier whose focus wandered: letters go to the scan field.
        const imprimible =
          event.key.length === 1 && !event.ctrlKey && !event.altKey && !event.metaKey;
        if (imprimible && !esCampo(document.activeElement)) escaneo.current?.focus();
        return;
      }
      event.preventDefault();
      if (event.repeat && accion.tipo === 'cobrar') return;
      const linea = s.lineas[s.seleccionada];
      switch (accion.tipo) {
        case 'buscar':
          setEdicion(null);
          s.abrirBusqueda(codigo);
          setCodigo('');
          return;
        case 'comprador':
          setEdicion(null);
          s.abrirComprador();
          return;
        case 'efectivo':
          s.cerrarPanel();
          setEdicion(null);
          campoMonto.current?.focus();
          campoMonto.current?.select();
          return;
        case 'pago':
          pagar(accion.formaPago);
          return;
        case 'cantidad':
        case 'descuento':
          if (linea === undefined) {
            s.avisar('No hay ninguna línea elegida: escanee un producto primero.', 'sin_linea');
            return;
          }
          s.cerrarPanel();
          setEdicion({ clave: linea.clave, campo: accion.tipo });
          return;
        case 'propina': {
          const sugerida = s.calculo?.propinaSugeridaCentavos ?? null;
          if (s.lineas.length === 0) {
            s.avisar('Primero agregue productos: el carrito está vacío.', 'vacio');
            return;
          }
          if (sugerida === null && s.propinaCentavos === 0) {
            s.avisar(
              'La propina solo se registra en restaurantes: un administrador puede activar «Es restaurante» en Ajustes.',
              'propina_no_restaurante',
            );
            return;
          }
          s.cerrarPanel();
          setEdicion(null);
          const actual = s.propinaCentavos > 0 ? s.propinaCentavos : (sugerida ?? 0);
          setPropina(centavosATexto(actual));
          return;
        }
        case 'quitar':
          if (linea !== undefined) s.quitarLinea(linea.clave);
          setEdicion(null);
          volverAlLector();
          return;
        case 'cobrar':
          s.cerrarPanel();
          void cobrar();
          return;
        default:
          assertNever(accion);
      }
    };
    window.addEventListener('keydown', alPulsar, { capture: true });
    return () => window.removeEventListener('keydown', alPulsar, { capture: true });
  }, [store, codigo, edicion, propina, pagar, cobrar, volverAlLector, pidiendoTurno]);

  const alEscanear = (e: KeyboardEvent<HTMLInputElement>): void => {
    const s = store.getState();
    if (e.key === 'Enter' && codigo.trim() === '' && hayCorreoPropuesto(s)) {
      // An empty scan field: the Enter is the cashier's, accepting the buyer's e-mail.
      e.preventDefault();
      void s.aceptarCorreoPropuesto();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const leido = codigo;
      // Cleared at once: the next scan may already be arriving.
      setCodigo('');
      void s.escanear(leido);
    } else if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && codigo === '') {
      e.preventDefault();
      s.moverSeleccion(e.key === 'ArrowDown' ? 1 : -1);
    }
  };

  return (
    <section className="pantalla cobro" aria-labelledby="cobro-titulo" data-testid="pantalla-cobro">
      <h1 id="cobro-titulo" className="solo-lectores" tabIndex={-1}>
        Cobro
      </h1>
      <AvisoCertificado estado={certificado} simulador={simulador} />
      <div className="cobro-rejilla">
        <div className="cobro-principal">
          <div className="cobro-escaneo">
            <label htmlFor="campo-escaneo">Código de barras o código del producto</label>
            <input
              id="campo-escaneo"
              ref={escaneo}
              className="campo campo-escaneo"
              autoComplete="off"
              spellCheck={false}
              inputMode="numeric"
              enterKeyHint="enter"
              aria-describedby="escaneo-ayuda"
              value={codigo}
              onChange={(e) => setCodigo(e.target.value)}
              onKeyDown={alEscanear}
              data-testid="campo-escaneo"
              data-enfoque-inicial
            />
            <p id="escaneo-ayuda" className="cobro-ayuda">
              Escanee o escriba el código y pulse Enter. <kbd>F2</kbd> busca por nombre.
            </p>
          </div>
          <Mensaje />
          <CorreoPropuesto />
          <AvisosCarrito />
          {panel === 'busqueda' ? <PanelBusqueda /> : null}
          {panel === 'comprador' ? <PanelComprador /> : null}
          <TarjetaComprador alCambiar={() => store.getState().abrirComprador()} />
          {/* Until the next scan, the last sale's change is the biggest thing on screen. */}
          {carritoVacio ? <UltimasVentas grande /> : null}
          <Carrito
            edicion={edicion}
            alTerminarEdicion={() => {
              setEdicion(null);
              volverAlLector();
            }}
          />
        </div>
        <div className="cobro-lateral">
          <Totales />
          <Pagos
            propina={propina}
            setPropina={setPropina}
            campoPropina={campoPropina}
            aplicarPropina={aplicarPropina}
            monto={monto}
            setMonto={setMonto}
            campoMonto={campoMonto}
            pagar={pagar}
            cobrar={() => void cobrar()}
          />
          {carritoVacio ? null : <UltimasVentas />}
        </div>
      </div>
      <AbrirTurno
        abierta={pidiendoTurno}
        onAbrir={async (fondoCentavos) => {
          const fallo = await store.getState().abrirTurnoYCobrar(fondoCentavos);
          if (fallo !== null) return fallo;
          setPidiendoTurno(false);
          setMonto('');
          volverAlLector();
          return null;
        }}
        onCancelar={() => {
          setPidiendoTurno(false);
          volverAlLector();
        }}
      />
      <nav className="cobro-teclas" aria-label="Teclas de la caja">
        <ul>
          {atajosCobro.map((a) => (
            <li key={a.teclas}>
              <kbd>{a.teclas}</kbd> {a.accion}
            </li>
          ))}
        </ul>
      </nav>
    </section>
  );
};
