import { useEffect, useRef } from 'react';
import { assertNever } from '../shared/result';
import {
  Avisos,
  Cabecera,
  ConexionLocal,
  DialogoAtajos,
  ErrorBoundary,
  Navegacion,
  PieAtajos,
} from './components';
import { IngresoPin } from './components/sesion';
import { accionDeTecla } from './keymap';
import { type PantallaId, tituloDe } from './pantallas';
import { PantallaActual } from './screens';
import { Bienvenida } from './screens/Bienvenida';
import { useAjustes } from './stores/ajustes';
import { appStore, useApp } from './stores/app';

/** Global shortcuts; capture phase so a focused field cannot swallow them. */
const useAtajos = (): void => {
  useEffect(() => {
    const alPulsar = (event: KeyboardEvent): void => {
      if (event.repeat) return;
      const accion = accionDeTecla({
        key: event.key,
        code: event.code,
        altKey: event.altKey,
        ctrlKey: event.ctrlKey,
        shiftKey: event.shiftKey,
        metaKey: event.metaKey,
        altGraph: event.getModifierState('AltGraph'),
      });
      if (accion === null) return;
      // Keeps Chromium from running its own binding (help page, tab switch).
      event.preventDefault();
      const estado = appStore.getState();
      switch (accion.tipo) {
        case 'ir':
          estado.irA(accion.pantalla);
          return;
        case 'ayuda':
          estado.alternarAyuda();
          return;
        default:
          assertNever(accion);
      }
    };
    window.addEventListener('keydown', alPulsar, { capture: true });
    return () => window.removeEventListener('keydown', alPulsar, { capture: true });
  }, []);
};

/**
 * When a screen opens, the focus goes to its `[data-enfoque-inicial]` element (e.g. a scan
 * field) or else to its heading, so keyboard and screen-reader users land on it. It runs in
 * `App`, after every child's effects, so it also wins over a closing dialog giving the focus
 * back to whatever had it before.
 */
const useEnfocarPantalla = (pantalla: PantallaId) => {
  const contenido = useRef<HTMLElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the point is to rerun on each screen change.
  useEffect(() => {
    const raiz = contenido.current;
    if (raiz === null) return;
    const destino =
      raiz.querySelector<HTMLElement>('[data-enfoque-inicial]') ?? raiz.querySelector('h1');
    destino?.focus();
  }, [pantalla]);
  return contenido;
};

export const App = () => {
  useAtajos();
  const pantalla = useApp((s) => s.pantalla);
  const contenido = useEnfocarPantalla(pantalla);
  // A store without an emission point is set up first (Ajustes' first-run welcome).
  const bienvenida = useAjustes((s) => s.bienvenida);
  if (bienvenida === 'necesaria') return <Bienvenida />;
  return (
    <div className="app">
      <a className="saltar" href="#contenido">
        Saltar al contenido
      </a>
      <Cabecera />
      <Navegacion />
      <ConexionLocal />
      <Avisos />
      <main
        id="contenido"
        className="contenido"
        tabIndex={-1}
        ref={contenido}
        data-pantalla={pantalla}
      >
        {/* Keyed by screen: leaving a broken screen clears its error. */}
        <ErrorBoundary key={pantalla} lugar={`la pantalla ${tituloDe(pantalla)}`}>
          <PantallaActual pantalla={pantalla} />
        </ErrorBoundary>
      </main>
      <PieAtajos />
      <DialogoAtajos />
      <IngresoPin />
    </div>
  );
};
