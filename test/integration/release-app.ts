/**
 * Helpers for the release tests: a demo app in a temp folder with the test certificate
 * imported (so xmlsec1 can check signatures against the test CA), and real sales through
 * `ventas.cobrar` that the in-process SRI simulator authorizes.
 */
import { randomUUID } from 'node:crypto';
import { type App, createApp } from '../../src/main/app';
import { getIssuer, listUsers } from '../../src/main/db';
import { DEMO_USERS } from '../../src/main/demo';
import { type Clock, type Logger, silentLogger, systemClock } from '../../src/main/log';
import { createMemoryKeychain } from '../fakes/memoryKeychain';
import { modernP12, type TestP12 } from '../fixtures/certs';
import { aprobandoEnApp } from './aprobar';

export type DemoApp = { app: App; certificate: TestP12 };

export const startDemoApp = async (
  dataDir: string,
  options: {
    logger?: Logger;
    clock?: Clock;
    importCertificate?: boolean;
    /** Reference instant of the test certificate's validity (to sign in the past). */
    certificateNow?: Date;
  } = {},
): Promise<DemoApp> => {
  const created = await createApp({
    dataDir,
    demo: true,
    logger: options.logger ?? silentLogger,
    clock: options.clock ?? systemClock,
    // Tests here move the clock on purpose (sales days ago): that is time passing, not a jump.
    ...(options.clock === undefined
      ? {}
      : { monotonoMs: () => (options.clock ?? systemClock).now().getTime() }),
    keychain: createMemoryKeychain(),
  });
  if (!created.ok) throw new Error(created.error.message);
  const app = aprobandoEnApp(created.value);
  // Selling needs an open cash shift (issue 15); an already open one is fine.
  await app.call('caja.abrir', { fondoCentavos: 0 }, 'interno');
  const ruc = getIssuer(app.db)?.ruc;
  const certificate = modernP12({
    ...(ruc === undefined ? {} : { ruc }),
    ...(options.certificateNow === undefined ? {} : { now: options.certificateNow }),
  });
  if (options.importCertificate !== false) {
    // Importing the firma needs an administrador once the store has users (Ajustes).
    const admin = DEMO_USERS.find((u) => u.rol === 'administrador');
    const adminId = listUsers(app.db).find((u) => u.nombre === admin?.nombre)?.id ?? '';
    const imported = await app.call(
      'certificado.importar',
      {
        p12Base64: certificate.p12.toString('base64'),
        password: certificate.password,
        modo: 'keychain',
        autorizacion: { usuarioId: adminId, pin: admin?.pin ?? '' },
      },
      'interno',
    );
    if (!imported.ok) throw new Error(imported.error.message);
  }
  return { app, certificate };
};

/** One sale of `lineas` products paid in cash; returns the document id. */
export const sell = async (app: App, lineas = 2): Promise<string> => {
  const products = app.db.sqlite
    .prepare<[number], { id: string; price: number }>(
      'SELECT id, unit_price_micro AS price FROM product WHERE active = 1 AND is_weighed = 0 ORDER BY code LIMIT ?',
    )
    .all(lineas);
  const carrito = {
    comprador: null,
    lineas: products.map((p) => ({
      productoId: p.id,
      cantidad: '1',
      precioUnitarioMicros: p.price,
    })),
  };
  const calculo = await app.call('ventas.calcular', carrito, 'interno');
  if (!calculo.ok) throw new Error(calculo.error.message);
  const total = (calculo.value as { totales: { totalCentavos: number } }).totales.totalCentavos;
  const cobro = await app.call(
    'ventas.cobrar',
    { ...carrito, ventaId: randomUUID(), pagos: [{ formaPago: '01', montoCentavos: total }] },
    'interno',
  );
  if (!cobro.ok) throw new Error(cobro.error.message);
  return (cobro.value as { documentoId: string }).documentoId;
};

export const countByStatus = (app: App, status: string): number =>
  app.db.sqlite
    .prepare<[string], { n: number }>('SELECT count(*) AS n FROM document WHERE status = ?')
    .get(status)?.n ?? 0;

/** Waits until the outbox has authorized at least `n` documents. */
export const waitForAuthorized = async (app: App, n: number, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (countByStatus(app, 'AUTHORIZED') < n) {
    if (Date.now() > deadline) {
      throw new Error(`Solo ${countByStatus(app, 'AUTHORIZED')} de ${n} documentos autorizados`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

/** The demo administrador's inline authorization (Rosa Villamar, PIN 9012). */
export const adminAuthorization = (app: App): { usuarioId: string; pin: string } => {
  const admin = DEMO_USERS.find((u) => u.rol === 'administrador');
  const usuarioId = listUsers(app.db).find((u) => u.nombre === admin?.nombre)?.id ?? '';
  return { usuarioId, pin: admin?.pin ?? '' };
};
