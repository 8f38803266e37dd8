// `npm run bench -- impresion [--docs 200]`: per document, XML → RIDE 80 mm PDF and XML → ESC/POS
// bytes (warm, one process), p50/p95 against the targets of docs/architecture.md §12 (≤ 50 ms, ≤ 5 ms).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PRINTER_PROFILES, parseRide, renderEscpos, renderRidePdf } from '../../src/main/print';

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
};
