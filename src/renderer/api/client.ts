import type { MostradorApi } from '../../shared/contract';
import { conAprobacionDeUnSoloUso } from './aprobaciones';
import { createHttpTransport, type OpenEventStream, type Schedule } from './httpTransport';
import { createPreloadTransport } from './preloadTransport';
import { takeToken } from './token';
import {
  type ConexionLocal,
  createMostradorApi,
  type EventoInvalido,
  type Transport,
} from './transport';

/** What the rest of the renderer uses: the contract API plus the state of the local channel. */
export type Cliente = {
  api: MostradorApi;
  transporte: Transport['kind'];
  onConexion: (listener: (estado: ConexionLocal) => void) => () => void;
};

const openEventSource: OpenEventStream = (url, names, handlers) => {
  const source = new EventSource(url);
  source.onopen = () => handlers.onOpen();
  source.onerror = () => handlers.onError(source.readyState === EventSource.CLOSED);
  for (const name of names) {
    source.addEventListener(name, (event: MessageEvent) => handlers.onEvent(name, event.data));
  }
  return { close: () => source.close() };
};

const schedule: Schedule = (task, ms) => {
  const handle = window.setTimeout(task, ms);
  return () => window.clearTimeout(handle);
};

/**
 * Chooses the transport once, at start: the Electron preload bridge when `window.mostrador`
 * exists, otherwise the browser host over HTTP + server-sent events.
 */
export const createCliente = (win: Window, onEventoInvalido: EventoInvalido): Cliente => {
  const transport =
    win.mostrador === undefined
      ? createHttpTransport({
          baseUrl: win.location.origin,
          token: takeToken({
            href: win.location.href,
            storage: win.sessionStorage,
            replaceUrl: (url) => win.history.replaceState(win.history.state, '', url),
          }),
          fetch: (url, init) => win.fetch(url, { ...init, cache: 'no-store' }),
          openEventStream: openEventSource,
          schedule,
        })
      : createPreloadTransport(win.mostrador);
  return {
    api: conAprobacionDeUnSoloUso(createMostradorApi(transport, onEventoInvalido)),
    transporte: transport.kind,
    onConexion: transport.onConexion,
  };
};
