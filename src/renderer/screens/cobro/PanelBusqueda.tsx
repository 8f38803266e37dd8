import { type KeyboardEvent, useEffect, useRef } from 'react';
import { useCobro } from '../../stores/cobro';
import { formatoDolares, formatoTarifa, precioConIvaCentavos } from './dinero';

/** F2: search by name or code; ↑/↓ move, Enter adds, Esc goes back to the scanner. */
export const PanelBusqueda = () => {
  const busqueda = useCobro((s) => s.busqueda);
  const buscar = useCobro((s) => s.buscar);
  const mover = useCobro((s) => s.moverBusqueda);
  const elegir = useCobro((s) => s.elegirBusqueda);
  const campo = useRef<HTMLInputElement>(null);
  useEffect(() => {
    campo.current?.focus();
    campo.current?.select();
  }, []);

  const alPulsar = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      mover(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'PageDown' || e.key === 'PageUp') {
      e.preventDefault();
      mover(e.key === 'PageDown' ? 5 : -5);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      elegir();
    }
  };

  const activo = busqueda.resultados.length > 0 ? `resultado-${busqueda.seleccion}` : undefined;
  return (
    <section className="cobro-panel" aria-labelledby="busqueda-titulo" data-testid="panel-busqueda">
      <h2 id="busqueda-titulo">Buscar producto</h2>
      <label htmlFor="busqueda-texto">Nombre o código</label>
      <input
        id="busqueda-texto"
        ref={campo}
        className="campo campo-grande"
        role="combobox"
        aria-expanded={busqueda.resultados.length > 0}
        aria-controls="busqueda-resultados"
        aria-activedescendant={activo}
        aria-autocomplete="list"
        autoComplete="off"
        spellCheck={false}
        value={busqueda.texto}
        onChange={(e) => void buscar(e.target.value)}
        onKeyDown={alPulsar}
      />
      <p className="cobro-ayuda">
        <kbd>↑</kbd> <kbd>↓</kbd> para elegir, <kbd>Enter</kbd> para agregar, <kbd>Esc</kbd> para
        volver al lector.
      </p>
      <p className="cobro-nota" role="status">
        {busqueda.cargando
          ? 'Buscando…'
          : (busqueda.nota ??
            (busqueda.resultados.length > 0
              ? `${busqueda.resultados.length} productos encontrados.`
              : ''))}
      </p>
      <div
        id="busqueda-resultados"
        className="cobro-resultados"
        role="listbox"
        aria-label="Productos encontrados"
      >
        {busqueda.resultados.map((p, i) => (
          // The combobox keeps the focus and points at the option (aria-activedescendant), so
          // the options themselves are not focusable and the keyboard path is the field above.
          // biome-ignore lint/a11y/useKeyWithClickEvents: see above.
          // biome-ignore lint/a11y/useFocusableInteractive: see above.
          <div
            key={p.id}
            id={`resultado-${i}`}
            role="option"
            aria-selected={i === busqueda.seleccion}
            className={i === busqueda.seleccion ? 'seleccionado' : undefined}
            data-testid="resultado"
            onClick={() => elegir(i)}
          >
            <span className="resultado-descripcion">{p.descripcion}</span>
            <span className="resultado-detalle">
              {p.codigo} · IVA {formatoTarifa(p.tarifaIva)}
              {p.pesable ? ` · por ${p.unidad}` : ''}
            </span>
            <span className="resultado-precio">
              {formatoDolares(precioConIvaCentavos(p.precioUnitarioMicros, p.tarifaIva))}
            </span>
          </div>
        ))}
      </div>
    </section>
  );
};
