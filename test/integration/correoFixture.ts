/**
 * For the e-mail tests: a real SMTP server on 127.0.0.1 (smtp-server) that keeps what it received,
 * parsed with mailparser, and an invoice to a buyer authorized by the outbox's own step.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { createOutboxRepo } from '../../src/main/outbox/repo';
import { SRI_SAMPLES_DIR } from '../fixtures/paths';

export const CLAVE = '1804202401123456789000110010010000000051234567816';
export const FIRMADO = readFileSync(
  join(SRI_SAMPLES_DIR, 'factura_V1.1.0_prueba_firmada-XAdES-BES.xml'),
  'utf8',
);
export const FECHA_AUT = '2024-04-18T10:20:30-05:00';
export const PASS = 'clave-secreta-ñ';

export type Servidor = {
  port: number;
  recibidos: ParsedMail[];
  destinatarios: string[];
  cerrar: () => Promise<void>;
};

/** A real SMTP server; `opciones` refuse what a test needs refused. */
export const servidor = async (opciones: SMTPServerOptions = {}, port = 0): Promise<Servidor> => {
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

/** An invoice to a buyer with e-mail, authorized by the outbox's own step. */
export const autorizarFactura = (
  sqlite: BetterSqlite3.Database,
  email: string | null,
  at: string,
): void => {
  sqlite.exec(`
    INSERT INTO issuer (id, ruc, razon_social, direccion_matriz, obligado_contabilidad, ambiente, updated_at)
      VALUES ('i1', '1234567890001', 'Ña Pepa', 'Quito', 1, '1', '${at}');
    INSERT INTO establishment (id, issuer_id, code, address, updated_at) VALUES ('e1', 'i1', '001', 'Quito', '${at}');
    INSERT INTO emission_point (id, establishment_id, code, description, updated_at) VALUES ('p1', 'e1', '001', 'Caja 1', '${at}');
  `);
  sqlite
    .prepare(
      `INSERT INTO document (id, cod_doc, version, ambiente, emission_point_id, estab, pto_emi, secuencial,
         clave_acceso, fecha_emision, buyer_tipo, buyer_identificacion, buyer_razon_social, buyer_email,
         subtotal_cents, descuento_cents, iva_cents, total_cents, status, signed_xml, created_at, updated_at)
       VALUES ('d1', '01', '1.1.0', '1', 'p1', '001', '001', 5, ?, '2024-04-18', '05', '1712345678',
         'Don Venom', ?, 3875, 0, 581, 4456, 'AUTHORIZATION_PENDING', ?, ?, ?)`,
    )
    .run(CLAVE, email, FIRMADO, at, at);
  createOutboxRepo(sqlite).applyEvents(
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
