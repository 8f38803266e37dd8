import { type ComponentType, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useAjustes } from '../stores/ajustes';
import { AcercaDe } from './ajustes/AcercaDe';
import { Balanza } from './ajustes/Balanza';
import { Capacitacion } from './ajustes/Capacitacion';
import { SeccionCorreo } from './ajustes/Correo';
import { EmisorYPunto } from './ajustes/Emisor';
import { SeccionFactio } from './ajustes/Factio';
import { FirmaElectronica } from './ajustes/Firma';
import { Impresoras } from './ajustes/Impresoras';
import { LocalYUbicacion } from './ajustes/Local';
import { Respaldos } from './ajustes/Respaldos';
import './ajustes/ajustes.css';
import { MarcoPantalla } from './MarcoPantalla';

/**
 * The sections of Ajustes, in order. Each is one component: adding a section is one line here
 * (`{ id, titulo, Componente }`).
 */
const secciones: readonly { id: string; titulo: string; Componente: ComponentType }[] = [
  { id: 'firma', titulo: 'Firma electrónica', Componente: FirmaElectronica },
  { id: 'emisor', titulo: 'Emisor y punto de emisión', Componente: EmisorYPunto },
  { id: 'local', titulo: 'Restaurante y ubicación', Componente: LocalYUbicacion },
  { id: 'impresoras', titulo: 'Impresoras', Componente: Impresoras },
  { id: 'balanza', titulo: 'Etiquetas de balanza', Componente: Balanza },
  { id: 'factio', titulo: 'API de Factio', Componente: SeccionFactio },
  { id: 'correo', titulo: 'Correo', Componente: SeccionCorreo },
  { id: 'respaldos', titulo: 'Respaldos y archivo', Componente: Respaldos },
  { id: 'capacitacion', titulo: 'Capacitación', Componente: Capacitacion },
  { id: 'acerca-de', titulo: 'Acerca de', Componente: AcercaDe },
];

/**
 * Settings (docs/architecture.md §1): a vertical tab list on the left — arrows, Home and End move between
 * sections, as in the WAI-ARIA tabs pattern — and the open section on the right.
 */
export const Ajustes = () => {
  const cargar = useAjustes((s) => s.cargar);
  const [abierta, setAbierta] = useState(secciones[0]?.id ?? '');
  const pestanas = useRef<(HTMLButtonElement | null)[]>([]);
  // Fresh data each time the screen opens: another counter or the checkout may have changed it.
  useEffect(() => {
    void cargar();
  }, [cargar]);

  const mover = (e: KeyboardEvent<HTMLButtonElement>, indice: number) => {
    const ultimo = secciones.length - 1;
    const destino =
      e.key === 'ArrowDown' || e.key === 'ArrowRight'
        ? indice === ultimo
          ? 0
          : indice + 1
        : e.key === 'ArrowUp' || e.key === 'ArrowLeft'
          ? indice === 0
            ? ultimo
            : indice - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? ultimo
              : null;
    if (destino === null) return;
    e.preventDefault();
    const seccion = secciones[destino];
    if (seccion === undefined) return;
    setAbierta(seccion.id);
    pestanas.current[destino]?.focus();
  };

  return (
    <MarcoPantalla
      id="ajustes"
      titulo="Ajustes"
      quien="Para el propietario."
      resumen="La firma electrónica, quién emite y desde qué punto, el ambiente del SRI y las impresoras."
    >
      <div className="ajustes">
        <div
          className="ajustes-pestanas"
          role="tablist"
          aria-orientation="vertical"
          aria-label="Secciones de Ajustes"
        >
          {secciones.map((s, i) => (
            <button
              key={s.id}
              ref={(el) => {
                pestanas.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`ajustes-pestana-${s.id}`}
              aria-selected={abierta === s.id}
              aria-controls={`ajustes-panel-${s.id}`}
              tabIndex={abierta === s.id ? 0 : -1}
              // Arrows choose the section, Tab goes into it: the keyboard starts here.
              data-enfoque-inicial={i === 0 ? true : undefined}
              className="ajustes-pestana"
              data-testid={`ajustes-pestana-${s.id}`}
              onClick={() => setAbierta(s.id)}
              onKeyDown={(e) => mover(e, i)}
            >
              {s.titulo}
            </button>
          ))}
        </div>
        {secciones.map(({ id, titulo, Componente }) =>
          abierta === id ? (
            <section
              key={id}
              id={`ajustes-panel-${id}`}
              role="tabpanel"
              aria-labelledby={`ajustes-pestana-${id}`}
              className="ajustes-panel"
            >
              <h2>{titulo}</h2>
              <Componente />
            </section>
          ) : null,
        )}
      </div>
    </MarcoPantalla>
  );
};
