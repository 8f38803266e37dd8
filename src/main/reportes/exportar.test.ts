import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { crearInsertador, crearTienda, type DocSemilla } from '../../../test/fixtures/reportes';
import { openTestDatabase } from '../db/testing';
import { createConsultasReportes } from './consultas';
import { reportePdf, reporteXlsx } from './exportar';
import { tablasDeReporte } from './tablas';

const dir = mkdtempSync(path.join(tmpdir(), 'mostrador-reportes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const venta = (
  fecha: string,
  minuto: number,
  precioMicro: number,
  codDoc: '01' | '04' = '01',
): DocSemilla => ({
  codDoc,
  fecha,
  minuto,
  punto: 0,
  usuario: 0,
  lineas: [{ producto: 0, cantidadMicro: 2_000_000, precioMicro }],
  pagos: ['01'],
  motivo: 0,
  estadoInicial: 'AUTHORIZED',
  estadoFinal: null,
});

const datos = () => {
  const db = openTestDatabase();
  crearTienda(db.sqlite, 3);
  const { insertar } = crearInsertador(db.sqlite, 3);
  // 2 × $1.005 = $2.01 base + 15 % IVA ($0.30) = $2.31; 2 × $10.50 = $21.00 + $3.15 = $24.15.
  insertar(venta('2026-03-02', 9 * 60, 1_005_000));
  insertar(venta('2026-03-03', 20 * 60, 10_500_000));
  insertar(venta('2026-03-03', 21 * 60, 1_005_000, '04'));
  const q = createConsultasReportes(db.sqlite);
  const filtro = { desde: '2026-03-01', hasta: '2026-03-31', comparar: 'mes' as const };
  const tablas = tablasDeReporte(q.reporte(filtro), q.tributario('2026-03'));
  db.close();
  return tablas;
};

const encabezado = {
  tienda: 'COMERCIAL DON LUCHO CIA. LTDA.',
  periodo: 'del 01/03/2026 al 31/03/2026 · todos los puntos de emisión',
  generado: new Date('2026-04-01T12:00:00.000Z'),
};

describe('exportación de los reportes', () => {
  it('XLSX: importes como números con dos decimales, fechas como fechas, totales', async () => {
    const bytes = await reporteXlsx(datos(), encabezado);
    const libro = new ExcelJS.Workbook();
    await libro.xlsx.load(bytes as unknown as ArrayBuffer);
    const dias = libro.getWorksheet('Ventas por día');
    expect(dias).toBeDefined();
    const filas: ExcelJS.Row[] = [];
    dias?.eachRow((r) => filas.push(r));
    const marzo3 = filas.find(
      (r) =>
        r.getCell(1).value instanceof Date &&
        (r.getCell(1).value as Date).toISOString().startsWith('2026-03-03'),
    );
    expect(marzo3?.getCell(1).numFmt).toBe('dd/mm/yyyy');
    expect(marzo3?.getCell(3).value).toBe(24.15);
    expect(marzo3?.getCell(3).numFmt).toBe('#,##0.00');
    expect(marzo3?.getCell(4).value).toBe(2.31);
    const total = filas.find((r) => r.getCell(1).value === 'Total');
    expect(total?.getCell(2).value).toBe(2);
    expect(total?.getCell(3).value).toBe(26.46);
    expect(total?.getCell(5).value).toBe(24.15);
    const iva = libro.worksheets.find((h) => h.name.startsWith('Resumen tributario'));
    const filasIva: ExcelJS.Row[] = [];
    iva?.eachRow((r) => filasIva.push(r));
    const quince = filasIva.find((r) => r.getCell(1).value === 'IVA 15 %');
    expect([2, 3, 4, 5, 6, 7].map((c) => quince?.getCell(c).value)).toEqual([
      23.01, 3.45, 2.01, 0.3, 21, 3.15,
    ]);
  });

  it('PDF: las mismas tablas, legibles con pdftotext', async () => {
    const archivo = path.join(dir, 'reportes.pdf');
    writeFileSync(archivo, await reportePdf(datos(), encabezado));
    const texto = execFileSync('pdftotext', ['-layout', archivo, '-'], { encoding: 'utf8' });
    expect(texto).toContain('Ventas por día');
    expect(texto).toContain('03/03/2026');
    expect(texto).toContain('$24.15');
    expect(texto).toContain('Resumen tributario de 2026-03');
    expect(texto).toMatch(/IVA 15 %\s+\$23\.01\s+\$3\.45\s+\$2\.01\s+\$0\.30\s+\$21\.00\s+\$3\.15/);
  });
});
