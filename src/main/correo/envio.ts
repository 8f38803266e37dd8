/**
 * The `email` kind of the job runner (issue 19): sends each authorized document to its buyer over
 * SMTP, once.
 *
 * The rule for an unknown outcome (the connection dropped or the process died after DATA, before
 * `enviado` was written): a duplicate e-mail is tolerable, a lost one is not, so the message is
 * sent again — with the SAME Message-ID, recorded in `email_delivery` before the first attempt
 * left, so the buyer's mail client can recognise the copy. Each crash or timeout after DATA can
 * cause at most one extra copy; nothing is ever dropped for lack of an answer.
 *
 * Outcomes: accepted (2xx) → enviado with its date; a permanent refusal (5xx to MAIL FROM,
 * RCPT TO or DATA) → rechazado with the server's own words, never retried; a wrong user or
 * password, or a server that will not encrypt → the job waits and retries (someone fixes the
 * settings) with a fixed Spanish message, never the password; the server down, a 4xx or a
 * timeout → retried with backoff, without limit.
 */

import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import type Nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { ok, type Result } from '../../shared/result';
import { backoffDelayMs, type JobRow, type JobRunner, type Lane, RETRY_BACKOFF } from '../jobs';
import type { Clock, Logger } from '../log';
import type { RideFonts } from '../print';
import type { SmtpConfig } from './config';
import { createEntregaRepo } from './entrega';
import { construirMensaje } from './mensaje';

export const MENSAJE_CREDENCIALES = 'El servidor de correo rechazó el usuario o la contraseña';

export const MENSAJE_TLS =
  'El servidor de correo no aceptó una conexión cifrada (STARTTLS o TLS); sin cifrar no se envía';

export type ResultadoEnvio =
  | { kind: 'rechazado'; motivo: string }
  | { kind: 'reintentar'; detalle: string };

/** Removes the password (plain and URL-encoded) from any text bound for a log or a job row. */
const sinSecreto = (texto: string, pass: string | null): string =>
  pass === null || pass === ''
    ? texto
    : texto.split(pass).join('***').split(encodeURIComponent(pass)).join('***');

/**
 * What a failed `sendMail` means for the job (nodemailer's `code`, `responseCode`, `response`).
 * @example clasificarFallo({ code: 'EENVELOPE', responseCode: 550, response: '550 No existe' }, null) // { kind: 'rechazado', motivo: '550 No existe' }
 */
export const clasificarFallo = (error: unknown, pass: string | null): ResultadoEnvio => {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    responseCode?: unknown;
    response?: unknown;
    message?: unknown;
  };
  if (e.code === 'EAUTH') return { kind: 'reintentar', detalle: MENSAJE_CREDENCIALES };
  // A server that will not encrypt is a configuration problem, not a refusal of this message.
  if (e.code === 'ETLS') return { kind: 'reintentar', detalle: MENSAJE_TLS };
  const texto = sinSecreto(
    typeof e.response === 'string' && e.response !== ''
      ? e.response
      : typeof e.message === 'string'
        ? e.message
        : String(error),
    pass,
  );
  // Permanent only when the server refused this envelope or this message (MAIL FROM, RCPT TO,
  // DATA); a 5xx elsewhere (to STARTTLS, to EHLO) says nothing about the message.
  if (
    (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') &&
    typeof e.responseCode === 'number' &&
    e.responseCode >= 500 &&
    e.responseCode < 600
  ) {
    return { kind: 'rechazado', motivo: texto };
  }
  return { kind: 'reintentar', detalle: `No se pudo enviar el correo: ${texto}` };
};

type Enviar = (mensaje: Mail.Options) => Promise<unknown>;

// Loaded with the first transport (like print/lazyDeps.ts): a store without e-mail never parses
// it, and `serve` prints its URL sooner.
const cargar = createRequire(import.meta.url);
let nodemailer: typeof Nodemailer | undefined;
const nodemailerModule = (): typeof Nodemailer => {
  nodemailer ??= cargar('nodemailer') as typeof Nodemailer;
  return nodemailer;
};

/** nodemailer's pooled SMTP transport; TLS required unless the server is on the loopback. */
export const crearTransporte = (
  smtp: SmtpConfig,
  maxConnections: number,
): { enviar: Enviar; cerrar: () => void } => {
  const options: SMTPPool.Options = {
    pool: true,
    maxConnections,
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    // STARTTLS or nothing; plain text only to a catcher on this machine.
    requireTLS: !smtp.secure && !smtp.loopback,
    ignoreTLS: smtp.loopback && !smtp.secure,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
    logger: false,
    ...(smtp.user === null ? {} : { auth: { user: smtp.user, pass: smtp.pass ?? '' } }),
  };
  const transport = nodemailerModule().createTransport(options);
  return { enviar: (m) => transport.sendMail(m), cerrar: () => transport.close() };
};

/** Where the SMTP server comes from at each attempt (Ajustes › Correo, then the variable). */
export type Configuracion = () => Promise<Result<SmtpConfig | null>>;

/** A message waits for a server this long before looking again (saving Ajustes wakes it). */
const ESPERA_SIN_SERVIDOR_MS = 5 * 60_000;

export const MENSAJE_SIN_SERVIDOR =
  'Falta configurar el servidor de correo (Ajustes › Correo); el mensaje espera.';

/**
 * Factio's «Resend Document Email» instead of SMTP (Ajustes › Correo): `elegir` says, per
 * document, whether Factio sends it (its id there), whether to wait for the sync to push it, or
 * SMTP; `reenviar` asks Factio. Same job, same delivery row, same outcomes.
 */
export type ViaFactio = {
  elegir: (documentId: string) => 'smtp' | 'esperar' | { remoteId: string };
  reenviar: (
    remoteId: string,
    para: string,
  ) => Promise<
    | { kind: 'enviado' }
    | { kind: 'rechazado'; motivo: string }
    | { kind: 'reintentar'; detalle: string }
  >;
};

/** The sync pushes a new document within seconds: look again soon, without counting attempts. */
const ESPERA_FACTIO_MS = 15_000;
export const MENSAJE_ESPERA_FACTIO =
  'Esperando que Factio reciba el documento para enviarlo con su correo.';

export type CorreoDeps = {
  sqlite: BetterSqlite3.Database;
  /** A fixed server (tests, `MOSTRADOR_SMTP_URL`); `configuracion` wins when given. */
  smtp?: SmtpConfig;
  /** Read before each attempt, so a change in Ajustes applies to the next message. */
  configuracion?: Configuracion;
  runner: JobRunner;
  clock: Clock;
  logger: Logger;
  random: () => number;
  /** A fresh unique token for the Message-ID's local part. */
  newId: () => string;
  logo?: () => Uint8Array | null;
  fonts?: RideFonts;
  concurrency?: number;
  /** Tests pass the sender; default: nodemailer's SMTP transport for `smtp`. */
  enviar?: Enviar;
  /** A delivery changed (sent, refused, or waits with a new reason): Conciliación shows it. */
  alCambiar?: (documentId: string) => void;
  factio?: ViaFactio;
};

export type Correo = {
  lane: Lane;
  start: () => void;
  stop: () => Promise<void>;
  wake: () => void;
  /** The server changed (Ajustes): every waiting message is due now. */
  reintentarTodo: () => void;
};

type FilaDocumento = {
  claveAcceso: string;
  ambiente: string;
  numeroAutorizacion: string | null;
  fechaAutorizacion: string | null;
  signedXml: string;
  authorizationXml: string | null;
};

/**
 * Registers the `email` kind on the runner.
 * @example const correo = registrarCorreo({ sqlite, smtp, runner, clock, logger, random: Math.random, newId }); correo.start();
 */
export const registrarCorreo = (deps: CorreoDeps): Correo => {
  const { clock, logger } = deps;
  const concurrency = deps.concurrency ?? 4;
  const repo = createEntregaRepo(deps.sqlite);
  const iso = (offsetMs = 0): string => new Date(clock.now().getTime() + offsetMs).toISOString();
  const fija = deps.smtp ?? null;
  const configuracion: Configuracion = deps.configuracion ?? (async () => ok(fija));
  // One pooled transport per server: a change in Ajustes closes the old pool and opens a new one.
  let transporte: { clave: string; enviar: Enviar; cerrar: () => void } | null = null;
  let ultimaPass: string | null = fija?.pass ?? null;
  const enviarCon = (smtp: SmtpConfig): Enviar => {
    if (deps.enviar !== undefined) return deps.enviar;
    const clave = JSON.stringify([
      smtp.host,
      smtp.port,
      smtp.secure,
      smtp.loopback,
      smtp.user,
      smtp.pass,
    ]);
    if (transporte?.clave !== clave) {
      transporte?.cerrar();
      transporte = { clave, ...crearTransporte(smtp, concurrency) };
    }
    return transporte.enviar;
  };
  const selectDocumento = deps.sqlite.prepare<[string], FilaDocumento>(
    `SELECT clave_acceso AS claveAcceso, ambiente, numero_autorizacion AS numeroAutorizacion,
            fecha_autorizacion AS fechaAutorizacion, signed_xml AS signedXml,
            authorization_xml AS authorizationXml
     FROM document WHERE id = ?`,
  );

  const reintentar = (job: JobRow, detalle: string): void => {
    const attempts = job.attempts + 1;
    repo.jobs.reschedule(
      job.id,
      attempts,
      iso(backoffDelayMs(job.attempts, RETRY_BACKOFF, deps.random)),
      detalle,
    );
    logger.warn('Correo al comprador en espera', { documentId: job.documentId, detalle });
    deps.alCambiar?.(job.documentId);
  };

  /** The Factio path: Factio builds and sends the message; the outcomes are read alike. */
  const porFactio = async (job: JobRow, factio: ViaFactio, remoteId: string): Promise<void> => {
    const payload = repo.payloadOf(job);
    if (payload === null) {
      repo.rechazado(job, 'El trabajo de correo no tiene destinatario.', iso());
      deps.alCambiar?.(job.documentId);
      return;
    }
    const r = await factio.reenviar(remoteId, payload.para);
    switch (r.kind) {
      case 'enviado':
        repo.enviado(job, iso());
        deps.alCambiar?.(job.documentId);
        return;
      case 'rechazado':
        repo.rechazado(job, r.motivo, iso());
        deps.alCambiar?.(job.documentId);
        logger.warn('Factio rechazó el correo al comprador', {
          documentId: job.documentId,
          motivo: r.motivo,
        });
        return;
      case 'reintentar':
        reintentar(job, r.detalle);
        return;
    }
  };

  const process = async (job: JobRow): Promise<void> => {
    const via = deps.factio?.elegir(job.documentId) ?? 'smtp';
    if (via === 'esperar') {
      repo.jobs.reschedule(job.id, job.attempts, iso(ESPERA_FACTIO_MS), MENSAJE_ESPERA_FACTIO);
      return;
    }
    if (via !== 'smtp' && deps.factio !== undefined) {
      await porFactio(job, deps.factio, via.remoteId);
      return;
    }
    const leida = await configuracion();
    if (!leida.ok || leida.value === null) {
      // Not an attempt: nothing left, so the count of attempts stays as it was.
      repo.jobs.reschedule(
        job.id,
        job.attempts,
        iso(ESPERA_SIN_SERVIDOR_MS),
        leida.ok ? MENSAJE_SIN_SERVIDOR : leida.error.message,
      );
      return;
    }
    const smtp = leida.value;
    ultimaPass = smtp.pass;
    const dominio = smtp.remitente.slice(smtp.remitente.indexOf('@') + 1);
    const payload = repo.payloadOf(job);
    const doc = selectDocumento.get(job.documentId);
    if (payload === null || doc === undefined || doc.numeroAutorizacion === null) {
      repo.rechazado(
        job,
        'El trabajo de correo no tiene destinatario o documento autorizado.',
        iso(),
      );
      return;
    }
    // Fixed before anything leaves: every later attempt reuses it (the rule above).
    const messageId = repo.fijarMessageId(job.documentId, `<${deps.newId()}@${dominio}>`, iso());
    const mensaje = await construirMensaje(
      {
        claveAcceso: doc.claveAcceso,
        ambiente: doc.ambiente,
        numeroAutorizacion: doc.numeroAutorizacion,
        fechaAutorizacion: doc.fechaAutorizacion ?? '',
        comprobante:
          doc.authorizationXml !== null && doc.authorizationXml.trim() !== ''
            ? doc.authorizationXml
            : doc.signedXml,
      },
      {
        remitente: smtp.remitente,
        nombreRemitente: smtp.nombre ?? null,
        para: payload.para,
        messageId,
        fecha: clock.now(),
        logo: deps.logo?.() ?? null,
        ...(deps.fonts === undefined ? {} : { fonts: deps.fonts }),
      },
    );
    if (!mensaje.ok) {
      repo.rechazado(job, mensaje.error.message, iso());
      return;
    }
    try {
      await enviarCon(smtp)(mensaje.value);
    } catch (error) {
      const fallo = clasificarFallo(error, smtp.pass);
      switch (fallo.kind) {
        case 'rechazado':
          repo.rechazado(job, fallo.motivo, iso());
          deps.alCambiar?.(job.documentId);
          logger.warn('El servidor de correo rechazó el mensaje', {
            documentId: job.documentId,
            motivo: fallo.motivo,
          });
          return;
        case 'reintentar':
          reintentar(job, fallo.detalle);
          return;
      }
    }
    repo.enviado(job, iso());
    deps.alCambiar?.(job.documentId);
  };

  const lane = deps.runner.register<JobRow>({
    name: 'email',
    store: {
      claim: repo.jobs.claim,
      earliestDue: repo.jobs.earliestDue,
      releaseStale: repo.jobs.releaseAll,
    },
    process,
    // Only the database can throw here (send failures are classified above): try again later.
    onUnknownOutcome: (job, error) =>
      reintentar(
        job,
        sinSecreto(error instanceof Error ? error.message : String(error), ultimaPass),
      ),
    concurrency,
    leaseMs: 120_000,
    idleMs: 60_000,
    errorDelayMs: 5_000,
  });

  return {
    lane,
    start: lane.start,
    stop: async () => {
      await lane.stop();
      transporte?.cerrar();
      transporte = null;
    },
    wake: lane.wake,
    reintentarTodo: () => {
      repo.jobs.makeAllDue(iso());
      lane.wake();
    },
  };
};
