/**
 * The RIDE as PDF, A4 or 80 mm roll. Layout runs first into a list of drawing operations with
 * absolute positions (text measured with the same fonts), then one pdfkit document replays
 * them: the 80 mm page gets exactly the height of its content, and nothing is drawn before
 * the whole layout is known.
 */
import { err, ok, type Result } from '../../../shared/result';
import { pdfDocument } from '../lazyDeps';
import { formatCents, formatMicros } from './amounts';
import {
  CODE128_QUIET_MODULES,
  code128,
  type LinearBarcode,
  type MatrixBarcode,
  QR_QUIET_MODULES,
  qrCode,
  splitClave,
} from './barcode';
import { loadRideFonts, type RideFonts } from './fonts';
import type { Ride } from './model';

export type RideFormato = 'a4' | '80mm';

export type RidePdfOptions = {
  formato: RideFormato;
  /** Store logo from Ajustes: PNG or JPEG bytes. */
  logo?: Uint8Array | null;
  /** Defaults to the fonts in resources/fonts, loaded once. */
  fonts?: RideFonts;
};

const MM = 72 / 25.4;
/** 80 mm roll; the printable line of 80 mm printers is 72 mm (576 dots at 203 dpi). */
const ROLL_WIDTH = 80 * MM;
const ROLL_MARGIN = 4 * MM;
const PRINTER_DOT = 25.4 / 203;
const A4_WIDTH = 595.28;
const A4_HEIGHT = 841.89;
const A4_MARGIN = 28;
const LINE_GAP = 0.5;

type FontKey = 'R' | 'B';
type Align = 'left' | 'right' | 'center';

type Op =
  | {
      kind: 'text';
      page: number;
      x: number;
      y: number;
      width: number;
      text: string;
      font: FontKey;
      size: number;
      align: Align;
    }
  | { kind: 'box'; page: number; x: number; y: number; width: number; height: number }
  | { kind: 'rule'; page: number; x1: number; x2: number; y: number }
  | {
      kind: 'bars';
      page: number;
      x: number;
      y: number;
      height: number;
      module: number;
      code: LinearBarcode;
    }
  | { kind: 'matrix'; page: number; x: number; y: number; module: number; code: MatrixBarcode }
  | { kind: 'image'; page: number; x: number; y: number; width: number; height: number };

type Layout = { ops: Op[]; pages: number; width: number; height: number };

/** Measures text with the real fonts; one per process, it never produces output. */
type Measurer = {
  height: (text: string, font: FontKey, size: number, width: number) => number;
  width: (text: string, font: FontKey, size: number) => number;
};

const registerFonts = (doc: PDFKit.PDFDocument, fonts: RideFonts): void => {
  // pdfkit accepts an already-parsed fontkit font (it checks for `layout`); its typings only
  // list file sources, hence the cast.
  doc.registerFont('R', fonts.regular as unknown as Buffer);
  doc.registerFont('B', fonts.bold as unknown as Buffer);
};

const measurers = new WeakMap<RideFonts, Measurer>();

const measurerFor = (fonts: RideFonts): Measurer => {
  const cached = measurers.get(fonts);
  if (cached !== undefined) return cached;
  const doc = new (pdfDocument())({ size: [A4_WIDTH, A4_HEIGHT], margin: 0, font: '' });
  registerFonts(doc, fonts);
  const measurer: Measurer = {
    height: (text, font, size, width) =>
      doc.font(font).fontSize(size).heightOfString(text, { width, lineGap: LINE_GAP }),
    width: (text, font, size) => doc.font(font).fontSize(size).widthOfString(text),
  };
  measurers.set(fonts, measurer);
  return measurer;
};

type Flow = {
  ops: Op[];
  page: number;
  y: number;
  text: (
    text: string,
    x: number,
    width: number,
    options?: { font?: FontKey; size?: number; align?: Align; y?: number },
  ) => number;
};

const newFlow = (m: Measurer, top: number): Flow => {
  const flow: Flow = {
    ops: [],
    page: 0,
    y: top,
    text: (text, x, width, options = {}) => {
      const font = options.font ?? 'R';
      const size = options.size ?? 8;
      const y = options.y ?? flow.y;
      flow.ops.push({
        kind: 'text',
        page: flow.page,
        x,
        y,
        width,
        text,
        font,
        size,
        align: options.align ?? 'left',
      });
      return m.height(text, font, size, width);
    },
  };
  return flow;
};

/** Largest size ≤ `max` at which `text` fits on one line of `width`. */
const fitSize = (m: Measurer, text: string, font: FontKey, max: number, width: number): number =>
  Math.min(max, Math.floor((width / m.width(text, font, 1)) * 10) / 10);

const emisorLineas = (ride: Ride): string[] => {
  const e = ride.emisor;
  const lineas: string[] = [];
  if (e.nombreComercial !== null) lineas.push(e.nombreComercial);
  lineas.push(`Dirección matriz: ${e.dirMatriz}`);
  if (e.dirEstablecimiento !== null)
    lineas.push(`Dirección establecimiento: ${e.dirEstablecimiento}`);
  if (e.contribuyenteEspecial !== null) {
    lineas.push(`Contribuyente especial Nro.: ${e.contribuyenteEspecial}`);
  }
  if (e.obligadoContabilidad !== null) {
    lineas.push(`Obligado a llevar contabilidad: ${e.obligadoContabilidad}`);
  }
  if (e.contribuyenteRimpe !== null) lineas.push(e.contribuyenteRimpe);
  if (e.agenteRetencion !== null) {
    lineas.push(`Agente de Retención Resolución No. ${e.agenteRetencion}`);
  }
  return lineas;
};

const compradorLineas = (ride: Ride): string[] => {
  const c = ride.comprador;
  const lineas = [
    `Razón social / Nombres y apellidos: ${c.razonSocial}`,
    `Identificación (${c.tipoIdentificacionNombre}): ${c.identificacion}`,
    `Fecha de emisión: ${ride.fechaEmision}`,
  ];
  if (c.direccion !== null) lineas.push(`Dirección: ${c.direccion}`);
  if (ride.guiaRemision !== null) lineas.push(`Guía de remisión: ${ride.guiaRemision}`);
  const nc = ride.notaCredito;
  if (nc !== null) {
    lineas.push(
      `Comprobante que se modifica: ${nc.docModificadoNombre} ${nc.numDocModificado}`,
      `Fecha de emisión (comprobante a modificar): ${nc.fechaEmisionDocSustento}`,
      `Razón de modificación: ${nc.motivo}`,
    );
  }
  return lineas;
};

/** SUBTOTAL per rate, discounts, ICE, IVA per rate, IRBPNR, propina, total (docs/sri.md §9). */
const totalesFilas = (ride: Ride): { etiqueta: string; valor: string; total?: true }[] => {
  const t = ride.totales;
  const filas: { etiqueta: string; valor: string; total?: true }[] = t.subtotalesIva.map((s) => ({
    etiqueta: `SUBTOTAL ${s.etiqueta}`,
    valor: formatCents(s.baseImponible),
  }));
  filas.push(
    { etiqueta: 'SUBTOTAL SIN IMPUESTOS', valor: formatCents(t.subtotalSinImpuestos) },
    { etiqueta: 'TOTAL DESCUENTO', valor: formatCents(t.totalDescuento) },
  );
  if (t.ice > 0) filas.push({ etiqueta: 'ICE', valor: formatCents(t.ice) });
  for (const s of t.subtotalesIva) {
    if (s.tarifa > 0 || s.valor > 0)
      filas.push({ etiqueta: `IVA ${s.etiqueta}`, valor: formatCents(s.valor) });
  }
  if (t.irbpnr > 0) filas.push({ etiqueta: 'IRBPNR', valor: formatCents(t.irbpnr) });
  if (ride.tipo === 'factura') filas.push({ etiqueta: 'PROPINA', valor: formatCents(t.propina) });
  filas.push({ etiqueta: 'VALOR TOTAL', valor: formatCents(t.total), total: true });
  return filas;
};

const pagoTexto = (p: Ride['pagos'][number]): string =>
  p.plazo === null
    ? p.nombre
    : `${p.nombre} (${p.plazo} ${p.unidadTiempo ?? ''})`.replace(' )', ')');

/** Module width in points that is a whole number of 203-dpi dots, at most `maxDots`. */
const moduleForRoll = (modules: number, width: number, maxDots: number): number => {
  const dots = Math.min(maxDots, Math.floor(width / MM / PRINTER_DOT / modules));
  if (dots < 1) throw new Error('El código de barras no cabe en 72 mm');
  return dots * PRINTER_DOT * MM;
};

const layoutRoll = (ride: Ride, m: Measurer, hasLogo: boolean): Layout => {
  const x = ROLL_MARGIN;
  const w = ROLL_WIDTH - 2 * ROLL_MARGIN;
  const flow = newFlow(m, 3 * MM);
  const para = (
    text: string,
    options: { font?: FontKey; size?: number; align?: Align; after?: number } = {},
  ): void => {
    flow.y += flow.text(text, x, w, options) + (options.after ?? 1);
  };
  const rule = (): void => {
    flow.y += 2;
    flow.ops.push({ kind: 'rule', page: 0, x1: x, x2: x + w, y: flow.y });
    flow.y += 4;
  };
  const pair = (label: string, value: string, font: FontKey = 'R', size = 7.5): void => {
    const valueWidth = m.width(value, font, size) + 1;
    const h = Math.max(
      flow.text(label, x, w - valueWidth - 4, { font, size }),
      flow.text(value, x + w - valueWidth, valueWidth, { font, size, align: 'right' }),
    );
    flow.y += h + 1;
  };

  if (hasLogo) {
    flow.ops.push({ kind: 'image', page: 0, x, y: flow.y, width: w, height: 50 });
    flow.y += 54;
  }
  para(ride.emisor.razonSocial, { font: 'B', size: 9, align: 'center' });
  para(`RUC: ${ride.emisor.ruc}`, { font: 'B', size: 8, align: 'center' });
  for (const linea of emisorLineas(ride)) para(linea, { size: 7, align: 'center' });
  rule();
  para(ride.titulo, { font: 'B', size: 11, align: 'center' });
  para(`No. ${ride.numero}`, { font: 'B', size: 9, align: 'center', after: 3 });
  para('Número de autorización:', { font: 'B', size: 7 });
  para(ride.numeroAutorizacion, { size: fitSize(m, ride.numeroAutorizacion, 'R', 7.5, w) });
  para(`Fecha y hora de autorización: ${ride.fechaAutorizacion ?? 'PENDIENTE'}`, { size: 7 });
  para(`Ambiente: ${ride.ambiente}    Emisión: ${ride.emision}`, { size: 7, after: 3 });
  para('Clave de acceso:', { font: 'B', size: 7 });
  const claveSize = fitSize(m, ride.claveAcceso, 'R', 7.5, w);
  para(ride.claveAcceso, { size: claveSize, after: 3 });
  // Two Code 128 halves: the whole clave would need 1-dot modules (docs/sri.md §9).
  for (const [index, half] of splitClave(ride.claveAcceso).entries()) {
    const code = code128(half);
    const module = moduleForRoll(code.modules + 2 * CODE128_QUIET_MODULES, w, 3);
    const barsWidth = code.modules * module;
    flow.ops.push({
      kind: 'bars',
      page: 0,
      x: x + (w - barsWidth) / 2,
      y: flow.y,
      height: 10 * MM,
      module,
      code,
    });
    flow.y += 10 * MM + 1;
    para(`${half}  (${index + 1}/2)`, { size: 6.5, align: 'center', after: 4 });
  }
  const qr = qrCode(ride.claveAcceso);
  const qrModule = 8 * PRINTER_DOT * MM;
  const qrWidth = qr.columns * qrModule;
  flow.y += QR_QUIET_MODULES * qrModule - 4;
  flow.ops.push({
    kind: 'matrix',
    page: 0,
    x: x + (w - qrWidth) / 2,
    y: flow.y,
    module: qrModule,
    code: qr,
  });
  flow.y += qr.rows * qrModule + QR_QUIET_MODULES * qrModule;
  rule();
  for (const linea of compradorLineas(ride)) para(linea, { size: 7 });
  rule();
  const header = (left: string, right: string): void => {
    flow.text(left, x, w / 2, { font: 'B', size: 7 });
    flow.y += flow.text(right, x + w / 2, w / 2, { font: 'B', size: 7, align: 'right' }) + 2;
  };
  header('DESCRIPCIÓN', 'TOTAL');
  for (const linea of ride.lineas) {
    const codigo = linea.codigoPrincipal === null ? '' : `[${linea.codigoPrincipal}] `;
    para(`${codigo}${linea.descripcion}`, { size: 7.5, after: 0.5 });
    const detalle = `${formatMicros(linea.cantidad)} x ${formatMicros(linea.precioUnitario)}${
      linea.descuento > 0 ? `   Desc. ${formatCents(linea.descuento)}` : ''
    }`;
    pair(`  ${detalle}`, formatCents(linea.precioTotalSinImpuesto), 'R', 7.5);
    for (const d of linea.detallesAdicionales) para(`  ${d.nombre}: ${d.valor}`, { size: 6.5 });
  }
  rule();
  for (const fila of totalesFilas(ride)) {
    if (fila.total === true) {
      flow.y += 2;
      pair(fila.etiqueta, fila.valor, 'B', 10);
    } else {
      pair(fila.etiqueta, fila.valor);
    }
  }
  if (ride.pagos.length > 0) {
    rule();
    para('FORMA DE PAGO', { font: 'B', size: 7 });
    for (const pago of ride.pagos) pair(pagoTexto(pago), formatCents(pago.total), 'R', 7);
  }
  if (ride.infoAdicional.length > 0) {
    rule();
    para('INFORMACIÓN ADICIONAL', { font: 'B', size: 7 });
    for (const campo of ride.infoAdicional) para(`${campo.nombre}: ${campo.valor}`, { size: 7 });
  }
  flow.y += 6 * MM;
  return { ops: flow.ops, pages: 1, width: ROLL_WIDTH, height: Math.ceil(flow.y) };
};

const layoutA4 = (ride: Ride, m: Measurer, hasLogo: boolean): Layout => {
  const M = A4_MARGIN;
  const W = A4_WIDTH - 2 * M;
  const bottom = A4_HEIGHT - M - 14;
  const flow = newFlow(m, M);
  const pad = 7;

  // Header, left: logo and emisor box.
  const leftW = 255;
  const rightX = M + leftW + 10;
  const rightW = W - leftW - 10;
  let leftY = M;
  if (hasLogo) {
    flow.ops.push({ kind: 'image', page: 0, x: M, y: leftY, width: leftW, height: 70 });
    leftY += 78;
  }
  const leftTop = leftY;
  leftY += pad;
  leftY +=
    flow.text(ride.emisor.razonSocial, M + pad, leftW - 2 * pad, {
      font: 'B',
      size: 11,
      y: leftY,
    }) + 4;
  for (const linea of emisorLineas(ride)) {
    leftY += flow.text(linea, M + pad, leftW - 2 * pad, { size: 8, y: leftY }) + 3;
  }
  leftY += pad - 3;

  // Header, right: RUC, document, authorization, clave de acceso.
  const rx = rightX + pad;
  const rw = rightW - 2 * pad;
  let rightY = M + pad;
  const right = (text: string, font: FontKey, size: number, after = 3): void => {
    rightY += flow.text(text, rx, rw, { font, size, y: rightY }) + after;
  };
  right(`R.U.C.: ${ride.emisor.ruc}`, 'B', 11, 5);
  right(ride.titulo, 'B', 14, 2);
  right(`No. ${ride.numero}`, 'B', 11, 6);
  right('NÚMERO DE AUTORIZACIÓN', 'B', 8);
  right(ride.numeroAutorizacion, 'R', fitSize(m, ride.numeroAutorizacion, 'R', 9, rw), 5);
  right(`FECHA Y HORA DE AUTORIZACIÓN: ${ride.fechaAutorizacion ?? 'PENDIENTE'}`, 'R', 8);
  right(`AMBIENTE: ${ride.ambiente}`, 'R', 8);
  right(`EMISIÓN: ${ride.emision}`, 'R', 8, 5);
  right('CLAVE DE ACCESO', 'B', 8, 4);
  const code = code128(ride.claveAcceso);
  // 0.3 mm modules where they fit, never below what the box allows with quiet zones.
  const module = Math.min(0.3 * MM, rw / (code.modules + 2 * CODE128_QUIET_MODULES));
  flow.ops.push({
    kind: 'bars',
    page: 0,
    x: rx + (rw - code.modules * module) / 2,
    y: rightY,
    height: 36,
    module,
    code,
  });
  rightY += 38;
  right(ride.claveAcceso, 'R', fitSize(m, ride.claveAcceso, 'R', 9, rw), 0);
  rightY += pad;

  const headerBottom = Math.max(leftY, rightY);
  flow.ops.push({
    kind: 'box',
    page: 0,
    x: M,
    y: leftTop,
    width: leftW,
    height: headerBottom - leftTop,
  });
  flow.ops.push({ kind: 'box', page: 0, x: rightX, y: M, width: rightW, height: headerBottom - M });
  flow.y = headerBottom + 8;

  // Buyer.
  const buyerTop = flow.y;
  flow.y += pad;
  for (const linea of compradorLineas(ride))
    flow.y += flow.text(linea, M + pad, W - 2 * pad, { size: 8.5 }) + 3;
  flow.y += pad - 3;
  flow.ops.push({ kind: 'box', page: 0, x: M, y: buyerTop, width: W, height: flow.y - buyerTop });
  flow.y += 8;

  const newPage = (): void => {
    flow.page += 1;
    flow.y = M;
  };
  const ensure = (height: number): void => {
    if (flow.y + height > bottom) newPage();
  };

  // Lines.
  const columns: { title: string; width: number; align: Align }[] = [
    { title: 'Cód. principal', width: 52, align: 'left' },
    { title: 'Cód. auxiliar', width: 52, align: 'left' },
    { title: 'Cantidad', width: 48, align: 'right' },
    { title: 'Descripción', width: 150, align: 'left' },
    { title: 'Detalle adicional', width: 77, align: 'left' },
    { title: 'Precio unitario', width: 55, align: 'right' },
    { title: 'Descuento', width: 50, align: 'right' },
    { title: 'Precio total', width: W - 484, align: 'right' },
  ];
  const row = (cells: string[], font: FontKey, size: number): void => {
    const heights = cells.map((cell, i) =>
      m.height(cell, font, size, (columns[i]?.width ?? 0) - 6),
    );
    const h = Math.max(...heights) + 6;
    ensure(h);
    let cx = M;
    cells.forEach((cell, i) => {
      const column = columns[i];
      if (column === undefined) return;
      flow.text(cell, cx + 3, column.width - 6, { font, size, align: column.align, y: flow.y + 3 });
      cx += column.width;
    });
    flow.y += h;
    flow.ops.push({ kind: 'rule', page: flow.page, x1: M, x2: M + W, y: flow.y });
  };
  const tableHeader = (): void => {
    flow.ops.push({ kind: 'rule', page: flow.page, x1: M, x2: M + W, y: flow.y });
    row(
      columns.map((c) => c.title),
      'B',
      7,
    );
  };
  tableHeader();
  for (const linea of ride.lineas) {
    const pageBefore = flow.page;
    const cells = [
      linea.codigoPrincipal ?? '',
      linea.codigoAuxiliar ?? '',
      formatMicros(linea.cantidad),
      linea.descripcion,
      linea.detallesAdicionales.map((d) => `${d.nombre}: ${d.valor}`).join('\n'),
      formatMicros(linea.precioUnitario),
      formatCents(linea.descuento),
      formatCents(linea.precioTotalSinImpuesto),
    ];
    const h =
      Math.max(...cells.map((c, i) => m.height(c, 'R', 8, (columns[i]?.width ?? 0) - 6))) + 6;
    ensure(h);
    if (flow.page !== pageBefore) tableHeader();
    row(cells, 'R', 8);
  }
  flow.y += 10;

  // Bottom: additional information and payments (left), totals (right).
  const totalsW = 215;
  const infoW = W - totalsW - 10;
  const filas = totalesFilas(ride);
  const totalsHeight = filas.length * 14 + 4;
  const infoLines = ride.infoAdicional.map((c) => `${c.nombre}: ${c.valor}`);
  const infoHeight =
    (ride.infoAdicional.length > 0
      ? 20 + infoLines.reduce((sum, l) => sum + m.height(l, 'R', 8, infoW - 2 * pad) + 3, 0) + 8
      : 0) + (ride.pagos.length > 0 ? 34 + ride.pagos.length * 14 : 0);
  ensure(Math.max(totalsHeight, infoHeight));
  const top = flow.y;

  let ty = top;
  for (const fila of filas) {
    const font: FontKey = fila.total === true ? 'B' : 'R';
    const size = fila.total === true ? 9.5 : 8;
    const tx = M + W - totalsW;
    flow.text(fila.etiqueta, tx + 4, totalsW - 80, { font, size, y: ty + 3 });
    flow.text(fila.valor, tx + totalsW - 76, 72, { font, size, align: 'right', y: ty + 3 });
    flow.ops.push({ kind: 'box', page: flow.page, x: tx, y: ty, width: totalsW, height: 14 });
    ty += 14;
  }

  let iy = top;
  if (ride.infoAdicional.length > 0) {
    const boxTop = iy;
    iy += pad;
    iy +=
      flow.text('Información adicional', M + pad, infoW - 2 * pad, {
        font: 'B',
        size: 8.5,
        y: iy,
      }) + 5;
    for (const l of infoLines) iy += flow.text(l, M + pad, infoW - 2 * pad, { size: 8, y: iy }) + 3;
    iy += pad - 3;
    flow.ops.push({
      kind: 'box',
      page: flow.page,
      x: M,
      y: boxTop,
      width: infoW,
      height: iy - boxTop,
    });
    iy += 8;
  }
  if (ride.pagos.length > 0) {
    const valorW = 70;
    const nameW = infoW - valorW;
    const pagoRow = (name: string, valor: string, font: FontKey): void => {
      flow.text(name, M + 4, nameW - 8, { font, size: 8, y: iy + 3 });
      flow.text(valor, M + nameW + 4, valorW - 8, { font, size: 8, align: 'right', y: iy + 3 });
      flow.ops.push({ kind: 'box', page: flow.page, x: M, y: iy, width: nameW, height: 14 });
      flow.ops.push({
        kind: 'box',
        page: flow.page,
        x: M + nameW,
        y: iy,
        width: valorW,
        height: 14,
      });
      iy += 14;
    };
    pagoRow('Forma de pago', 'Valor', 'B');
    for (const pago of ride.pagos) pagoRow(pagoTexto(pago), formatCents(pago.total), 'R');
  }
  flow.y = Math.max(ty, iy);

  const pages = flow.page + 1;
  for (let page = 0; page < pages; page++) {
    flow.ops.push({
      kind: 'text',
      page,
      x: M,
      y: A4_HEIGHT - M - 8,
      width: W,
      text: `${ride.titulo} ${ride.numero} — Página ${page + 1} de ${pages}`,
      font: 'R',
      size: 7,
      align: 'right',
    });
  }
  return { ops: flow.ops, pages, width: A4_WIDTH, height: A4_HEIGHT };
};

const replay = (
  layout: Layout,
  fonts: RideFonts,
  logo: Uint8Array | null,
  ride: Ride,
): Promise<Uint8Array> =>
  new Promise((resolve, reject) => {
    const doc = new (pdfDocument())({
      size: [layout.width, layout.height],
      margin: 0,
      // No default Helvetica: pdfkit would parse its AFM metrics for every document.
      font: '',
      info: {
        Title: `RIDE ${ride.titulo} ${ride.numero}`,
        Subject: `Clave de acceso ${ride.claveAcceso}`,
        Producer: 'Mostrador',
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    registerFonts(doc, fonts);
    let page = 0;
    for (const op of layout.ops.slice().sort((a, b) => a.page - b.page)) {
      while (page < op.page) {
        doc.addPage({ size: [layout.width, layout.height], margin: 0 });
        page += 1;
      }
      switch (op.kind) {
        case 'text':
          doc.font(op.font).fontSize(op.size).fillColor('black');
          doc.text(op.text, op.x, op.y, { width: op.width, align: op.align, lineGap: LINE_GAP });
          break;
        case 'box':
          doc.lineWidth(0.6).roundedRect(op.x, op.y, op.width, op.height, 2).stroke('black');
          break;
        case 'rule':
          doc.lineWidth(0.5).moveTo(op.x1, op.y).lineTo(op.x2, op.y).dash(1.5, { space: 1.5 });
          doc.stroke('black').undash();
          break;
        case 'bars': {
          let bx = op.x;
          op.code.widths.forEach((width, i) => {
            // Even positions are bars, odd ones spaces.
            if (i % 2 === 0) doc.rect(bx, op.y, width * op.module, op.height);
            bx += width * op.module;
          });
          doc.fill('black');
          break;
        }
        case 'matrix': {
          const { columns, rows, pixels } = op.code;
          // One rectangle per horizontal run of dark modules: a third of the path operators.
          for (let r = 0; r < rows; r++) {
            let c = 0;
            while (c < columns) {
              if (pixels[r * columns + c] !== 1) {
                c += 1;
                continue;
              }
              const from = c;
              while (c < columns && pixels[r * columns + c] === 1) c += 1;
              doc.rect(
                op.x + from * op.module,
                op.y + r * op.module,
                (c - from) * op.module,
                op.module,
              );
            }
          }
          doc.fill('black');
          break;
        }
        case 'image':
          if (logo !== null) {
            doc.image(Buffer.from(logo), op.x, op.y, {
              fit: [op.width, op.height],
              align: 'center',
              valign: 'center',
            });
          }
          break;
        default:
          return assertNeverOp(op);
      }
    }
    doc.end();
  });

const assertNeverOp = (op: never): never => {
  throw new Error(`Operación de dibujo desconocida: ${JSON.stringify(op)}`);
};

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];

/**
 * Checks that the store logo is a PNG or JPEG pdfkit can embed (for Ajustes, before saving it).
 * @example checkLogo(readFileSync('logo.png')) // ok({ width: 300, height: 120 })
 */
export const checkLogo = (bytes: Uint8Array): Result<{ width: number; height: number }> => {
  const startsWith = (magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);
  if (!startsWith(PNG_MAGIC) && !startsWith(JPEG_MAGIC)) {
    return err('logo_formato', 'El logo debe ser una imagen PNG o JPEG.');
  }
  try {
    const doc = new (pdfDocument())({ autoFirstPage: false, font: '' });
    // `openImage` is public pdfkit API missing from @types/pdfkit.
    const opener = doc as unknown as {
      openImage: (src: Buffer) => { width: number; height: number };
    };
    const image = opener.openImage(Buffer.from(bytes));
    return ok({ width: image.width, height: image.height });
  } catch {
    return err('logo_formato', 'El logo está dañado: no se puede leer la imagen.');
  }
};

/**
 * Renders the RIDE to PDF bytes. A logo that cannot be read is left out (fails `checkLogo`), never
 * blocking the fiscal document; any other failure is a bug and rejects.
 * @example await renderRidePdf(ride, { formato: '80mm' }) // Uint8Array starting with %PDF-
 */
export const renderRidePdf = async (ride: Ride, options: RidePdfOptions): Promise<Uint8Array> => {
  const fonts = options.fonts ?? loadRideFonts();
  const m = measurerFor(fonts);
  const logo =
    options.logo !== undefined && options.logo !== null && checkLogo(options.logo).ok
      ? options.logo
      : null;
  const layout =
    options.formato === 'a4'
      ? layoutA4(ride, m, logo !== null)
      : layoutRoll(ride, m, logo !== null);
  return replay(layout, fonts, logo, ride);
};
