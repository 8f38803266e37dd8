import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { type LineaCobro, useCobro, valorLinea } from '../../stores/cobro';
import {
  cantidadTexto,
  formatoDolares,
  formatoTarifa,
  parseMontoCentavos,
  precioConIvaCentavos,
} from './dinero';

export type Edicion = { clave: string; campo: 'cantidad' | 'descuento' } | null;

type EditorProps = {
  linea: LineaCobro;
  campo: 'cantidad' | 'descuento';
  alTerminar: () => void;
};

/** Quantity (decimals for weighed goods) or discount of one line: Enter applies, Esc cancels. */
const EditorLinea = ({ linea, campo, alTerminar }: EditorProps) => {
  const cambiarCantidad = useCobro((s) => s.cambiarCantidad);
  const cambiarDescuento = useCobro((s) => s.cambiarDescuento);
  const [texto, setTexto] = useState(
    campo === 'cantidad'
      ? cantidadTexto(linea.cantidadMicros)
      : linea.descuentoCentavos === 0
        ? ''
        : (linea.descuentoCentavos / 100).toFixed(2),
  );
  const campoRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    campoRef.current?.focus();
    campoRef.current?.select();
  }, []);
  const aplicar = (): void => {
    if (campo === 'cantidad') {
      if (cambiarCantidad(linea.clave, texto)) alTerminar();
      return;
    }
    const centavos = texto.trim() === '' ? 0 : parseMontoCentavos(texto);
    if (centavos === null) return;
    if (cambiarDescuento(linea.clave, centavos)) alTerminar();
  };
  const alPulsar = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') {
      e.preventDefault();
      aplicar();
    }
  };
  const id = `editor-${campo}`;
  const etiqueta =
    campo === 'cantidad'
      ? `Cantidad de «${linea.producto.descripcion}» (${linea.producto.unidad})`
      : `Descuento en dólares para «${linea.producto.descripcion}»`;
  return (
    <div className="cobro-editor" data-testid="editor-linea">
      <label htmlFor={id}>{etiqueta}</label>
      <input
        id={id}
        ref={campoRef}
        className="campo"
        inputMode="decimal"
        autoComplete="off"
        value={texto}
        onChange={(e) => setTexto(e.target.value)}
        onKeyDown={alPulsar}
      />
      <button type="button" className="boton" onClick={aplicar}>
        Aplicar <kbd>Enter</kbd>
      </button>
      <button type="button" className="boton boton-secundario" onClick={alTerminar}>
        Cancelar <kbd>Esc</kbd>
      </button>
      {campo === 'descuento' ? (
        <p className="cobro-ayuda">
          {linea.producto.descuentoMaximoBp === 0
            ? 'Este producto no admite descuento en caja.'
            : `Máximo ${linea.producto.descuentoMaximoBp / 100} % del valor de la línea.`}
        </p>
      ) : null}
    </div>
  );
};

type Props = { edicion: Edicion; alTerminarEdicion: () => void };

/** The lines of the sale: shown from local data the moment they are scanned. */
export const Carrito = ({ edicion, alTerminarEdicion }: Props) => {
  const lineas = useCobro((s) => s.lineas);
  const seleccionada = useCobro((s) => s.seleccionada);
  const seleccionar = useCobro((s) => s.seleccionar);
  const quitarLinea = useCobro((s) => s.quitarLinea);
  const editada = edicion === null ? undefined : lineas.find((l) => l.clave === edicion.clave);
  const filaSeleccionada = useRef<HTMLTableRowElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when the selection moves.
  useEffect(() => {
    filaSeleccionada.current?.scrollIntoView({ block: 'nearest' });
  }, [seleccionada, lineas.length]);

  return (
    <section className="cobro-carrito" aria-labelledby="carrito-titulo">
      <h2 id="carrito-titulo" className="solo-lectores">
        Productos de la venta
      </h2>
      {editada !== undefined && edicion !== null ? (
        <EditorLinea
          key={`${edicion.clave}-${edicion.campo}`}
          linea={editada}
          campo={edicion.campo}
          alTerminar={alTerminarEdicion}
        />
      ) : null}
      {lineas.length === 0 ? (
        <p className="cobro-vacio" data-testid="carrito-vacio">
          Escanee un producto o pulse <kbd>F2</kbd> para buscarlo por nombre.
        </p>
      ) : (
        <div className="cobro-tabla-marco">
          <table className="cobro-tabla" data-testid="carrito">
            <thead>
              <tr>
                <th scope="col">Producto</th>
                <th scope="col" className="num">
                  Cantidad
                </th>
                <th scope="col" className="num">
                  Precio con IVA
                </th>
                <th scope="col" className="num">
                  Descuento
                </th>
                <th scope="col" className="num">
                  Valor sin IVA
                </th>
                <th scope="col">
                  <span className="solo-lectores">Acciones</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {lineas.map((l, i) => (
                <tr
                  key={l.clave}
                  ref={i === seleccionada ? filaSeleccionada : undefined}
                  className={i === seleccionada ? 'seleccionada' : undefined}
                  data-seleccionada={i === seleccionada}
                  data-testid="linea"
                  data-codigo={l.producto.codigo}
                  onClick={() => seleccionar(i)}
                >
                  <td>
                    <span className="linea-descripcion">{l.producto.descripcion}</span>
                    {i === seleccionada ? (
                      <span className="solo-lectores"> (línea elegida)</span>
                    ) : null}
                    <span className="linea-detalle">
                      {l.producto.codigo} · IVA {formatoTarifa(l.producto.tarifaIva)}
                    </span>
                  </td>
                  <td className="num" data-testid="linea-cantidad">
                    {cantidadTexto(l.cantidadMicros)}
                    {l.producto.unidad === 'unidad' ? '' : ` ${l.producto.unidad}`}
                  </td>
                  <td className="num" data-testid="linea-precio">
                    {formatoDolares(
                      precioConIvaCentavos(l.producto.precioUnitarioMicros, l.producto.tarifaIva),
                    )}
                  </td>
                  <td className="num">
                    {l.descuentoCentavos === 0 ? '—' : formatoDolares(l.descuentoCentavos)}
                  </td>
                  <td className="num" data-testid="linea-valor">
                    {formatoDolares(valorLinea(l))}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="boton-icono"
                      aria-label={`Quitar ${l.producto.descripcion}`}
                      onClick={(e) => {
                        e.stopPropagation();
                        quitarLinea(l.clave);
                      }}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="cobro-ayuda">
        Los precios incluyen IVA, como en la percha; el valor de cada línea va sin IVA y el total lo
        suma.
      </p>
    </section>
  );
};
