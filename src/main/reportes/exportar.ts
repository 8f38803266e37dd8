/**
 * The reports as files for the accountant: XLSX (exceljs; amounts as numbers with two
 * decimals, dates as dates, quantities as numbers) and PDF (pdfkit with the RIDE's fonts).
 * Both are written from the same tables the screen shows (`tablas.ts`).
 */
import type ExcelJS from 'exceljs';
import { loadRideFonts, type RideFonts } from '../print';
import { pdfDocument } from '../print/lazyDeps';
import { type Celda, cantidad, dinero, fechaTexto, type Tabla, type TipoColumna } from './tablas';

export type Encabezado = {
  /** The store, as it prints on its documents. */
  tienda: string;
  /** «del 01/03/2026 al 31/03/2026 · todos los puntos de emisión». */
  periodo: string;
  /** When the file was made (ISO). */
  generado: Date;
};

const FORMATO: Record<TipoColumna, string | undefined> = {
  texto: undefined,
  dinero: '#,##0.00',
  entero: '0',
  cantidad: '#,##0.###',
  fecha: 'dd/mm/yyyy',
};

const valorXlsx = (valor: Celda, tipo: TipoColumna): ExcelJS.CellValue => {
  if (typeof valor === 'string') {
    // Midnight UTC: Excel shows the same calendar day everywhere.
    return tipo === 'fecha' && /^\d{4}-\d{2}-\d{2}$/.test(valor)
      ? new Date(`${valor}T00:00:00.000Z`)
      : valor;
  }
  switch (tipo) {
    case 'dinero':
      // Cents → dollars: n/100 is the nearest double to the exact two-decimal amount.
      return valor / 100;
    case 'cantidad':
      return valor / 1_000_000;
    case 'entero':
    case 'texto':
    case 'fecha':
      return valor;
    default: {
      const nunca: never = tipo;
      return nunca;
    }
  }
};

/** Sheet names: ≤ 31 characters, none of []:*?/\ , unique. */
const nombreHoja = (titulo: string, usados: Set<string>): string => {
  const base = titulo
    .replace(/[[\]:*?/\\]/g, ' ')
    .slice(0, 28)
    .trim();
  let nombre = base;
  for (let i = 2; usados.has(nombre); i++) nombre = `${base.slice(0, 26)} ${i}`;
  usados.add(nombre);
  return nombre;
};

/** @example await reporteXlsx(tablas, { tienda, periodo, generado }) // bytes of a .xlsx */
export const reporteXlsx = async (tablas: readonly Tabla[], enc: Encabezado): Promise<Buffer> => {
  // Loaded on the first export: exceljs costs ~130 ms of every start otherwise (bench arranque).
  const { default: Excel } = await import('exceljs');
  const libro = new Excel.Workbook();
  libro.creator = 'Mostrador';
  libro.created = enc.generado;
  const usados = new Set<string>();
  for (const t of tablas) {
    const hoja = libro.addWorksheet(nombreHoja(t.titulo, usados));
    hoja.addRow([t.titulo]).font = { bold: true, size: 13 };
    hoja.addRow([`${enc.tienda} · ${enc.periodo}`]);
    if (t.nota !== undefined)
      hoja.addRow([t.nota]).font = { italic: true, color: { argb: 'FF9C2B00' } };
    hoja.addRow([]);
    const cabecera = hoja.addRow(t.columnas.map((c) => c.titulo));
    cabecera.font = { bold: true };
    const escribir = (fila: Celda[], negrita: boolean) => {
      const row = hoja.addRow(fila.map((v, i) => valorXlsx(v, t.columnas[i]?.tipo ?? 'texto')));
      if (negrita) row.font = { bold: true };
      t.columnas.forEach((c, i) => {
        const formato = FORMATO[c.tipo];
        if (formato !== undefined && fila[i] !== '') row.getCell(i + 1).numFmt = formato;
      });
    };
    for (const fila of t.filas) escribir(fila, false);
    if (t.total !== undefined) escribir(t.total, true);
    t.columnas.forEach((c, i) => {
      hoja.getColumn(i + 1).width = Math.max(12, Math.min(48, c.titulo.length + 4));
    });
  }
  return Buffer.from(await libro.xlsx.writeBuffer());
};

const textoCelda = (valor: Celda, tipo: TipoColumna): string => {
  if (typeof valor === 'string')
    return tipo === 'fecha' && valor !== '' ? fechaTexto(valor) : valor;
  switch (tipo) {
    case 'dinero':
      return dinero(valor);
    case 'cantidad':
      return cantidad(valor);
    case 'entero':
    case 'texto':
    case 'fecha':
      return String(valor);
    default: {
      const nunca: never = tipo;
      return nunca;
    }
  }
};

const A4 = { ancho: 841.89, alto: 595.28 };
const MARGEN = 36;

/** @example await reportePdf(tablas, { tienda, periodo, generado }) // bytes of a landscape A4 PDF */
export const reportePdf = (
  tablas: readonly Tabla[],
  enc: Encabezado,
  fonts: RideFonts = loadRideFonts(),
): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const PDFDocument = pdfDocument();
    const doc = new PDFDocument({ size: [A4.ancho, A4.alto], margin: MARGEN, font: '' });
    const partes: Buffer[] = [];
    doc.on('data', (b: Buffer) => partes.push(b));
    doc.on('end', () => resolve(Buffer.concat(partes)));
    doc.on('error', reject);
    doc.info.Title = `Reportes · ${enc.periodo}`;
    doc.info.Creator = 'Mostrador';
    // pdfkit accepts a parsed fontkit font; its typings list only file sources.
    doc.registerFont('R', fonts.regular as unknown as Buffer);
    doc.registerFont('B', fonts.bold as unknown as Buffer);
    const util = A4.ancho - 2 * MARGEN;
    const fondo = A4.alto - MARGEN;
    let y = MARGEN;
    const nuevaPagina = () => {
      doc.addPage();
      y = MARGEN;
    };
    doc.font('B').fontSize(15).text('Reportes', MARGEN, y);
    y += 20;
    doc.font('R').fontSize(9).text(`${enc.tienda} · ${enc.periodo}`, MARGEN, y);
    y += 13;
    doc.text(
      `Generado el ${enc.generado.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      MARGEN,
      y,
    );
    y += 20;
    for (const t of tablas) {
      const n = t.columnas.length;
      // Text columns get more room than numbers.
      const pesos = t.columnas.map((c) => (c.tipo === 'texto' ? 2.4 : 1));
      const totalPeso = pesos.reduce((a, b) => a + b, 0);
      const anchos = pesos.map((p) => (util * p) / totalPeso);
      const xs = anchos.map((_, i) => MARGEN + anchos.slice(0, i).reduce((a, b) => a + b, 0));
      const fila = (celdas: string[], fuente: 'R' | 'B') => {
        doc.font(fuente).fontSize(8);
        const alto =
          Math.max(
            ...celdas.map((c, i) => doc.heightOfString(c, { width: (anchos[i] ?? 0) - 4 })),
          ) + 3;
        if (y + alto > fondo) nuevaPagina();
        celdas.forEach((c, i) => {
          const numerica = t.columnas[i]?.tipo !== 'texto';
          doc.text(c, (xs[i] ?? 0) + 2, y, {
            width: (anchos[i] ?? 0) - 4,
            align: numerica ? 'right' : 'left',
          });
        });
        y += alto;
      };
      if (y + 60 > fondo) nuevaPagina();
      doc.font('B').fontSize(11).text(t.titulo, MARGEN, y);
      y += 16;
      if (t.nota !== undefined) {
        doc.font('R').fontSize(8.5).fillColor('#9c2b00').text(t.nota, MARGEN, y, { width: util });
        doc.fillColor('black');
        y += doc.heightOfString(t.nota, { width: util }) + 4;
      }
      fila(
        t.columnas.map((c) => c.titulo),
        'B',
      );
      doc
        .moveTo(MARGEN, y - 1)
        .lineTo(MARGEN + util, y - 1)
        .lineWidth(0.5)
        .stroke();
      if (t.filas.length === 0) fila(['Sin datos en el periodo.', ...Array(n - 1).fill('')], 'R');
      for (const f of t.filas)
        fila(
          f.map((v, i) => textoCelda(v, t.columnas[i]?.tipo ?? 'texto')),
          'R',
        );
      if (t.total !== undefined) {
        doc
          .moveTo(MARGEN, y - 1)
          .lineTo(MARGEN + util, y - 1)
          .lineWidth(0.5)
          .stroke();
        fila(
          t.total.map((v, i) => textoCelda(v, t.columnas[i]?.tipo ?? 'texto')),
          'B',
        );
      }
      y += 14;
    }
    doc.end();
  });
