// `npm run bench -- impresion [--docs 200] [--envios 40]`: per document, XML → RIDE 80 mm PDF and
// XML → ESC/POS bytes (warm, one process), p50/p95 against the targets of docs/architecture.md §12
// (≤ 50 ms, ≤ 5 ms); then the delivery of those ESC/POS bytes by the two paths a thermal printer
// has: raw TCP 9100 (a fake printer on 127.0.0.1) and the OS spooler (CUPS `lpstat` + `lp -o
// raw`, fake commands first on PATH: what is measured is the two processes per job).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  PRINTER_PROFILES,
  parseRide,
  renderEscpos,
  renderRidePdf,
  sendRawSpool,
  sendTcp,
} from '../../src/main/print';
import { startFakeCups } from '../../test/fakes/cups';
import { startFakePrinter } from '../../test/fakes/printer';

const here = dirname(fileURLToPath(import.meta.url));
const template = readFileSync(resolve(here, '../../test/fixtures/print/factura-nanez.xml'), 'utf8');

const BUYERS = [
  'María José Ñañez Güemes',
  'Jorge Andrés Peñafiel',
  'Ana Lucía Cañar',
  'Íñigo Ortúzar',
];

/** Distinct documents: other buyers and secuenciales, 1 to 20 lines. */
const documents = (count: number): string[] => {
  const detalleStart = template.indexOf('<detalle>');
  const detalleEnd = template.indexOf('</detalle>') + '</detalle>'.length;
  const detalle = template.slice(detalleStart, detalleEnd);
  return Array.from({ length: count }, (_, i) => {
    const extra = Array.from({ length: i % 16 }, () => detalle).join('');
    return template
      .replace('María José Ñañez Güemes', BUYERS[i % BUYERS.length] as string)
      .replace('<secuencial>000000123', `<secuencial>${String(i + 1).padStart(9, '0')}`)
      .replace('</detalles>', `${extra}</detalles>`);
  });
};

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

const report = (name: string, times: number[], target: number): void => {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  const p95 = percentile(sorted, 95);
  console.log(
    `${name.padEnd(28)} media ${mean.toFixed(2).padStart(6)} ms  p50 ${percentile(sorted, 50).toFixed(2).padStart(6)} ms  p95 ${p95.toFixed(2).padStart(6)} ms  objetivo ≤ ${target} ms  ${p95 <= target ? 'OK' : 'NO CUMPLE'}`,
  );
};

export const run = async (args: string[]): Promise<void> => {
  const index = args.indexOf('--docs');
  const count = index === -1 ? 200 : Number(args[index + 1]);
  const xmls = documents(count);
  const profile = PRINTER_PROFILES['tm-t20iii'];
  const pdf80: number[] = [];
  const pdfA4: number[] = [];
  const escpos: number[] = [];
  // Warm-up: fonts parsed, measurer and JIT ready, as in the running app.
  for (const xml of xmls.slice(0, 20)) {
    const ride = parseRide(xml);
    if (!ride.ok) throw new Error(ride.error.message);
    await renderRidePdf(ride.value, { formato: '80mm' });
    await renderRidePdf(ride.value, { formato: 'a4' });
    renderEscpos(ride.value, { profile });
  }
  // One phase per output, so the PDF phase's garbage is not collected inside ESC/POS timings.
  let bytesPdf = 0;
  let bytesEscpos = 0;
  for (const xml of xmls) {
    const start = performance.now();
    const ride = parseRide(xml);
    if (!ride.ok) throw new Error(ride.error.message);
    bytesPdf += (await renderRidePdf(ride.value, { formato: '80mm' })).length;
    pdf80.push(performance.now() - start);
  }
  for (const xml of xmls) {
    const start = performance.now();
    const ride = parseRide(xml);
    if (!ride.ok) throw new Error(ride.error.message);
    await renderRidePdf(ride.value, { formato: 'a4' });
    pdfA4.push(performance.now() - start);
  }
  for (const xml of xmls) {
    const start = performance.now();
    const ride = parseRide(xml);
    if (!ride.ok) throw new Error(ride.error.message);
    bytesEscpos += renderEscpos(ride.value, { profile }).length;
    escpos.push(performance.now() - start);
  }
  console.log(`impresion: ${count} documentos (1 a 16 líneas), XML → bytes listos, en caliente`);
  report('RIDE 80 mm PDF', pdf80, 50);
  report('RIDE A4 PDF (referencia)', pdfA4, 50);
  report('ESC/POS TM-T20III', escpos, 5);
  console.log(
    `tamaño medio: PDF 80 mm ${Math.round(bytesPdf / count / 1024)} KiB, ESC/POS ${Math.round(bytesEscpos / count)} bytes`,
  );
  await envios(args, xmls);
};

/** The same ESC/POS bytes delivered by TCP 9100 and by the CUPS raw queue, one job at a time. */
const envios = async (args: string[], xmls: string[]): Promise<void> => {
  const index = args.indexOf('--envios');
  const count = Math.min(xmls.length, index === -1 ? 40 : Number(args[index + 1]));
  const profile = PRINTER_PROFILES['tm-t20iii'];
  const trabajos = xmls.slice(0, count).map((xml) => {
    const ride = parseRide(xml);
    if (!ride.ok) throw new Error(ride.error.message);
    return renderEscpos(ride.value, { profile });
  });
  const printer = await startFakePrinter();
  const cups = startFakeCups();
  try {
    cups.setColas({ TM20: 'printer TM20 is idle.  enabled since Wed 02 Dec 2026 10:00:00 -05' });
    const tcp: number[] = [];
    const raw: number[] = [];
    // One warm-up each: the first connection and the first process start pay extra.
    await sendTcp({ host: printer.host, port: printer.port }, trabajos[0] ?? new Uint8Array());
    await sendRawSpool('TM20', trabajos[0] ?? new Uint8Array(), {
      platform: 'linux',
      cups: { env: cups.env },
    });
    for (const bytes of trabajos) {
      const start = performance.now();
      const r = await sendTcp({ host: printer.host, port: printer.port }, bytes, {
        closeGraceMs: 1500,
      });
      if (!r.ok) throw new Error(r.error.message);
      tcp.push(performance.now() - start);
    }
    for (const bytes of trabajos) {
      const start = performance.now();
      const r = await sendRawSpool('TM20', bytes, { platform: 'linux', cups: { env: cups.env } });
      if (!r.ok) throw new Error(r.error.message);
      raw.push(performance.now() - start);
    }
    const enviados = cups.trabajos().length - 1;
    console.log(
      `envío del ESC/POS: ${count} trabajos (uno tras otro; la venta nunca los espera: cola de impresión)`,
    );
    reportSin('TCP 9100 (impresora de red)', tcp);
    reportSin('cola CUPS lp -o raw (USB)', raw);
    console.log(
      `recibidos: TCP ${printer.jobs.length - 1}, CUPS ${enviados}. CUPS lanza lpstat y lp por trabajo; aquí son scripts de Node (su arranque domina), el lp real es un binario pequeño`,
    );
  } finally {
    await printer.close();
    cups.close();
  }
};

const reportSin = (name: string, times: number[]): void => {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  console.log(
    `${name.padEnd(28)} media ${mean.toFixed(2).padStart(6)} ms  p50 ${percentile(sorted, 50).toFixed(2).padStart(6)} ms  p95 ${percentile(sorted, 95).toFixed(2).padStart(6)} ms`,
  );
};
