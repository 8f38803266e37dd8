import type { AppEstado } from '../../shared/contract';
import { ok, type Result } from '../../shared/result';
import { leerAvisosTerceros } from '../recursos/licencias';
import type { EventBus, HandlerGroup } from '../rpc';

export type BackendSri = AppEstado['backendSri'];
export type Ambiente = AppEstado['ambiente'];

/** What `app.estado` reports, kept current from the bus instead of polling each service. */
export type EstadoTracker = {
  snapshot: () => Pick<AppEstado, 'enLinea' | 'outboxPendientes' | 'ultimoErrorSri'>;
  stop: () => void;
};

/**
 * Follows the `conectividad` and `outbox` events, starting from what the outbox worker knows.
 * @example const tracker = trackEstado(bus, { enLinea: true, outboxPendientes: 0 })
 */
export const trackEstado = (
  events: EventBus,
  initial: { enLinea: boolean; outboxPendientes: number },
): EstadoTracker => {
  let enLinea = initial.enLinea;
  let outboxPendientes = initial.outboxPendientes;
  let ultimoErrorSri: string | null = null;
  const stops = [
    events.subscribe('conectividad', (payload) => {
      enLinea = payload.enLinea;
    }),
    events.subscribe('outbox', (payload) => {
      outboxPendientes = payload.pendientes;
      ultimoErrorSri = payload.ultimoErrorSri;
    }),
  ];
  return {
    snapshot: () => ({ enLinea, outboxPendientes, ultimoErrorSri }),
    stop: () => {
      for (const stop of stops) stop();
    },
  };
};

/** Handlers of the `app.*` calls. */
export const createAppHandlers = (deps: {
  version: string;
  ambiente: () => Ambiente;
  backendSri: BackendSri;
  tracker: EstadoTracker;
  tienda: () => AppEstado['tienda'];
  /** The machine's clock against the SRI's; unknown when absent. */
  relojSri?: () => AppEstado['relojSri'];
  /** The third-party notices (default: the shipped `resources/licencias`). */
  avisosTerceros?: () => Result<{ carpeta: string; texto: string }>;
}): HandlerGroup<'app.estado' | 'app.acercaDe'> => ({
  'app.acercaDe': () => {
    const avisos = (deps.avisosTerceros ?? leerAvisosTerceros)();
    if (!avisos.ok) return avisos;
    return ok({
      version: deps.version,
      terceros: avisos.value.texto,
      carpetaLicencias: avisos.value.carpeta,
    });
  },
  'app.estado': () =>
    ok({
      version: deps.version,
      ambiente: deps.ambiente(),
      backendSri: deps.backendSri,
      ...deps.tracker.snapshot(),
      tienda: deps.tienda(),
      relojSri: deps.relojSri?.() ?? { desfaseSegundos: null, desincronizado: false },
    }),
});
