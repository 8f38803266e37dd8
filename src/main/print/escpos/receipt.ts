/**
 * The RIDE as an ESC/POS receipt: same content as the PDF, laid out in the printer's columns,
 * text encoded in its code page, clave de acceso as digits (font B), CODE128 parts that fit
 * with 2-dot modules or more, and a QR where the model prints one.
 */
import { formatCents, formatMicros } from '../ride/amounts';
import { FORMA_PAGO_EFECTIVO } from '../ride/catalog';
import type { Ride } from '../ride/model';
import { encodeText, printable } from './codepage';
import {
  align,
  bold,
  code128Digits,
  cut,
  drawerKick,
  feedLines,
  font,
  initialize,
  LF,
  qrCode,
  selectCodePage,
  size,
} from './commands';
import type { PrinterProfile } from './profiles';

export type EscposOptions = {
  profile: PrinterProfile;
  /** Prints a «REIMPRESIÓN» banner and never opens the drawer. */
  reimpresion?: boolean;
  /** A cash drawer hangs from the printer (default true); kicked only on cash payments (tabla 24, 01). */
  cajon?: boolean;
};

/** Word-wraps to `width` columns, breaking words longer than a line. */
export const wrap = (text: string, width: number): string[] => {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    let rest = word;
    while (rest.length > width) {
      if (current !== '') {
        lines.push(current);
        current = '';
      }
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    if (current === '') current = rest;
    else if (current.length + 1 + rest.length <= width) current = `${current} ${rest}`;
    else {
      lines.push(current);
      current = rest;
    }
  }
  if (current !== '' || lines.length === 0) lines.push(current);
  return lines;
};

/** `left` wrapped, with `right` flush right on its first line. */
export const columns = (left: string, right: string, width: number): string[] => {
  const lines = wrap(left, Math.max(1, width - right.length - 1));
  const first = lines[0] ?? '';
  lines[0] = `${first}${' '.repeat(Math.max(1, width - first.length - right.length))}${right}`;
  return lines;
};

/** CODE128 modules of a digit string in optimal sets (start, pairs, odd digit in B, check, stop). */
const code128Modules = (digits: number): number =>
  11 + 11 * Math.floor(digits / 2) + (digits % 2 === 1 ? 22 : 0) + 11 + 13;

const QUIET_MODULES = 20;

/**
 * Splits the clave into the fewest parts whose CODE128 fits the line with quiet zones and
 * modules of at least 2 dots (1-dot bars do not scan reliably; docs/sri.md §9).
 * @example claveParts('…49 digits…', 576) // [{ digits: 24, moduleDots: 3 }, { digits: 25, moduleDots: 2 }]
 */
export const claveParts = (
  clave: string,
  dots: number,
): { digits: string; moduleDots: number }[] => {
  for (let parts = 1; parts <= clave.length; parts++) {
    let size = Math.floor(clave.length / parts);
    if (size % 2 === 1 && parts > 1) size -= 1;
    const pieces: string[] = [];
    for (let i = 0; i < parts - 1; i++) pieces.push(clave.slice(i * size, (i + 1) * size));
    pieces.push(clave.slice((parts - 1) * size));
    const fitted = pieces.map((digits) => ({
      digits,
      // Epson GS w accepts 2–6.
      moduleDots: Math.min(6, Math.floor(dots / (code128Modules(digits.length) + QUIET_MODULES))),
    }));
    if (fitted.every((p) => p.moduleDots >= 2)) return fitted;
  }
  throw new Error('La clave de acceso no cabe en la línea de la impresora');
};

/**
 * Encodes the RIDE for a thermal printer.
 * @example renderEscpos(ride, { profile: PRINTER_PROFILES['tm-t20iii'] }) // Uint8Array [0x1b, 0x40, 0x1b, 0x74, 19, …]
 */
export const renderEscpos = (ride: Ride, options: EscposOptions): Uint8Array => {
  const { profile } = options;
  const width = profile.columns;
  const out: number[] = [];
  const push = (bytes: number[]): void => {
    for (const b of bytes) out.push(b);
  };
  const line = (text: string): void => {
    push(encodeText(text, profile.codePage));
    push(LF);
  };
  const para = (text: string, w = width): void => {
    for (const l of wrap(printable(text, profile.codePage), w)) line(l);
  };
  const pair = (left: string, right: string, w = width): void => {
    for (const l of columns(printable(left, profile.codePage), right, w)) line(l);
  };
  const rule = (): void => line('-'.repeat(width));

  push(initialize());
  push(selectCodePage(profile.codePageNumber));
  push(align('center'));
  if (options.reimpresion === true) {
    push(bold(true));
    line('*** REIMPRESIÓN ***');
    push(bold(false));
  }
  const e = ride.emisor;
  push(bold(true));
  para(e.razonSocial);
  line(`RUC: ${e.ruc}`);
  push(bold(false));
  if (e.nombreComercial !== null) para(e.nombreComercial);
  para(`Matriz: ${e.dirMatriz}`);
  if (e.dirEstablecimiento !== null) para(`Sucursal: ${e.dirEstablecimiento}`);
  if (e.contribuyenteEspecial !== null)
    para(`Contribuyente especial Nro.: ${e.contribuyenteEspecial}`);
  if (e.obligadoContabilidad !== null)
    para(`Obligado a llevar contabilidad: ${e.obligadoContabilidad}`);
  if (e.contribuyenteRimpe !== null) para(e.contribuyenteRimpe);
  if (e.agenteRetencion !== null) para(`Agente de Retención Resolución No. ${e.agenteRetencion}`);
  push(align('left'));
  rule();
  push(align('center'));
  push(bold(true));
  push(size(2, 2));
  para(ride.titulo, Math.floor(width / 2));
  push(size(1, 1));
  line(`No. ${ride.numero}`);
  push(bold(false));
  push(align('left'));
  line(`Fecha de emisión: ${ride.fechaEmision}`);
  line('Número de autorización:');
  push(font('B'));
  para(ride.numeroAutorizacion, profile.columnsFontB);
  push(font('A'));
  para(`Fecha y hora de autorización: ${ride.fechaAutorizacion ?? 'PENDIENTE'}`);
  para(`Ambiente: ${ride.ambiente}  Emisión: ${ride.emision}`);
  line('Clave de acceso:');
  push(font('B'));
  para(ride.claveAcceso, profile.columnsFontB);
  push(font('A'));
  if (profile.code128 || profile.qr) push(align('center'));
  if (profile.code128) {
    for (const part of claveParts(ride.claveAcceso, profile.dots)) {
      push(code128Digits(part.digits, part.moduleDots, 60));
      push(LF);
    }
  }
  if (profile.qr) {
    push(qrCode(ride.claveAcceso, 6));
    push(LF);
  }
  push(align('left'));
  rule();
  const c = ride.comprador;
  para(`Cliente: ${c.razonSocial}`);
  para(`${c.tipoIdentificacionNombre}: ${c.identificacion}`);
  if (c.direccion !== null) para(`Dirección: ${c.direccion}`);
  if (ride.guiaRemision !== null) para(`Guía de remisión: ${ride.guiaRemision}`);
  const nc = ride.notaCredito;
  if (nc !== null) {
    para(
      `Modifica: ${nc.docModificadoNombre} ${nc.numDocModificado} del ${nc.fechaEmisionDocSustento}`,
    );
    para(`Motivo: ${nc.motivo}`);
  }
  rule();
  push(bold(true));
  pair('DESCRIPCIÓN', 'TOTAL');
  push(bold(false));
  for (const l of ride.lineas) {
    para(l.codigoPrincipal === null ? l.descripcion : `${l.codigoPrincipal} ${l.descripcion}`);
    const descuento = l.descuento > 0 ? ` Desc. ${formatCents(l.descuento)}` : '';
    pair(
      `  ${formatMicros(l.cantidad)} x ${formatMicros(l.precioUnitario)}${descuento}`,
      formatCents(l.precioTotalSinImpuesto),
    );
  }
  rule();
  const t = ride.totales;
  for (const s of t.subtotalesIva) pair(`SUBTOTAL ${s.etiqueta}`, formatCents(s.baseImponible));
  pair('SUBTOTAL SIN IMPUESTOS', formatCents(t.subtotalSinImpuestos));
  pair('TOTAL DESCUENTO', formatCents(t.totalDescuento));
  if (t.ice > 0) pair('ICE', formatCents(t.ice));
  for (const s of t.subtotalesIva) {
    if (s.tarifa > 0 || s.valor > 0) pair(`IVA ${s.etiqueta}`, formatCents(s.valor));
  }
  if (t.irbpnr > 0) pair('IRBPNR', formatCents(t.irbpnr));
  if (ride.tipo === 'factura') pair('PROPINA', formatCents(t.propina));
  push(bold(true));
  push(size(2, 2));
  const total = formatCents(t.total);
  const half = Math.floor(width / 2);
  pair(half >= 'VALOR TOTAL'.length + 1 + total.length ? 'VALOR TOTAL' : 'TOTAL', total, half);
  push(size(1, 1));
  push(bold(false));
  if (ride.pagos.length > 0) {
    rule();
    line('FORMA DE PAGO');
    for (const p of ride.pagos) {
      const plazo =
        p.plazo === null ? '' : ` (${p.plazo} ${p.unidadTiempo ?? ''})`.replace(' )', ')');
      pair(`${p.nombre}${plazo}`, formatCents(p.total));
    }
  }
  if (ride.infoAdicional.length > 0) {
    rule();
    line('INFORMACIÓN ADICIONAL');
    for (const campo of ride.infoAdicional) para(`${campo.nombre}: ${campo.valor}`);
  }
  push(feedLines(4));
  if (profile.cutter) push(cut(0));
  const efectivo = ride.pagos.some((p) => p.formaPago === FORMA_PAGO_EFECTIVO);
  if (options.cajon !== false && options.reimpresion !== true && efectivo) push(drawerKick());
  return Uint8Array.from(out);
};
