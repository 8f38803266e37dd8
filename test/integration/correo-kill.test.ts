/**
 * SIGKILL in the middle of sending the buyer's e-mail (issue 19): the server has the whole
 * message but the process dies before its answer. On restart the message goes again with the
 * same Message-ID — delivered, with at most one duplicate the buyer's client can recognise —
 * and the delivery ends `enviado`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSmtpUrl, registrarCorreo } from '../../src/main/correo';
import { openDatabase } from '../../src/main/db';
import { createJobRunner } from '../../src/main/jobs';
import { silentLogger, systemClock } from '../../src/main/log';
import { autorizarFactura, CLAVE, type Servidor, servidor } from './correoFixture';

let dir: string;
let file: string;
let srv: Servidor;
const children: ChildProcess[] = [];
const recibidos: ParsedMail[] = [];
/** The first message is read whole, then left unanswered: the sender's outcome is unknown. */
let primero: () => void = () => {};
const llegoPrimero = new Promise<void>((resolve) => {
  primero = resolve;
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mostrador-correo-kill-'));
  file = join(dir, 'mostrador.sqlite');
  srv = await servidor({
    onData: (stream, _session, cb) => {
      simpleParser(stream).then((m) => {
        recibidos.push(m);
        if (recibidos.length === 1) primero();
        else cb();
      }, cb);
    },
  });
  const opened = openDatabase(file, { logger: silentLogger, clock: systemClock });
  if (!opened.ok) throw new Error(opened.error.message);
  autorizarFactura(opened.value.sqlite, 'don.venom@example.com', new Date().toISOString());
  opened.value.close();
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await srv.cerrar();
  await rm(dir, { recursive: true, force: true });
});

const url = () => `smtp://127.0.0.1:${srv.port}?from=ventas@tienda.example`;

describe('correo interrumpido con SIGKILL', () => {
  it('tras matar el proceso a mitad del envío y reiniciar, llega con el mismo Message-ID', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'correoChild.ts'), file],
      { env: { ...process.env, MOSTRADOR_SMTP_URL: url() }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    await llegoPrimero;
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const opened = openDatabase(file, { logger: silentLogger, clock: systemClock });
    if (!opened.ok) throw new Error(opened.error.message);
    const sqlite = opened.value.sqlite;
    expect(sqlite.prepare('SELECT status, message_id AS m FROM email_delivery').get()).toEqual({
      status: 'pendiente',
      m: '<hijo1@tienda.example>',
    });
    const smtp = parseSmtpUrl(url());
    if (!smtp.ok) throw new Error(smtp.error.message);
    const correo = registrarCorreo({
      sqlite,
      smtp: smtp.value,
      runner: createJobRunner({ clock: systemClock, logger: silentLogger }),
      clock: systemClock,
      logger: silentLogger,
      random: Math.random,
      newId: () => 'nuevo',
    });
    // Restarted: the dead process's lease is voided and the job is due again.
    expect(await correo.lane.drain()).toBe(1);
    await correo.stop();

    expect(recibidos).toHaveLength(2);
    expect(recibidos.map((m) => m.messageId)).toEqual([
      '<hijo1@tienda.example>',
      '<hijo1@tienda.example>',
    ]);
    expect(recibidos[1]?.attachments.map((a) => a.filename)).toEqual([
      `${CLAVE}.xml`,
      `${CLAVE}.pdf`,
    ]);
    expect(sqlite.prepare('SELECT status FROM email_delivery').get()).toEqual({
      status: 'enviado',
    });
    expect(
      sqlite.prepare("SELECT status, attempts FROM outbox_job WHERE kind = 'email'").get(),
    ).toEqual({ status: 'done', attempts: 0 });
    opened.value.close();
  });
});
