import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import {
  type PantallaCliente as Estado,
  pantallaClienteSchema,
} from '../../../shared/contract/pantallaCliente';
import { ErrorBoundary } from '../../components';
import { PantallaCliente, type Suscribir } from './PantallaCliente';

type Ventana = Pick<Window, 'location' | 'mostradorCliente'> & {
  EventSource?: typeof EventSource;
};

/** The display is the page at `/cliente` (browser host) or `#/cliente` (Electron's second window). */
export const esPantallaCliente = (w: Pick<Window, 'location'>): boolean =>
  w.location.pathname === '/cliente' || w.location.hash === '#/cliente';

/**
 * Where the pictures come from: the display window's preload in Electron (events only), or the
 * host's display stream (`/api/cliente/events`, its own cookie). Each payload is validated.
 */
const suscripcion = (w: Ventana): Suscribir => {
  const puente = w.mostradorCliente;
  if (puente !== undefined) {
    return (oyente) =>
      puente.subscribe((p) => {
        const r = pantallaClienteSchema.safeParse(p);
        if (r.success) oyente(r.data);
      });
  }
  return (oyente) => {
    const fuente = new EventSource('/api/cliente/events');
    fuente.addEventListener('pantallaCliente', (e) => {
      try {
        const r = pantallaClienteSchema.safeParse(JSON.parse((e as MessageEvent<string>).data));
        if (r.success) oyente(r.data as Estado);
      } catch {
        // A broken message is skipped; the next picture replaces it.
      }
    });
    return () => fuente.close();
  };
};

/** Renders the customer display; it never builds the contract's client. */
export const montarPantallaCliente = (w: Ventana, raiz: HTMLElement): void => {
  document.title = 'Mostrador — su compra';
  createRoot(raiz).render(
    <StrictMode>
      <ErrorBoundary lugar="la pantalla del cliente">
        <PantallaCliente suscribir={suscripcion(w)} />
      </ErrorBoundary>
    </StrictMode>,
  );
};
