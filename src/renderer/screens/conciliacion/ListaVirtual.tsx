import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';

type Props<T> = {
  filas: readonly T[];
  clave: (fila: T) => string;
  /** Fixed row height in px: what makes windowing a division. */
  altoFila: number;
  /** Visible height in px. */
  alto: number;
  seleccion: string | null;
  onSeleccionar: (clave: string) => void;
  /** Called when the view gets near the last loaded row (load the next page). */
  onCercaDelFinal: () => void;
  renderFila: (fila: T, seleccionada: boolean) => ReactNode;
  etiqueta: string;
  encabezado: ReactNode;
};

/** Rows drawn beyond the visible ones, so fast scrolling never shows a blank band. */
const MARGEN = 8;

/**
 * The visible window of the rows `[inicio, fin)` for a scroll position.
 * @example ventana(3600, 480, 36, 1000) // { inicio: 92, fin: 122 }
 */
export const ventana = (
  scrollTop: number,
  alto: number,
  altoFila: number,
  total: number,
): { inicio: number; fin: number } => {
  const primera = Math.floor(scrollTop / altoFila);
  const visibles = Math.ceil(alto / altoFila);
  return {
    inicio: Math.max(0, primera - MARGEN),
    fin: Math.min(total, primera + visibles + MARGEN),
  };
};

/**
 * A list that only renders the rows in view: a large day or a whole year of documents costs
 * the same to draw. Keyboard: ↑/↓, Inicio/Fin, RePág/AvPág move the selection.
 */
export const ListaVirtual = <T,>({
  filas,
  clave,
  altoFila,
  alto,
  seleccion,
  onSeleccionar,
  onCercaDelFinal,
  renderFila,
  etiqueta,
  encabezado,
}: Props<T>) => {
  const contenedor = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const { inicio, fin } = ventana(scrollTop, alto, altoFila, filas.length);
  const indice = seleccion === null ? -1 : filas.findIndex((f) => clave(f) === seleccion);

  useEffect(() => {
    if (fin >= filas.length - MARGEN && filas.length > 0) onCercaDelFinal();
  }, [fin, filas.length, onCercaDelFinal]);

  // Keep the selected row in view when the keyboard moves it.
  useEffect(() => {
    const div = contenedor.current;
    if (div === null || indice < 0) return;
    const arriba = indice * altoFila;
    if (arriba < div.scrollTop) div.scrollTop = arriba;
    else if (arriba + altoFila > div.scrollTop + alto) div.scrollTop = arriba + altoFila - alto;
  }, [indice, altoFila, alto]);

  const mover = (e: KeyboardEvent<HTMLDivElement>) => {
    if (filas.length === 0) return;
    const pagina = Math.max(1, Math.floor(alto / altoFila) - 1);
    const destinos: Record<string, number> = {
      ArrowDown: indice + 1,
      ArrowUp: indice - 1,
      PageDown: indice + pagina,
      PageUp: indice - pagina,
      Home: 0,
      End: filas.length - 1,
    };
    const destino = destinos[e.key];
    if (destino === undefined) return;
    e.preventDefault();
    const fila = filas[Math.min(filas.length - 1, Math.max(0, destino))];
    if (fila !== undefined) onSeleccionar(clave(fila));
  };

  return (
    <div className="lista-virtual">
      <div className="lista-encabezado" aria-hidden="true">
        {encabezado}
      </div>
      <div
        ref={contenedor}
        className="lista-ventana"
        style={{ height: alto }}
        role="listbox"
        aria-label={etiqueta}
        tabIndex={0}
        aria-activedescendant={seleccion === null ? undefined : `fila-${seleccion}`}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={mover}
        // The list is what the supervisor came for: arrows move through it from the start.
        data-enfoque-inicial
        data-testid="lista-documentos"
      >
        <div style={{ height: filas.length * altoFila, position: 'relative' }}>
          {filas.slice(inicio, fin).map((fila, i) => {
            const k = clave(fila);
            const elegida = k === seleccion;
            return (
              // The listbox holds the focus and the keys (aria-activedescendant); a click on a
              // row only selects it.
              // biome-ignore lint/a11y/useFocusableInteractive: focus stays on the listbox
              // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled by the listbox
              <div
                key={k}
                id={`fila-${k}`}
                role="option"
                aria-selected={elegida}
                className={`lista-fila${elegida ? ' lista-fila-elegida' : ''}`}
                style={{ position: 'absolute', top: (inicio + i) * altoFila, height: altoFila }}
                onClick={() => onSeleccionar(k)}
              >
                {renderFila(fila, elegida)}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
};
