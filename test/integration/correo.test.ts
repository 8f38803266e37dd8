/**
 * The buyer's e-mail against a real SMTP server on 127.0.0.1:0 (smtp-server), parsing what it
 * received with mailparser (issue 19): the message and its attachments, the server down, a 550
 * refusal and a wrong password.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSmtpUrl, type SmtpConfig } from '../../src/main/correo/config';
import { MENSAJE_CREDENCIALES, registrarCorreo } from '../../src/main/correo/envio';
import { xmlAutorizado } from '../../src/main/correo/mensaje';
import { openTestDatabase, type TestDatabase } from '../../src/main/db/testing';
import { createJobRunner, type JobRunner } from '../../src/main/jobs';
import { createMemoryLogger } from '../../src/main/log';
import { createOutboxRepo } from '../../src/main/outbox/repo';
import { SRI_SAMPLES_DIR } from '../fixtures/paths';

const CLAVE = '1804202401123456789000110010010000000051234567816';
const FIRMADO = readFileSync(
  join(SRI_SAMPLES_DIR, 'factura_V1.1.0_prueba_firmada-XAdES-BES.xml'),
  'utf8',
);
const FECHA_AUT = '2024-04-18T10:20:30-05:00';
const PASS = 'clave-secreta-ñ';

type Servidor = {
  port: number;
  recibidos: ParsedMail[];
  destinatarios: string[];
  cerrar: () => Promise<void>;
};

/** A real SMTP server; `opciones` refuse what a test needs refused. */
const servidor = async (opciones: SMTPServerOptions = {}, port = 0): Promise<Servidor> => {
  const recibidos: ParsedMail[] = [];
  const destinatarios: string[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth: (auth, _session, cb) =>
      auth.username === 'caja' && auth.password === PASS
        ? cb(null, { user: 'caja' })
        : cb(new Error('Invalid username or password')),
    onRcptTo: (address, _session, cb) => {
      destinatarios.push(address.address);
      cb();
    },
    onData: (stream, _session, cb) => {
      simpleParser(stream).then(
        (m) => {
          recibidos.push(m);
          cb();
        },
        (e: Error) => cb(e),
      );
    },
    ...opciones,
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    recibidos,
    destinatarios,
    cerrar: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

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

/** An invoice to a buyer with e-mail, authorized by the outbox's own step. */
const autorizarFactura = (email: string | null): void => {
  const at = db.clock.now().toISOString();
  db.sqlite.exec(`
    INSERT INTO issuer (id, ruc, razon_social, direccion_matriz, obligado_contabilidad, ambiente, updated_at)
      VALUES ('i1', '1234567890001', 'Ña Pepa', 'Quito', 1, '1', '${at}');
    INSERT INTO establishment (id, issuer_id, code, address, updated_at) VALUES ('e1', 'i1', '001', 'Quito', '${at}');
    INSERT INTO emission_point (id, establishment_id, code, description, updated_at) VALUES ('p1', 'e1', '001', 'Caja 1', '${at}');
  `);
  db.sqlite
    .prepare(
      `INSERT INTO document (id, cod_doc, version, ambiente, emission_point_id, estab, pto_emi, secuencial,
         clave_acceso, fecha_emision, buyer_tipo, buyer_identificacion, buyer_razon_social, buyer_email,
         subtotal_cents, descuento_cents, iva_cents, total_cents, status, signed_xml, created_at, updated_at)
       VALUES ('d1', '01', '1.1.0', '1', 'p1', '001', '001', 5, ?, '2024-04-18', '05', '1712345678',
         'Don Venom', ?, 3875, 0, 581, 4456, 'AUTHORIZATION_PENDING', ?, ?, ?)`,
    )
    .run(CLAVE, email, FIRMADO, at, at);
  createOutboxRepo(db.sqlite).applyEvents(
    {
      documentId: 'd1',
      eventos: ['autorizado'],
      at,
      source: 'sri',
      mensajes: [],
      detalle: null,
      autorizacion: {
        numeroAutorizacion: CLAVE,
        fechaAutorizacion: FECHA_AUT,
        authorizationXml: FIRMADO,
      },
    },
    'AUTHORIZATION_PENDING',
  );
};

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
    autorizarFactura('don.venom@example.com');
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
    autorizarFactura(null);
    const c = correo(config(1));
    expect(await c.lane.drain()).toBe(0);
    expect(entrega()).toBeUndefined();
  });

  it('con el servidor caído espera y, cuando vuelve, entrega una sola vez con el mismo Message-ID', async () => {
    // A port nothing listens on: take one, then free it.
    const apagado = await servidor();
    const port = apagado.port;
    await apagado.cerrar();
    autorizarFactura('don.venom@example.com');
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

  it('un 550 queda rechazado con el mensaje del servidor y no se reintenta', async () => {
    const srv = await servidor({
      onRcptTo: (_address, _session, cb) => {
        const e = new Error('5.1.1 El buzón no existe') as Error & { responseCode: number };
        e.responseCode = 550;
        cb(e);
      },
    });
    servidores.push(srv);
    autorizarFactura('nadie@example.com');
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
    autorizarFactura('don.venom@example.com');
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
