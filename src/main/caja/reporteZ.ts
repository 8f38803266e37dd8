/**
 * The Z report as printed lines: the same text goes to the thermal printer (ESC/POS) and to
 * the PDF, so what the cashier signs is what the file says. 40 columns fit 80 mm paper.
 */
import type { ReporteZ } from '../../shared/contract/caja';
import { type PrinterConfig, type RideFonts, renderTextPage } from '../print';

const ANCHO = 40;

/** 1234 → "$12.34", -5 → "-$0.05". */
export const dolares = (centavos: number): string => {
  const abs = Math.abs(centavos);
  return `${centavos < 0 ? '-' : ''}$${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};

const fila = (etiqueta: string, valor: string): string => {
  const espacio = Math.max(1, ANCHO - etiqueta.length - valor.length);
  return `${etiqueta}${' '.repeat(espacio)}${valor}`;
};

/** Ecuador is UTC−05:00 all year. */
const horaLocal = (iso: string): string => {
  const local = new Date(new Date(iso).getTime() - 5 * 3600_000).toISOString();
  // dd/mm/aaaa, as a person in Ecuador reads dates.
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
};

const separador = '-'.repeat(ANCHO);

/** @example lineasReporteZ(datos)[0] // 'Punto de emisión: 001-001' */
export const lineasReporteZ = (z: Omit<ReporteZ, 'lineas'>): string[] => {
  const t = z.turno;
  const e = t.efectivo;
  const lineas = [
    `Punto de emisión: ${t.puntoEmision}`,
    `Turno: ${t.numero} (${t.abiertoPor})`,
    `Abierto: ${horaLocal(t.abiertoEn)} por ${t.abiertoPor}`,
    `Cerrado: ${t.cerradoEn === null ? '—' : horaLocal(t.cerradoEn)} por ${t.cerradoPor ?? '—'}`,
    separador,
    'VENTAS',
    fila(`Facturas (${t.facturas.cantidad})`, dolares(t.facturas.totalCentavos)),
    fila(`Notas de crédito (${t.notasCredito.cantidad})`, dolares(-t.notasCredito.totalCentavos)),
    fila('Total neto', dolares(t.facturas.totalCentavos - t.notasCredito.totalCentavos)),
    ...((z.propinasCentavos ?? 0) > 0
      ? [fila('  incluye propinas', dolares(z.propinasCentavos ?? 0))]
      : []),
    separador,
    'POR TARIFA DE IVA (neto)',
  ];
  for (const r of z.porIva) {
    const tarifa = `${Math.trunc(r.tarifa / 100)}${r.tarifa % 100 === 0 ? '' : `.${String(r.tarifa % 100).padStart(2, '0')}`}%`;
    lineas.push(fila(`Base IVA ${tarifa}`, dolares(r.baseCentavos)));
    lineas.push(fila(`IVA ${tarifa}`, dolares(r.ivaCentavos)));
  }
  lineas.push(separador, 'POR FORMA DE PAGO');
  for (const p of z.porFormaPago) {
    const nombre =
      p.formaPago === '01'
        ? 'Efectivo'
        : p.nombre.toLowerCase().replace(/^./, (c) => c.toUpperCase());
    lineas.push(fila(`${nombre.slice(0, 26)}`, dolares(p.facturasCentavos)));
    if (p.notasCreditoCentavos > 0) {
      lineas.push(fila('  devuelto', dolares(-p.notasCreditoCentavos)));
    }
  }
  lineas.push(separador, 'MOVIMIENTOS DE EFECTIVO');
  for (const m of t.movimientos) {
    const monto = m.tipo === 'entrada' ? m.montoCentavos : -m.montoCentavos;
    lineas.push(
      fila(
        `${m.tipo === 'entrada' ? 'Entrada' : 'Salida'}: ${m.motivo}`.slice(0, 28),
        dolares(monto),
      ),
    );
  }
  if (t.movimientos.length === 0) lineas.push('Sin movimientos');
  lineas.push(
    separador,
    'EFECTIVO',
    fila('Fondo inicial', dolares(e.fondoCentavos)),
    fila('Ventas en efectivo', dolares(e.ventasCentavos)),
    fila('Devoluciones en efectivo', dolares(-e.devolucionesCentavos)),
    fila('Entradas', dolares(e.entradasCentavos)),
    fila('Salidas', dolares(-e.salidasCentavos)),
    fila('Esperado', dolares(e.esperadoCentavos)),
    fila('Contado', dolares(z.contadoCentavos)),
    fila(
      z.diferenciaCentavos === 0
        ? 'Diferencia'
        : z.diferenciaCentavos < 0
          ? 'Diferencia (faltante)'
          : 'Diferencia (sobrante)',
      dolares(z.diferenciaCentavos),
    ),
    separador,
    'CONTEO',
  );
  for (const c of z.conteo) {
    lineas.push(fila(`${c.etiqueta} × ${c.cantidad}`, dolares(c.subtotalCentavos)));
  }
  if (z.conteo.length === 0) lineas.push('Sin efectivo contado');
  lineas.push(
    separador,
    '',
    'Firma del cajero: ____________________',
    '',
    'Firma del supervisor: _______________',
  );
  return lineas;
};

/** The PDF copy (A4), with the print module's fonts and text-page layout. */
export const reporteZPdf = (
  reporte: ReporteZ,
  ahora: Date,
  fonts?: RideFonts,
): Promise<Uint8Array> => {
  const pdf: PrinterConfig = {
    kind: 'pdf_spooler',
    name: 'Reporte Z',
    queueName: 'archivo',
    formato: 'a4',
  };
  return renderTextPage(pdf, { titulo: 'REPORTE Z', lineas: reporte.lineas }, ahora, fonts);
};
