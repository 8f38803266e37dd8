// `npm run bench -- correo [--docs 1000]`: authorized documents delivered by the `email` kind to a
// local SMTP server (smtp-server on 127.0.0.1:0): messages per second end to end (target ≥ 50/s),
// and the cost per message of building it — RIDE A4 PDF and MIME — measured alone.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import MailComposer from 'nodemailer/lib/mail-composer';
import { SMTPServer } from 'smtp-server';
import { construirMensaje, parseSmtpUrl, registrarCorreo } from '../../src/main/correo';
import { openTestDatabase } from '../../src/main/db/testing';
import { createJobRunner } from '../../src/main/jobs';
import { silentLogger } from '../../src/main/log';
import { createOutboxRepo } from '../../src/main/outbox/repo';

const here = dirname(fileURLToPath(import.meta.url));
const template = readFileSync(
  resolve(here, '../../test/fixtures/sri/factura_V1.1.0_prueba_firmada-XAdES-BES.xml'),
  'utf8',
);
const CLAVE = '1804202401123456789000110010010000000051234567816';

/** Document `i`: its own secuencial and clave (30 digits + secuencial + the rest). */
const documento = (i: number): { clave: string; xml: string } => {
  const sec = String(i + 1).padStart(9, '0');
  const clave = `${CLAVE.slice(0, 30)}${sec}${CLAVE.slice(39)}`;
  return {
    clave,
    xml: template.replaceAll(CLAVE, clave).replace('<secuencial>000000005', `<secuencial>${sec}`),
  };
};

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

export const run = async (args: string[]): Promise<void> => {
  const index = args.indexOf('--docs');
  const count = index === -1 ? 1000 : Number(args[index + 1]);

  let recibidos = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, _session, cb) => {
      stream.on('data', () => {});
      stream.on('end', () => {
        recibidos += 1;
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as AddressInfo).port;
  const smtp = parseSmtpUrl(`smtp://127.0.0.1:${port}?from=ventas@tienda.example`);
  if (!smtp.ok) throw new Error(smtp.error.message);

  const db = openTestDatabase();
  const at = db.clock.now().toISOString();
  db.sqlite.exec(`
    INSERT INTO issuer (id, ruc, razon_social, direccion_matriz, obligado_contabilidad, ambiente, updated_at)
      VALUES ('i1', '1234567890001', 'Tienda', 'Quito', 1, '1', '${at}');
    INSERT INTO establishment (id, issuer_id, code, address, updated_at) VALUES ('e1', 'i1', '001', 'Quito', '${at}');
    INSERT INTO emission_point (id, establishment_id, code, description, updated_at) VALUES ('p1', 'e1', '001', 'Caja 1', '${at}');
  `);
  const insert = db.sqlite.prepare(
    `INSERT INTO document (id, cod_doc, version, ambiente, emission_point_id, estab, pto_emi, secuencial,
       clave_acceso, fecha_emision, buyer_tipo, buyer_identificacion, buyer_razon_social, buyer_email,
       subtotal_cents, descuento_cents, iva_cents, total_cents, status, signed_xml, created_at, updated_at)
     VALUES (?, '01', '1.1.0', '1', 'p1', '001', '001', ?, ?, '2024-04-18', '05', '1712345678',
       'Don Venom', ?, 3875, 0, 581, 4456, 'AUTHORIZATION_PENDING', ?, ?, ?)`,
  );
  const outbox = createOutboxRepo(db.sqlite);
  const docs = Array.from({ length: count }, (_, i) => documento(i));
  db.sqlite.transaction(() => {
    docs.forEach((d, i) => {
      insert.run(`d${i}`, i + 1, d.clave, `comprador${i}@example.com`, d.xml, at, at);
      outbox.applyEvents(
        {
          documentId: `d${i}`,
          eventos: ['autorizado'],
          at,
          source: 'sri',
          mensajes: [],
          detalle: null,
          autorizacion: {
            numeroAutorizacion: d.clave,
            fechaAutorizacion: '2024-04-18T10:20:30-05:00',
            authorizationXml: d.xml,
          },
        },
        'AUTHORIZATION_PENDING',
      );
    });
  })();

  // Cost of building one message alone (warm): RIDE A4 + autorizacion XML, then MIME.
  const construir: number[] = [];
  const mime: number[] = [];
  const muestra = Math.min(200, count);
  for (let i = 0; i < muestra + 20; i++) {
    const d = docs[i % count] as { clave: string; xml: string };
    const t0 = performance.now();
    const m = await construirMensaje(
      {
        claveAcceso: d.clave,
        ambiente: '1',
        numeroAutorizacion: d.clave,
        fechaAutorizacion: '2024-04-18T10:20:30-05:00',
        comprobante: d.xml,
      },
      {
        remitente: 'ventas@tienda.example',
        para: 'a@example.com',
        messageId: `<b${i}@tienda.example>`,
        fecha: new Date(),
      },
    );
    if (!m.ok) throw new Error(m.error.message);
    const t1 = performance.now();
    await new MailComposer(m.value).compile().build();
    const t2 = performance.now();
    if (i >= 20) {
      construir.push(t1 - t0);
      mime.push(t2 - t1);
    }
  }

  let n = 0;
  const runner = createJobRunner({ clock: db.clock, logger: silentLogger });
  const correo = registrarCorreo({
    sqlite: db.sqlite,
    smtp: smtp.value,
    runner,
    clock: db.clock,
    logger: silentLogger,
    random: Math.random,
    newId: () => `m${++n}`,
  });
  const start = performance.now();
  const ran = await correo.lane.drain();
  const seconds = (performance.now() - start) / 1000;
  await correo.stop();
  await new Promise<void>((r) => server.close(() => r()));
  const enviados = (
    db.sqlite
      .prepare("SELECT COUNT(*) AS n FROM email_delivery WHERE status = 'enviado'")
      .get() as {
      n: number;
    }
  ).n;
  db.sqlite.close();

  const fmt = (times: number[]): string => {
    const s = [...times].sort((a, b) => a - b);
    const mean = times.reduce((a, t) => a + t, 0) / times.length;
    return `media ${mean.toFixed(2)} ms  p50 ${percentile(s, 50).toFixed(2)} ms  p95 ${percentile(s, 95).toFixed(2)} ms`;
  };
  const porSegundo = enviados / seconds;
  console.log(`correo: ${count} documentos autorizados al servidor SMTP local (127.0.0.1)`);
  console.log(
    `entregados ${enviados} (trabajos ${ran}, recibidos por el servidor ${recibidos}) en ${seconds.toFixed(2)} s: ${porSegundo.toFixed(1)} mensajes/s  objetivo ≥ 50  ${porSegundo >= 50 ? 'OK' : 'NO CUMPLE'}`,
  );
  console.log(`por mensaje, RIDE A4 + XML: ${fmt(construir)}`);
  console.log(`por mensaje, MIME:          ${fmt(mime)}`);
};
