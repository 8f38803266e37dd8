import { mkdir } from 'node:fs/promises';
import packageJson from '../../package.json';
import type { Result } from '../shared/result';
import { err, ok } from '../shared/result';
import {
  type BackendSri,
  createAppHandlers,
  createEventBus,
  dispatch,
  type EventBus,
  type Handlers,
  type Transport,
  trackEstado,
} from './app/index';
import type { Clock, Logger } from './log';

export type AppOptions = {
  /** Folder holding the database, backups and documents (Electron: userData; host: --data-dir). */
  dataDir: string;
  /** Seed the sample store and use the built-in SRI simulator (training mode). */
  demo?: boolean;
  logger: Logger;
  clock: Clock;
  /** Defaults to package.json's version; Electron passes `app.getVersion()`. */
  version?: string;
  /** Check handler outputs against the contract; on unless NODE_ENV is production. */
  checkOutputs?: boolean;
};

/** The running application behind both transports (IPC and HTTP). */
export type App = {
  handlers: Handlers;
  events: EventBus;
  /** Runs one untrusted call through `dispatch` (validation, error mapping, logging). */
  call: (name: string, rawInput: unknown, transport: Transport) => Promise<Result<unknown>>;
  /** Stops services and closes the database; safe to call twice. */
  close: () => Promise<void>;
};

/**
 * Composition root: opens the data folder, starts the services and builds the one handler
 * table that IPC and the browser host both serve.
 * @example const app = await createApp({ dataDir, demo: true, logger, clock: systemClock })
 */
export const createApp = async (options: AppOptions): Promise<Result<App>> => {
  const { logger } = options;
  try {
    await mkdir(options.dataDir, { recursive: true });
  } catch (error) {
    return err(
      'carpeta_datos',
      `No se pudo crear la carpeta de datos «${options.dataDir}»: ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  const events = createEventBus({ logger });
  const tracker = trackEstado(events, { outboxPendientes: 0 });
  const backendSri: BackendSri = options.demo === true ? 'simulador' : 'sri';

  // Each domain contributes the handlers of its own calls; `satisfies` makes a missing call a
  // type error here.
  const handlers = {
    ...createAppHandlers({
      version: options.version ?? packageJson.version,
      // A store starts in pruebas until the owner switches its issuer to producción.
      ambiente: () => 'pruebas',
      backendSri,
      tracker,
    }),
  } satisfies Handlers;

  const checkOutput = options.checkOutputs ?? process.env.NODE_ENV !== 'production';
  let closed = false;
  logger.info('Aplicación iniciada', { dataDir: options.dataDir, backendSri });

  return ok({
    handlers,
    events,
    call: (name, rawInput, transport) =>
      dispatch(handlers, name, rawInput, { transport, logger }, { checkOutput }),
    close: async () => {
      if (closed) return;
      closed = true;
      tracker.stop();
      logger.info('Aplicación cerrada');
    },
  });
};
