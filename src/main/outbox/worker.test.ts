import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/connection';
import type { Clock } from '../log';
import { silentLogger } from '../log';
import type { AutorizacionOutcome, MensajeSri, RecepcionOutcome } from '../sri';
import { createOutboxWorker, type OutboxNotice, type SriPort } from './worker';

const CLAVE = '2511202601099234567500110010010000000011234567812';

const mensaje = (identificador: string, texto: string): MensajeSri => ({
  identificador,
  mensaje: texto,
  informacionAdicional: null,
  tipo: 'ERROR',
});

const autorizado = (clave: string): AutorizacionOutcome => ({
  kind: 'autorizado',
  claveAcceso: clave,
  numeroAutorizacion: clave,
  fechaAutorizacion: '2026-11-25T10:00:00-05:00',
  ambiente: 'PRUEBAS',
  comprobante: '<factura/>',
  mensajes: [],
  autorizaciones: [],
});
const nada = (clave: string): AutorizacionOutcome => ({
  kind: 'pendiente',
  claveAcceso: clave,
  estado: null,
  mensajes: [],
  autorizaciones: [],
});
const enProceso = (clave: string): AutorizacionOutcome => ({
  kind: 'pendiente',
  claveAcceso: clave,
  estado: 'EN PROCESO',
  mensajes: [],
  autorizaciones: [],
});
const recibida: RecepcionOutcome = { kind: 'recibida', claveAcceso: null, mensajes: [] };
const devuelta = (codigo: string): RecepcionOutcome => ({
  kind: 'devuelta',
  claveAcceso: null,
  mensajes: [mensaje(codigo, `ERROR ${codigo}`)],
});
const rechazada: RecepcionOutcome = {
  kind: 'transitorio',
  reason: 'conexion_rechazada',
  message: 'No hay conexión con el SRI.',
  httpStatus: null,
  unknown: false,
};
const cortada: RecepcionOutcome = {
  kind: 'transitorio',
  reason: 'conexion_cortada',
  message: 'El SRI cortó la conexión.',
  httpStatus: null,
  unknown: true,
};

/** A scripted SRI: answers come from queues; an empty queue means the normal happy answer. */
const fakeSri = () => {
  const recepcion: RecepcionOutcome[] = [];
  const autorizacion: ((clave: string) => AutorizacionOutcome)[] = [];
  const calls: string[] = [];
  let reachable = true;
  const port: SriPort = {
    validarComprobante: async (xml) => {
      calls.push(`validar:${xml}`);
      return recepcion.shift() ?? recibida;
    },
    autorizacionComprobante: async (clave) => {
      calls.push(`autorizacion:${clave}`);
      return (autorizacion.shift() ?? autorizado)(clave);
    },
    probe: async () =>
      reachable
        ? { online: true, latencyMs: 1 }
        : { online: false, reason: 'conexion_rechazada', message: 'sin conexión' },
  };
  return {
    port,
    recepcion,
    autorizacion,
    calls,
    setReachable: (value: boolean) => {
      reachable = value;
    },
  };
};

const manualClock = (start = '2026-11-25T15:00:00.000Z') => {
  let now = new Date(start).getTime();
  const clock: Clock = { now: () => new Date(now) };
  return { clock, advance: (ms: number) => (now += ms) };
};

let db: Database;
let counter = 0;

const seedEmissionPoint = (sqlite: Database['sqlite']): void => {
  const at = '2026-11-25T15:00:00.000Z';
  sqlite
    .prepare(
      `INSERT INTO issuer (id, ruc, razon_social, direccion_matriz, obligado_contabilidad, ambiente, updated_at)
       VALUES ('i1', '0992345675001', 'COMERCIAL LA ESQUINA S.A.', 'Guayaquil', 1, '1', ?)`,
    )
    .run(at);
  sqlite
    .prepare(
      `INSERT INTO establishment (id, issuer_id, code, address, updated_at) VALUES ('e1', 'i1', '001', 'Guayaquil', ?)`,
    )
    .run(at);
  sqlite
    .prepare(
      `INSERT INTO emission_point (id, establishment_id, code, description, updated_at) VALUES ('p1', 'e1', '001', 'Caja 1', ?)`,
    )
    .run(at);
};

/** A signed document and its job, as the emission transaction leaves them. */
const insertDocument = (status = 'SIGNED'): { id: string; clave: string; xml: string } => {
  counter++;
  const id = `doc-${counter}`;
  const clave = `${CLAVE.slice(0, 30)}${String(counter).padStart(9, '0')}${CLAVE.slice(39)}`;
  const xml = `<factura id="comprobante">${counter}</factura>`;
  const at = '2026-11-25T15:00:00.000Z';
  db.sqlite
    .prepare(
      `INSERT INTO document (id, cod_doc, version, ambiente, emission_point_id, estab, pto_emi, secuencial,
         clave_acceso, fecha_emision, buyer_tipo, buyer_identificacion, buyer_razon_social,
         subtotal_cents, descuento_cents, iva_cents, total_cents, status, signed_xml, created_at, updated_at)
       VALUES (?, '01', '1.1.0', '1', 'p1', '001', '001', ?, ?, '2026-11-25', '07', '9999999999999',
         'CONSUMIDOR FINAL', 100, 0, 15, 115, ?, ?, ?, ?)`,
    )
    .run(id, counter, clave, status, xml, at, at);
  db.sqlite
    .prepare(
      `INSERT INTO outbox_job (kind, document_id, next_attempt_at, created_at) VALUES ('sri', ?, ?, ?)`,
    )
    .run(id, at, at);
  return { id, clave, xml };
};

const statusOf = (id: string): string =>
  (db.sqlite.prepare('SELECT status FROM document WHERE id = ?').get(id) as { status: string })
    .status;
const historyOf = (id: string): string[] =>
  (
    db.sqlite
      .prepare(
        'SELECT to_status AS s FROM document_status_history WHERE document_id = ? ORDER BY id',
      )
      .all(id) as { s: string }[]
  ).map((r) => r.s);
const jobOf = (id: string) =>
  db.sqlite
    .prepare(
      'SELECT status, attempts, next_attempt_at AS nextAttemptAt FROM outbox_job WHERE document_id = ?',
    )
    .get(id) as { status: string; attempts: number; nextAttemptAt: string };

const setup = (options: { maxAttempts?: number } = {}) => {
  const sri = fakeSri();
  const time = manualClock();
  const notices: OutboxNotice[] = [];
  const worker = createOutboxWorker({
    sqlite: db.sqlite,
    sri: sri.port,
    clock: time.clock,
    logger: silentLogger,
    random: () => 0.5,
    notify: (n) => notices.push(n),
    options: { concurrency: 4, publishEveryMs: 0, ...options },
  });
  return { sri, time, notices, worker };
};

beforeEach(() => {
  const opened = openDatabase(':memory:', { logger: silentLogger, clock: manualClock().clock });
  if (!opened.ok) throw new Error(opened.error.message);
  db = opened.value;
  seedEmissionPoint(db.sqlite);
});
afterEach(() => db.close());

describe('outbox del SRI', () => {
  it('lleva un documento firmado a AUTHORIZED escribiendo cada paso en el historial', async () => {
    const { worker, sri } = setup();
    const doc = insertDocument();
    await worker.drain();
    expect(statusOf(doc.id)).toBe('AUTHORIZED');
    expect(historyOf(doc.id)).toEqual([
      'RECEPTION_PENDING',
      'SUBMITTED_TO_SRI',
      'RECEIVED_BY_SRI',
      'AUTHORIZATION_PENDING',
      'AUTHORIZED',
    ]);
    expect(sri.calls).toEqual([`validar:${doc.xml}`, `autorizacion:${doc.clave}`]);
    expect(jobOf(doc.id).status).toBe('done');
    const row = db.sqlite
      .prepare(
        'SELECT numero_autorizacion AS n, fecha_autorizacion AS f FROM document WHERE id = ?',
      )
      .get(doc.id);
    expect(row).toEqual({ n: doc.clave, f: '2026-11-25T10:00:00-05:00' });
  });

  it('tras una caída en pleno envío consulta la autorización y no reenvía si el SRI ya lo tiene', async () => {
    const { worker, sri } = setup();
    const doc = insertDocument('SUBMITTED_TO_SRI');
    await worker.drain();
    expect(sri.calls).toEqual([`autorizacion:${doc.clave}`]);
    expect(statusOf(doc.id)).toBe('AUTHORIZED');
    expect(historyOf(doc.id)).toEqual(['RECEPTION_UNKNOWN', 'AUTHORIZED']);
  });

  it('tras una caída en pleno envío reenvía los mismos bytes solo si la autorización no lo conoce', async () => {
    const { worker, sri, time } = setup();
    const doc = insertDocument('SUBMITTED_TO_SRI');
    sri.autorizacion.push(nada);
    await worker.drain();
    expect(statusOf(doc.id)).toBe('RECEPTION_RETRY_SCHEDULED');
    time.advance(5_000);
    await worker.drain();
    expect(sri.calls).toEqual([
      `autorizacion:${doc.clave}`,
      `validar:${doc.xml}`,
      `autorizacion:${doc.clave}`,
    ]);
    expect(statusOf(doc.id)).toBe('AUTHORIZED');
  });

  it('con DEVUELTA 43 consulta la autorización sin reenviar', async () => {
    const { worker, sri } = setup();
    const doc = insertDocument();
    sri.recepcion.push(devuelta('43'));
    await worker.drain();
    expect(sri.calls).toEqual([`validar:${doc.xml}`, `autorizacion:${doc.clave}`]);
    expect(statusOf(doc.id)).toBe('AUTHORIZED');
  });

  it('con DEVUELTA 45 y sin autorización propia pide revisión manual por colisión de numeración', async () => {
    const { worker, sri } = setup();
    const doc = insertDocument();
    sri.recepcion.push(devuelta('45'));
    sri.autorizacion.push(nada);
    await worker.drain();
    expect(statusOf(doc.id)).toBe('MANUAL_REVIEW_REQUIRED');
    const message = db.sqlite
      .prepare('SELECT last_sri_message AS m FROM document WHERE id = ?')
      .get(doc.id) as { m: string };
    expect(message.m).toMatch(/45/);
  });

  it('con DEVUELTA 35 rechaza el documento y guarda el mensaje del SRI', async () => {
    const { worker, sri, notices } = setup();
    const doc = insertDocument();
    sri.recepcion.push(devuelta('35'));
    await worker.drain();
    expect(statusOf(doc.id)).toBe('REJECTED');
    expect(sri.calls).toHaveLength(1);
    const history = db.sqlite
      .prepare(
        "SELECT sri_messages AS m FROM document_status_history WHERE document_id = ? AND to_status = 'REJECTED'",
      )
      .get(doc.id) as { m: string };
    expect(JSON.parse(history.m)).toEqual([mensaje('35', 'ERROR 35')]);
    expect(notices.filter((n) => n.kind === 'outbox').at(-1)).toMatchObject({
      pendientes: 0,
      ultimoErrorSri: '35: ERROR 35',
    });
  });

  it('sin conexión no gasta intentos ni llama al SRI hasta que el sondeo responde', async () => {
    const { worker, sri, notices } = setup();
    const first = insertDocument();
    const second = insertDocument();
    sri.recepcion.push(rechazada, rechazada);
    sri.setReachable(false);
    await worker.drain();
    expect(worker.isOnline()).toBe(false);
    expect(notices).toContainEqual({ kind: 'conectividad', enLinea: false });
    expect(jobOf(first.id).attempts).toBe(0);
    const callsWhileOffline = sri.calls.length;
    await worker.drain();
    expect(sri.calls.length).toBe(callsWhileOffline);

    sri.setReachable(true);
    worker.connectivityRestored();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await worker.drain();
    expect(worker.isOnline()).toBe(true);
    expect(statusOf(first.id)).toBe('AUTHORIZED');
    expect(statusOf(second.id)).toBe('AUTHORIZED');
  });

  it('si la conexión se corta tras enviar, el siguiente intento pregunta antes de reenviar', async () => {
    const { worker, sri, time } = setup();
    const doc = insertDocument();
    sri.recepcion.push(cortada);
    await worker.drain();
    expect(statusOf(doc.id)).toBe('RECEPTION_UNKNOWN');
    time.advance(60_000);
    await worker.drain();
    expect(sri.calls).toEqual([`validar:${doc.xml}`, `autorizacion:${doc.clave}`]);
    expect(statusOf(doc.id)).toBe('AUTHORIZED');
  });

  it('EN PROCESO reprograma la consulta hasta que llega AUTORIZADO', async () => {
    const { worker, sri, time } = setup();
    const doc = insertDocument();
    sri.autorizacion.push(enProceso, enProceso);
    await worker.drain();
    expect(statusOf(doc.id)).toBe('AUTHORIZATION_RETRY_SCHEDULED');
    time.advance(60_000);
    await worker.drain();
    time.advance(60_000);
    await worker.drain();
    expect(statusOf(doc.id)).toBe('AUTHORIZED');
    expect(sri.calls.filter((c) => c.startsWith('validar'))).toHaveLength(1);
  });

  it('tras agotar los intentos pasa a revisión manual', async () => {
    const { worker, sri, time } = setup({ maxAttempts: 3 });
    const doc = insertDocument();
    for (let i = 0; i < 5; i++) sri.autorizacion.push(enProceso);
    for (let i = 0; i < 5; i++) {
      await worker.drain();
      time.advance(10 * 60_000);
    }
    expect(statusOf(doc.id)).toBe('MANUAL_REVIEW_REQUIRED');
    expect(jobOf(doc.id).status).toBe('dead');
  });

  it('un documento que falla no bloquea a los demás', async () => {
    const { worker, sri } = setup();
    const bad = insertDocument();
    const good = insertDocument();
    sri.recepcion.push(devuelta('50'));
    await worker.drain();
    expect(statusOf(bad.id)).toBe('RECEPTION_RETRY_SCHEDULED');
    expect(statusOf(good.id)).toBe('AUTHORIZED');
  });

  it('un documento en revisión manual vuelve a la cola cuando un operador lo pide', async () => {
    const { worker, sri } = setup();
    const doc = insertDocument();
    sri.recepcion.push(devuelta('56'));
    await worker.drain();
    expect(statusOf(doc.id)).toBe('MANUAL_REVIEW_REQUIRED');
    expect(worker.requeue(doc.id, null)).toEqual({ ok: true, value: 'RECEPTION_UNKNOWN' });
    await worker.drain();
    expect(statusOf(doc.id)).toBe('AUTHORIZED');
    expect(historyOf(doc.id).slice(-2)).toEqual(['RECEPTION_UNKNOWN', 'AUTHORIZED']);
    expect(worker.requeue(doc.id, null).ok).toBe(false);
  });

  it('consultar ahora hace vencer la espera de un documento en proceso y lo autoriza sin esperar', async () => {
    const { worker, sri } = setup();
    const doc = insertDocument();
    sri.autorizacion.push(enProceso);
    await worker.drain();
    expect(statusOf(doc.id)).toBe('AUTHORIZATION_RETRY_SCHEDULED');
    // The backoff put it in the future: a drain now does nothing.
    await worker.drain();
    expect(statusOf(doc.id)).toBe('AUTHORIZATION_RETRY_SCHEDULED');
    expect(worker.consultarAhora(doc.id)).toEqual({
      ok: true,
      value: 'AUTHORIZATION_RETRY_SCHEDULED',
    });
    await worker.drain();
    expect(statusOf(doc.id)).toBe('AUTHORIZED');
    expect(sri.calls.at(-1)).toBe(`autorizacion:${doc.clave}`);
  });

  it('consultar ahora se niega para un documento ya autorizado o inexistente', async () => {
    const { worker } = setup();
    const doc = insertDocument();
    await worker.drain();
    const autorizado = worker.consultarAhora(doc.id);
    expect(autorizado.ok ? null : autorizado.error.code).toBe('consulta_no_aplica');
    const inexistente = worker.consultarAhora('no-existe');
    expect(inexistente.ok ? null : inexistente.error.code).toBe('documento_no_existe');
  });
});
