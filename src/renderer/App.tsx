import { useEffect } from 'react';
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
import { accionDeTecla } from './keymap';
import { tituloDe } from './pantallas';
import { PantallaActual } from './screens';
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

export const App = () => {
  useAtajos();
  const pantalla = useApp((s) => s.pantalla);
  return (
    <div className="app">
      <a className="saltar" href="#contenido">
        Saltar al contenido
      </a>
      <Cabecera />
      <Navegacion />
      <ConexionLocal />
      <Avisos />
      <main id="contenido" className="contenido" tabIndex={-1}>
        {/* Keyed by screen: leaving a broken screen clears its error. */}
        <ErrorBoundary key={pantalla} lugar={`la pantalla ${tituloDe(pantalla)}`}>
          <PantallaActual pantalla={pantalla} />
        </ErrorBoundary>
      </main>
      <PieAtajos />
      <DialogoAtajos />
    </div>
  );
};
