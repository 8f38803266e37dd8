/**
 * The buyer's e-mail against a real SMTP server on 127.0.0.1:0 (smtp-server), parsing what it
 * received with mailparser (issue 19): the message and its attachments, the server down, a 550
 * refusal and a wrong password.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSmtpUrl, type SmtpConfig } from '../../src/main/correo/config';
import { MENSAJE_CREDENCIALES, MENSAJE_TLS, registrarCorreo } from '../../src/main/correo/envio';
import { xmlAutorizado } from '../../src/main/correo/mensaje';
import { openTestDatabase, type TestDatabase } from '../../src/main/db/testing';
import { createJobRunner, type JobRunner } from '../../src/main/jobs';
import { createMemoryLogger } from '../../src/main/log';
import {
  autorizarFactura,
  CLAVE,
  FECHA_AUT,
  FIRMADO,
  PASS,
  type Servidor,
  servidor,
} from './correoFixture';

const config = (port: number, pass = PASS): SmtpConfig => {
  const r = parseSmtpUrl(
    `smtp://caja:${encodeURIComponent(pass)}@127.0.0.1:${port}?from=ventas@tienda.example`,
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

let db: TestDatabase;
let runner: JobRunner;
let logger: ReturnType<typeof createMemoryLogger>;
/** Closed after each test: the senders first (a server waits for open pooled connections). */
const cerrar: (() => Promise<void>)[] = [];
const servidores: Servidor[] = [];

const correo = (smtp: SmtpConfig) => {
  let n = 0;
  const c = registrarCorreo({
    sqlite: db.sqlite,
    smtp,
    runner,
    clock: db.clock,
    logger,
    random: () => 1,
    newId: () => `id${++n}`,
  });
  cerrar.push(c.stop);
  return c;
};

const entrega = () =>
  db.sqlite
    .prepare(
      `SELECT status, recipient, message_id AS messageId, sent_at AS sentAt, error FROM email_delivery
       WHERE document_id = 'd1'`,
    )
    .get();
const trabajo = () =>
  db.sqlite
    .prepare(
      `SELECT status, attempts, last_error AS lastError, next_attempt_at AS nextAt FROM outbox_job
       WHERE kind = 'email' AND document_id = 'd1'`,
    )
    .get() as { status: string; attempts: number; lastError: string | null; nextAt: string };

beforeEach(() => {
  db = openTestDatabase();
  logger = createMemoryLogger();
  runner = createJobRunner({ clock: db.clock, logger });
});
afterEach(async () => {
  for (const c of cerrar.splice(0)) await c();
  for (const s of servidores.splice(0)) await s.cerrar();
  db.sqlite.close();
});

const textoPdf = (pdf: Buffer): string => {
  const dir = mkdtempSync(join(tmpdir(), 'correo-'));
  try {
    writeFileSync(join(dir, 'ride.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'ride.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

describe('correo al comprador por SMTP', () => {
  it('entrega la factura autorizada: remitente, destinatario, asunto y los dos adjuntos', async () => {
    const srv = await servidor();
    servidores.push(srv);
    autorizarFactura(db.sqlite, 'don.venom@example.com', db.clock.now().toISOString());
    const c = correo(config(srv.port));

    expect(await c.lane.drain()).toBe(1);

    expect(srv.recibidos).toHaveLength(1);
    expect(srv.destinatarios).toEqual(['don.venom@example.com']);
    const m = srv.recibidos[0] as ParsedMail;
    expect(m.from?.value).toEqual([{ name: '1500932445001', address: 'ventas@tienda.example' }]);
    expect(m.subject).toBe('FACTURA 001-001-000000005 de 1500932445001');
    expect(m.messageId).toBe('<id1@tienda.example>');
    expect(m.text).toContain(CLAVE);
    expect(m.attachments.map((a) => a.filename)).toEqual([`${CLAVE}.xml`, `${CLAVE}.pdf`]);
    const [xml, pdf] = m.attachments;
    const esperado = xmlAutorizado({
      claveAcceso: CLAVE,
      ambiente: '1',
      numeroAutorizacion: CLAVE,
      fechaAutorizacion: FECHA_AUT,
      comprobante: FIRMADO,
    });
    expect(xml?.content.equals(Buffer.from(esperado, 'utf8'))).toBe(true);
    // The signed comprobante inside the CDATA is the authorized one, byte for byte.
    expect(xml?.content.toString('utf8')).toContain(`<![CDATA[${FIRMADO}]]>`);
    expect(textoPdf(pdf?.content ?? Buffer.alloc(0)).replace(/\s/g, '')).toContain(CLAVE);

    expect(entrega()).toEqual({
      status: 'enviado',
      recipient: 'don.venom@example.com',
      messageId: '<id1@tienda.example>',
      sentAt: db.clock.now().toISOString(),
      error: null,
    });
    expect(trabajo().status).toBe('done');
  });

  it('sin correo del comprador no hay nada que enviar', async () => {
    autorizarFactura(db.sqlite, null, db.clock.now().toISOString());
    const c = correo(config(1));
    expect(await c.lane.drain()).toBe(0);
    expect(entrega()).toBeUndefined();
  });

  it('con el servidor caído espera y, cuando vuelve, entrega una sola vez con el mismo Message-ID', async () => {
    // A port nothing listens on: take one, then free it.
    const apagado = await servidor();
    const port = apagado.port;
    await apagado.cerrar();
    autorizarFactura(db.sqlite, 'don.venom@example.com', db.clock.now().toISOString());
    const c = correo(config(port));

    expect(await c.lane.drain()).toBe(1);
    expect(trabajo()).toMatchObject({ status: 'pending', attempts: 1 });
    expect(trabajo().lastError).toContain('No se pudo enviar el correo');
    expect(entrega()).toMatchObject({ status: 'pendiente', messageId: '<id1@tienda.example>' });
    // Not due before its backoff.
    expect(await c.lane.drain()).toBe(0);

    const srv = await servidor({}, port);
    servidores.push(srv);
    db.clock.advance(60_000);
    expect(await c.lane.drain()).toBe(1);
    expect(srv.recibidos).toHaveLength(1);
    expect(srv.recibidos[0]?.messageId).toBe('<id1@tienda.example>');
    expect(entrega()).toMatchObject({ status: 'enviado', messageId: '<id1@tienda.example>' });
    db.clock.advance(3_600_000);
    expect(await c.lane.drain()).toBe(0);
    expect(srv.recibidos).toHaveLength(1);
  });

  it('fuera del equipo exige TLS: un servidor sin STARTTLS no recibe nada en claro', async () => {
    const srv = await servidor();
    servidores.push(srv);
    autorizarFactura(db.sqlite, 'don.venom@example.com', db.clock.now().toISOString());
    // The same server, taken for a remote one: nodemailer must refuse to talk in plain text.
    const c = correo({ ...config(srv.port), loopback: false });

    expect(await c.lane.drain()).toBe(1);
    expect(srv.recibidos).toEqual([]);
    expect(trabajo()).toMatchObject({ status: 'pending', attempts: 1 });
    expect(trabajo().lastError).toBe(MENSAJE_TLS);
    expect(trabajo().lastError).not.toContain(PASS);
  });

  it('un 550 queda rechazado con el mensaje del servidor y no se reintenta', async () => {
    const srv = await servidor({
      onRcptTo: (_address, _session, cb) => {
        const e = new Error('5.1.1 El buzón no existe') as Error & { responseCode: number };
        e.responseCode = 550;
        cb(e);
      },
    });
    servidores.push(srv);
    autorizarFactura(db.sqlite, 'nadie@example.com', db.clock.now().toISOString());
    const c = correo(config(srv.port));

    expect(await c.lane.drain()).toBe(1);
    expect(entrega()).toMatchObject({ status: 'rechazado' });
    const { error } = entrega() as { error: string };
    expect(error).toContain('550');
    expect(error).toContain('El buzón no existe');
    expect(trabajo()).toMatchObject({ status: 'dead', lastError: error });
    db.clock.advance(24 * 3_600_000);
    expect(await c.lane.drain()).toBe(0);
    expect(srv.recibidos).toEqual([]);
  });

  it('una contraseña equivocada da el mensaje en español, espera, y nunca escribe la contraseña', async () => {
    const srv = await servidor({ authOptional: false });
    servidores.push(srv);
    autorizarFactura(db.sqlite, 'don.venom@example.com', db.clock.now().toISOString());
    const equivocada = 'otra-clave-ñ';
    const c = correo(config(srv.port, equivocada));

    expect(await c.lane.drain()).toBe(1);
    expect(trabajo()).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: MENSAJE_CREDENCIALES,
    });
    expect(entrega()).toMatchObject({ status: 'pendiente', error: null });
    expect(srv.recibidos).toEqual([]);
    const todo = JSON.stringify([
      logger.entries,
      db.sqlite.prepare('SELECT * FROM outbox_job').all(),
      db.sqlite.prepare('SELECT * FROM email_delivery').all(),
    ]);
    expect(todo).not.toContain(equivocada);
    expect(todo).not.toContain(encodeURIComponent(equivocada));
  });
});
