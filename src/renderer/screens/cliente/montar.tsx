import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import * as z from 'zod';
import {
  type PantallaCliente as Estado,
  pantallaClienteSchema,
} from '../../../shared/contract/pantallaCliente';
import { ErrorBoundary } from '../../components';
import { type EnviarCorreo, PantallaCliente, type Suscribir } from './PantallaCliente';

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

/** Main's answer to the e-mail, from either transport: read, never trusted blindly. */
const respuestaSchema = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: z.object({ message: z.string() }) }),
]);
const SIN_RESPUESTA = 'No se pudo enviar su correo. Dígaselo al cajero, por favor.';

const leerRespuesta = (valor: unknown): string | null => {
  const r = respuestaSchema.safeParse(valor);
  if (!r.success) return SIN_RESPUESTA;
  return r.data.ok ? null : r.data.error.message;
};

/**
 * Where the buyer's e-mail goes: the display window's preload (its one IPC channel) or the
 * host's `POST /api/cliente/correo` (the display's cookie rides along, same origin only).
 */
const envio = (w: Ventana): EnviarCorreo => {
  const puente = w.mostradorCliente;
  if (puente !== undefined) {
    return async (propuesta) => {
      try {
        return leerRespuesta(await puente.proponerCorreo(propuesta));
      } catch {
        return SIN_RESPUESTA;
      }
    };
  }
  return async (propuesta) => {
    try {
      const r = await fetch('/api/cliente/correo', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(propuesta),
        credentials: 'same-origin',
      });
      return leerRespuesta(await r.json());
    } catch {
      return SIN_RESPUESTA;
    }
  };
};

/** Renders the customer display; it never builds the contract's client. */
export const montarPantallaCliente = (w: Ventana, raiz: HTMLElement): void => {
  document.title = 'Mostrador — su compra';
  createRoot(raiz).render(
    <StrictMode>
      <ErrorBoundary lugar="la pantalla del cliente">
        <PantallaCliente suscribir={suscripcion(w)} enviarCorreo={envio(w)} />
      </ErrorBoundary>
    </StrictMode>,
  );
};
