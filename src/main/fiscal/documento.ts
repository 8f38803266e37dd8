/**
 * The document model shared by the JSON path (`mostrador xml`) and the emission service (a POS
 * cart): a `Borrador` (what the sale says) becomes a `Comprobante` (lines, taxes and totals
 * computed exactly, rules checked, clave de acceso built) or a Spanish error naming the field.
 */
import { type AppError, type ErrorCode, err, ok, type Result } from '../../shared/result';
import { type Ambiente, construirClaveAcceso, esFechaValida } from './claveAcceso';
import {
  CONSUMIDOR_FINAL,
  type TipoIdentificacion,
  validarIdentificacion,
  validarRuc,
  verificarLimiteConsumidorFinal,
} from './identificacion';
import { formatCentavos, MAXIMO_CENTAVOS, multiplicarACentavos, sumarCentavos } from './money';
import {
  calcularImpuesto,
  type ImpuestoCalculado,
  resolverImpuesto,
  totalizarImpuestos,
  verificarVigenciaIva,
} from './taxes';

export type VersionFactura = '1.1.0' | '2.1.0';

/** Legends allowed by the XSD in `contribuyenteRimpe`. */
export const LEYENDAS_RIMPE = [
  'CONTRIBUYENTE RÉGIMEN RIMPE',
  'CONTRIBUYENTE NEGOCIO POPULAR - RÉGIMEN RIMPE',
] as const;
export type LeyendaRimpe = (typeof LEYENDAS_RIMPE)[number];

/** Formas de pago in force (tabla 24 of the ficha técnica; 02–14 are retired). */
export const FORMAS_PAGO = {
  '01': 'Sin utilización del sistema financiero',
  '15': 'Compensación de deudas',
  '16': 'Tarjeta de débito',
  '17': 'Dinero electrónico',
  '18': 'Tarjeta prepago',
  '19': 'Tarjeta de crédito',
  '20': 'Otros con utilización del sistema financiero',
  '21': 'Endoso de títulos',
} as const;
export type FormaPago = keyof typeof FORMAS_PAGO;

/** `infoAdicional` allows at most 15 `campoAdicional` (XSD). */
export const MAXIMO_CAMPOS_ADICIONALES = 15;

export type Emisor = {
  /** 13 digits ending in 001. */
  ruc: string;
  razonSocial: string;
  nombreComercial?: string;
  dirMatriz: string;
  obligadoContabilidad: boolean;
  /** Resolution number of a contribuyente especial. */
  contribuyenteEspecial?: string;
  /** Resolution number of an agente de retención (≤ 8 digits). */
  agenteRetencion?: string;
  contribuyenteRimpe?: LeyendaRimpe;
};

export type Establecimiento = { codigo: string; direccion?: string };

export type Comprador = {
  tipoIdentificacion: string;
  identificacion: string;
  razonSocial: string;
  direccion?: string;
  email?: string;
  telefono?: string;
};

export type CampoAdicional = { nombre: string; valor: string };

export type LineaBorrador = {
  codigoPrincipal?: string;
  codigoAuxiliar?: string;
  descripcion: string;
  unidadMedida?: string;
  /** Micro-units (6 decimals). */
  cantidad: number;
  /** Micro-units (6 decimals). */
  precioUnitario: number;
  /** Cents. */
  descuento: number;
  impuesto: { codigo: string; codigoPorcentaje: string };
  /** At most 3 (`detAdicional`). */
  detallesAdicionales?: CampoAdicional[];
  /**
   * Cents of IVA already allocated to this line instead of round2(base × tarifa): a credit
   * note's share of what is left of the invoice line's IVA (at most a cent above that rounding).
   */
  ivaAsignado?: number;
};

/** `codigoPorcentaje` → cents of IVA allocated to that rate's `totalImpuesto` (credit notes). */
export type IvaAsignadoPorTarifa = Readonly<Partial<Record<string, number>>>;

export type PagoBorrador = {
  formaPago: string;
  /** Cents. */
  total: number;
  /** Term, e.g. 30 (days). */
  plazo?: number;
  unidadTiempo?: string;
};

export type DocumentoModificado = {
  codDoc: '01';
  /** estab-ptoEmi-secuencial, e.g. 001-002-000000123. */
  numero: string;
  /** AAAA-MM-DD. */
  fechaEmision: string;
};

type BorradorComun = {
  ambiente: Ambiente;
  emisor: Emisor;
  establecimiento: Establecimiento;
  puntoEmision: string;
  /** 1–999999999, or its 9-digit form. */
  secuencial: number | string;
  /** 8 digits, the emitter's choice (random is customary). */
  codigoNumerico: string;
  /** Ecuador calendar date AAAA-MM-DD (see `fechaEcuador`). */
  fechaEmision: string;
  comprador: Comprador;
  lineas: LineaBorrador[];
  /** Extra `campoAdicional` after the buyer's address, email and phone. */
  infoAdicional?: CampoAdicional[];
};

export type BorradorFactura = BorradorComun & {
  tipo: 'factura';
  pagos: PagoBorrador[];
  /** Cents (10 % service in restaurants); 0 when absent. */
  propina?: number;
  /** 1.1.0 unless a caller needs 2.1.0. */
  version?: VersionFactura;
  guiaRemision?: string;
};

export type BorradorNotaCredito = BorradorComun & {
  tipo: 'notaCredito';
  docModificado: DocumentoModificado;
  motivo: string;
  /**
   * Each rate's IVA taken from what is left of the invoice's IVA for that rate, so the notes of
   * an invoice never add up to more than it (docs/sri.md §8); absent rates are rounded as usual.
   */
  ivaAsignado?: IvaAsignadoPorTarifa;
};

export type Borrador = BorradorFactura | BorradorNotaCredito;

export type Linea = LineaBorrador & {
  detallesAdicionales: CampoAdicional[];
  /** round2(cantidad × precioUnitario), before the discount. */
  subtotal: number;
  /** subtotal − descuento: the line's `precioTotalSinImpuesto`. */
  precioTotalSinImpuesto: number;
  impuestoCalculado: ImpuestoCalculado;
};

export type Totales = {
  /** Σ round2(cantidad × precioUnitario): the hosted API's `subtotal` (before discounts). */
  subtotal: number;
  totalDescuento: number;
  /** Σ precioTotalSinImpuesto. */
  totalSinImpuestos: number;
  /** One per (codigo, codigoPorcentaje). */
  impuestos: ImpuestoCalculado[];
  /** Σ impuestos[].valor. */
  totalImpuestos: number;
  propina: number;
  /** importeTotal (factura) or valorModificacion (nota de crédito). */
  importeTotal: number;
};

type ComprobanteComun = {
  claveAcceso: string;
  ambiente: Ambiente;
  emisor: Emisor;
  establecimiento: Establecimiento;
  puntoEmision: string;
  /** 9 digits. */
  secuencial: string;
  codigoNumerico: string;
  fechaEmision: string;
  comprador: Comprador & { tipoIdentificacion: TipoIdentificacion };
  lineas: Linea[];
  totales: Totales;
  /** Final `campoAdicional` list, buyer contact first. */
  infoAdicional: CampoAdicional[];
  /** Spanish warnings that did not block (e.g. RUC checksum). */
  advertencias: string[];
};

export type ComprobanteFactura = ComprobanteComun & {
  tipo: 'factura';
  codDoc: '01';
  version: VersionFactura;
  pagos: (PagoBorrador & { formaPago: FormaPago })[];
  guiaRemision?: string;
};

export type ComprobanteNotaCredito = ComprobanteComun & {
  tipo: 'notaCredito';
  codDoc: '04';
  version: '1.1.0';
  docModificado: DocumentoModificado;
  motivo: string;
};

export type Comprobante = ComprobanteFactura | ComprobanteNotaCredito;

const CONTROL = /[\p{Cc}\ufffe\uffff]/u;
const SURROGATE_SUELTO = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Checks a text field as the XSDs and XML 1.0 require: 1..max characters, no line breaks or
 * control characters. Returns the trimmed text.
 * @example validarTexto('descripcion', ' Café ', 300) // ok('Café')
 */
export const validarTexto = (campo: string, valor: string, maximo: number): Result<string> => {
  const texto = valor.trim();
  if (texto.length === 0) {
    return err('texto_invalido', `${campo}: no puede estar vacío.`, campo);
  }
  if (CONTROL.test(texto) || SURROGATE_SUELTO.test(texto)) {
    return err(
      'texto_invalido',
      `${campo}: contiene saltos de línea o caracteres de control, que el SRI no admite.`,
      campo,
    );
  }
  const largo = [...texto].length;
  if (largo > maximo) {
    return err(
      'texto_invalido',
      `${campo}: tiene ${largo} caracteres; el máximo es ${maximo}.`,
      campo,
    );
  }
  return ok(texto);
};

type Opcional<T> = { [K in keyof T]?: T[K] | undefined };

/** Builds an object leaving out undefined members (exactOptionalPropertyTypes). */
const sinIndefinidos = <T extends object>(objeto: Opcional<T>): T => {
  const salida: Record<string, unknown> = {};
  for (const [clave, valor] of Object.entries(objeto)) {
    if (valor !== undefined) salida[clave] = valor;
  }
  return salida as T;
};

// Internal short-circuit: the calculation is a long straight line of checks, each of which may
// end it; `calcularComprobante` turns the first failure back into a Result (nothing escapes).
class Rechazo extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

/** Unwraps a Result inside the calculation; a failure aborts it with that error. */
const exigir = <T>(resultado: Result<T>): T => {
  if (!resultado.ok) throw new Rechazo(resultado.error);
  return resultado.value;
};

const fallar = (code: ErrorCode, message: string, field: string): never => {
  throw new Rechazo({ code, message, field });
};

const textoOpcional = (campo: string, valor: string | undefined, maximo: number) =>
  valor === undefined || valor.trim() === ''
    ? undefined
    : exigir(validarTexto(campo, valor, maximo));

const importe = (campo: string, centavos: number): number => {
  if (!Number.isSafeInteger(centavos) || centavos < 0) {
    fallar(
      'importe_invalido',
      `${campo}: el importe debe ser un número de centavos no negativo.`,
      campo,
    );
  }
  if (centavos > MAXIMO_CENTAVOS) {
    fallar(
      'importe_invalido',
      `${campo}: ${formatCentavos(centavos)} excede el máximo admitido por el SRI.`,
      campo,
    );
  }
  return centavos;
};

const normalizarSecuencial = (secuencial: number | string): string => {
  const texto = typeof secuencial === 'number' ? String(secuencial) : secuencial;
  if (!/^\d{1,9}$/.test(texto) || Number(texto) === 0) {
    fallar(
      'secuencial_invalido',
      `secuencial: «${texto}» debe ser un número de 1 a 999999999.`,
      'secuencial',
    );
  }
  return texto.padStart(9, '0');
};

const validarEmisor = (emisor: Emisor, advertencias: string[]): Emisor => {
  if (!/^\d{10}001$/.test(emisor.ruc)) {
    fallar(
      'emisor_invalido',
      `emisor.ruc: «${emisor.ruc}» debe tener 13 dígitos y terminar en 001.`,
      'emisor.ruc',
    );
  }
  const ruc = exigir(validarRuc(emisor.ruc, 'emisor.ruc'));
  advertencias.push(...ruc.advertencias);
  if (
    emisor.contribuyenteEspecial !== undefined &&
    !/^[A-Za-z0-9]{3,13}$/.test(emisor.contribuyenteEspecial)
  ) {
    fallar(
      'emisor_invalido',
      `emisor.contribuyenteEspecial: «${emisor.contribuyenteEspecial}» debe tener de 3 a 13 letras o dígitos.`,
      'emisor.contribuyenteEspecial',
    );
  }
  if (emisor.agenteRetencion !== undefined && !/^\d{1,8}$/.test(emisor.agenteRetencion)) {
    fallar(
      'emisor_invalido',
      `emisor.agenteRetencion: «${emisor.agenteRetencion}» debe ser el número de resolución (hasta 8 dígitos).`,
      'emisor.agenteRetencion',
    );
  }
  if (
    emisor.contribuyenteRimpe !== undefined &&
    !(LEYENDAS_RIMPE as readonly string[]).includes(emisor.contribuyenteRimpe)
  ) {
    fallar(
      'emisor_invalido',
      `emisor.contribuyenteRimpe: «${emisor.contribuyenteRimpe}» no es una leyenda RIMPE válida.`,
      'emisor.contribuyenteRimpe',
    );
  }
  return sinIndefinidos<Emisor>({
    ruc: emisor.ruc,
    razonSocial: exigir(validarTexto('emisor.razonSocial', emisor.razonSocial, 300)),
    nombreComercial: textoOpcional('emisor.nombreComercial', emisor.nombreComercial, 300),
    dirMatriz: exigir(validarTexto('emisor.dirMatriz', emisor.dirMatriz, 300)),
    obligadoContabilidad: emisor.obligadoContabilidad,
    contribuyenteEspecial: emisor.contribuyenteEspecial,
    agenteRetencion: emisor.agenteRetencion,
    contribuyenteRimpe: emisor.contribuyenteRimpe,
  });
};

const validarComprador = (
  comprador: Comprador,
  advertencias: string[],
): Comprador & { tipoIdentificacion: TipoIdentificacion } => {
  const identificacion = comprador.identificacion.trim();
  const razonSocial = exigir(validarTexto('comprador.razonSocial', comprador.razonSocial, 300));
  const valida = exigir(
    validarIdentificacion(
      comprador.tipoIdentificacion,
      identificacion,
      razonSocial,
      'comprador.identificacion',
    ),
  );
  advertencias.push(...valida.advertencias);
  const email = textoOpcional('comprador.email', comprador.email, 300);
  if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    fallar(
      'comprador_invalido',
      `comprador.email: «${email}» no es un correo válido.`,
      'comprador.email',
    );
  }
  return sinIndefinidos<Comprador & { tipoIdentificacion: TipoIdentificacion }>({
    tipoIdentificacion: comprador.tipoIdentificacion as TipoIdentificacion,
    identificacion,
    razonSocial:
      comprador.tipoIdentificacion === CONSUMIDOR_FINAL.tipoIdentificacion
        ? CONSUMIDOR_FINAL.razonSocial
        : razonSocial,
    direccion: textoOpcional('comprador.direccion', comprador.direccion, 300),
    email,
    telefono: textoOpcional('comprador.telefono', comprador.telefono, 300),
  });
};

const validarCampos = (prefijo: string, campos: readonly CampoAdicional[]): CampoAdicional[] =>
  campos.map((campo, i) => ({
    nombre: exigir(validarTexto(`${prefijo}[${i}].nombre`, campo.nombre, 300)),
    valor: exigir(validarTexto(`${prefijo}[${i}].valor`, campo.valor, 300)),
  }));

/**
 * Replaces the rounded IVA by an allocated one. An allocation only ever takes back a rounding
 * cent, so more than a cent above round2(base × tarifa) is a bug in the caller, not a choice.
 */
const asignarIva = (
  calculado: ImpuestoCalculado,
  asignado: number | undefined,
  campo: string,
): ImpuestoCalculado => {
  if (asignado === undefined) return calculado;
  if (!Number.isSafeInteger(asignado) || asignado < 0 || asignado > calculado.valor + 1) {
    fallar(
      'iva_asignado_invalido',
      `${campo}: ${String(asignado)} centavos de IVA no corresponden a una base de ${formatCentavos(calculado.baseImponible)}.`,
      campo,
    );
  }
  return { ...calculado, valor: asignado };
};

const calcularLinea = (linea: LineaBorrador, i: number, fechaTarifa: string): Linea => {
  const campo = `lineas[${i}]`;
  if (!Number.isSafeInteger(linea.cantidad) || linea.cantidad <= 0) {
    fallar('linea_invalida', `${campo}.cantidad: debe ser mayor que cero.`, `${campo}.cantidad`);
  }
  if (!Number.isSafeInteger(linea.precioUnitario) || linea.precioUnitario < 0) {
    fallar(
      'linea_invalida',
      `${campo}.precioUnitario: no puede ser negativo.`,
      `${campo}.precioUnitario`,
    );
  }
  const descuento = importe(`${campo}.descuento`, linea.descuento);
  const tipo = exigir(
    resolverImpuesto(linea.impuesto.codigo, linea.impuesto.codigoPorcentaje, `${campo}.impuesto`),
  );
  exigir(verificarVigenciaIva(tipo.codigoPorcentaje, fechaTarifa, `${campo}.impuesto`));
  const subtotal = importe(
    `${campo}.subtotal`,
    multiplicarACentavos(linea.cantidad, linea.precioUnitario),
  );
  if (descuento > subtotal) {
    fallar(
      'linea_invalida',
      `${campo}.descuento: ${formatCentavos(descuento)} supera el valor de la línea (${formatCentavos(subtotal)}).`,
      `${campo}.descuento`,
    );
  }
  const detalles = validarCampos(`${campo}.detallesAdicionales`, linea.detallesAdicionales ?? []);
  if (detalles.length > 3) {
    fallar(
      'linea_invalida',
      `${campo}.detallesAdicionales: se admiten 3 como máximo; hay ${detalles.length}.`,
      `${campo}.detallesAdicionales`,
    );
  }
  const precioTotalSinImpuesto = subtotal - descuento;
  const impuestoCalculado = asignarIva(
    calcularImpuesto(precioTotalSinImpuesto, tipo.codigoPorcentaje),
    linea.ivaAsignado,
    `${campo}.ivaAsignado`,
  );
  return sinIndefinidos<Linea>({
    codigoPrincipal: textoOpcional(`${campo}.codigoPrincipal`, linea.codigoPrincipal, 25),
    codigoAuxiliar: textoOpcional(`${campo}.codigoAuxiliar`, linea.codigoAuxiliar, 25),
    descripcion: exigir(validarTexto(`${campo}.descripcion`, linea.descripcion, 300)),
    unidadMedida: textoOpcional(`${campo}.unidadMedida`, linea.unidadMedida, 50),
    cantidad: linea.cantidad,
    precioUnitario: linea.precioUnitario,
    descuento,
    impuesto: { codigo: tipo.codigo, codigoPorcentaje: tipo.codigoPorcentaje },
    detallesAdicionales: detalles,
    subtotal,
    precioTotalSinImpuesto,
    impuestoCalculado,
  });
};

const infoAdicionalDe = (
  comprador: Comprador,
  extra: readonly CampoAdicional[],
): CampoAdicional[] => {
  const campos: CampoAdicional[] = [];
  if (comprador.direccion !== undefined)
    campos.push({ nombre: 'Dirección', valor: comprador.direccion });
  if (comprador.email !== undefined) campos.push({ nombre: 'Correo', valor: comprador.email });
  if (comprador.telefono !== undefined)
    campos.push({ nombre: 'Teléfono', valor: comprador.telefono });
  campos.push(...validarCampos('infoAdicional', extra));
  if (campos.length > MAXIMO_CAMPOS_ADICIONALES) {
    fallar(
      'info_adicional_excedida',
      `infoAdicional: el SRI admite ${MAXIMO_CAMPOS_ADICIONALES} campos adicionales y hay ${campos.length} (incluidos dirección, correo y teléfono del comprador).`,
      'infoAdicional',
    );
  }
  return campos;
};

const calcularPagos = (
  pagos: readonly PagoBorrador[],
  importeTotal: number,
): (PagoBorrador & { formaPago: FormaPago })[] => {
  if (pagos.length === 0) {
    fallar('pagos_invalidos', 'pagos: la factura necesita al menos una forma de pago.', 'pagos');
  }
  const normalizados = pagos.map((pago, i) => {
    const campo = `pagos[${i}]`;
    if (!Object.hasOwn(FORMAS_PAGO, pago.formaPago)) {
      fallar(
        'pagos_invalidos',
        `${campo}.formaPago: «${pago.formaPago}» no es una forma de pago vigente (${Object.keys(FORMAS_PAGO).join(', ')}).`,
        `${campo}.formaPago`,
      );
    }
    if (pago.plazo !== undefined && (!Number.isSafeInteger(pago.plazo) || pago.plazo < 0)) {
      fallar(
        'pagos_invalidos',
        `${campo}.plazo: debe ser un entero no negativo.`,
        `${campo}.plazo`,
      );
    }
    return sinIndefinidos<PagoBorrador & { formaPago: FormaPago }>({
      formaPago: pago.formaPago as FormaPago,
      total: importe(`${campo}.total`, pago.total),
      plazo: pago.plazo,
      unidadTiempo: textoOpcional(`${campo}.unidadTiempo`, pago.unidadTiempo, 10),
    });
  });
  const pagado = sumarCentavos(normalizados.map((p) => p.total));
  if (pagado !== importeTotal) {
    fallar(
      'pagos_no_cuadran',
      `pagos: suman ${formatCentavos(pagado)} y el total de la factura es ${formatCentavos(importeTotal)}; deben ser iguales.`,
      'pagos',
    );
  }
  return normalizados;
};

const validarDocModificado = (
  doc: DocumentoModificado,
  fechaEmision: string,
): DocumentoModificado => {
  if (doc.codDoc !== '01') {
    fallar(
      'documento_modificado_invalido',
      `docModificado.codDoc: «${String(doc.codDoc)}» no admitido; una nota de crédito modifica una factura (01).`,
      'docModificado.codDoc',
    );
  }
  if (!/^\d{3}-\d{3}-\d{9}$/.test(doc.numero)) {
    fallar(
      'documento_modificado_invalido',
      `docModificado.numero: «${doc.numero}» debe tener la forma 001-001-000000001.`,
      'docModificado.numero',
    );
  }
  if (!esFechaValida(doc.fechaEmision)) {
    fallar(
      'documento_modificado_invalido',
      `docModificado.fechaEmision: «${doc.fechaEmision}» no es una fecha válida (AAAA-MM-DD).`,
      'docModificado.fechaEmision',
    );
  }
  if (doc.fechaEmision > fechaEmision) {
    fallar(
      'documento_modificado_invalido',
      `docModificado.fechaEmision: la factura (${doc.fechaEmision}) no puede ser posterior a la nota de crédito (${fechaEmision}).`,
      'docModificado.fechaEmision',
    );
  }
  return { codDoc: doc.codDoc, numero: doc.numero, fechaEmision: doc.fechaEmision };
};

/** Σ of the lines, one tax total per (codigo, codigoPorcentaje) rounded on its base (docs/sri.md §4). */
const totalizar = (
  lineas: readonly Linea[],
  propina: number,
  ivaAsignado: IvaAsignadoPorTarifa = {},
): Totales => {
  const impuestos = totalizarImpuestos(
    lineas.map((l) => ({
      codigoPorcentaje: l.impuestoCalculado.codigoPorcentaje,
      baseImponible: l.precioTotalSinImpuesto,
    })),
  ).map((t) => asignarIva(t, ivaAsignado[t.codigoPorcentaje], `ivaAsignado.${t.codigoPorcentaje}`));
  for (const codigo of Object.keys(ivaAsignado)) {
    if (!impuestos.some((t) => t.codigoPorcentaje === codigo)) {
      fallar(
        'iva_asignado_invalido',
        `ivaAsignado.${codigo}: ninguna línea lleva el código de IVA ${codigo}.`,
        `ivaAsignado.${codigo}`,
      );
    }
  }
  const totalSinImpuestos = importe(
    'totalSinImpuestos',
    sumarCentavos(lineas.map((l) => l.precioTotalSinImpuesto)),
  );
  const totalImpuestos = sumarCentavos(impuestos.map((t) => t.valor));
  return {
    subtotal: importe('subtotal', sumarCentavos(lineas.map((l) => l.subtotal))),
    totalDescuento: sumarCentavos(lineas.map((l) => l.descuento)),
    totalSinImpuestos,
    impuestos,
    totalImpuestos,
    propina,
    importeTotal: importe('importeTotal', totalSinImpuestos + totalImpuestos + propina),
  };
};

const calcular = (borrador: Borrador): Comprobante => {
  const advertencias: string[] = [];
  if (borrador.ambiente !== '1' && borrador.ambiente !== '2') {
    fallar(
      'ambiente_invalido',
      `ambiente: «${String(borrador.ambiente)}» debe ser 1 (pruebas) o 2 (producción).`,
      'ambiente',
    );
  }
  if (!esFechaValida(borrador.fechaEmision)) {
    fallar(
      'fecha_invalida',
      `fechaEmision: «${borrador.fechaEmision}» no es una fecha válida (AAAA-MM-DD).`,
      'fechaEmision',
    );
  }
  const emisor = validarEmisor(borrador.emisor, advertencias);
  const establecimiento = sinIndefinidos<Establecimiento>({
    codigo: borrador.establecimiento.codigo,
    direccion: textoOpcional('establecimiento.direccion', borrador.establecimiento.direccion, 300),
  });
  const secuencial = normalizarSecuencial(borrador.secuencial);
  const comprador = validarComprador(borrador.comprador, advertencias);
  const docModificado =
    borrador.tipo === 'notaCredito'
      ? validarDocModificado(borrador.docModificado, borrador.fechaEmision)
      : undefined;
  if (borrador.lineas.length === 0) {
    fallar('sin_lineas', 'lineas: el comprobante necesita al menos una línea.', 'lineas');
  }
  // A credit note keeps the invoice's IVA code (docs/sri.md §8): rates are checked at that date.
  const fechaTarifa = docModificado?.fechaEmision ?? borrador.fechaEmision;
  const lineas = borrador.lineas.map((linea, i) => calcularLinea(linea, i, fechaTarifa));
  const propina = borrador.tipo === 'factura' ? importe('propina', borrador.propina ?? 0) : 0;
  const totales = totalizar(
    lineas,
    propina,
    borrador.tipo === 'notaCredito' ? borrador.ivaAsignado : undefined,
  );
  const infoAdicional = infoAdicionalDe(comprador, borrador.infoAdicional ?? []);
  const claveAcceso = exigir(
    construirClaveAcceso({
      fechaEmision: borrador.fechaEmision,
      codDoc: borrador.tipo === 'factura' ? '01' : '04',
      ruc: emisor.ruc,
      ambiente: borrador.ambiente,
      estab: establecimiento.codigo,
      ptoEmi: borrador.puntoEmision,
      secuencial,
      codigoNumerico: borrador.codigoNumerico,
      tipoEmision: '1',
    }),
  );
  const comun = {
    claveAcceso,
    ambiente: borrador.ambiente,
    emisor,
    establecimiento,
    puntoEmision: borrador.puntoEmision,
    secuencial,
    codigoNumerico: borrador.codigoNumerico,
    fechaEmision: borrador.fechaEmision,
    comprador,
    lineas,
    totales,
    infoAdicional,
    advertencias,
  };
  if (borrador.tipo === 'factura') {
    exigir(verificarLimiteConsumidorFinal(comprador.tipoIdentificacion, totales.importeTotal));
    const pagos = calcularPagos(borrador.pagos, totales.importeTotal);
    if (borrador.guiaRemision !== undefined && !/^\d{3}-\d{3}-\d{9}$/.test(borrador.guiaRemision)) {
      fallar(
        'guia_invalida',
        `guiaRemision: «${borrador.guiaRemision}» debe tener la forma 001-001-000000001.`,
        'guiaRemision',
      );
    }
    return sinIndefinidos<ComprobanteFactura>({
      ...comun,
      tipo: 'factura',
      codDoc: '01',
      version: borrador.version ?? '1.1.0',
      pagos,
      guiaRemision: borrador.guiaRemision,
    });
  }
  if (comprador.tipoIdentificacion === CONSUMIDOR_FINAL.tipoIdentificacion) {
    fallar(
      'nota_credito_consumidor_final',
      'comprador: no se emiten notas de crédito a consumidor final; identifique al comprador de la factura.',
      'comprador',
    );
  }
  return {
    ...comun,
    tipo: 'notaCredito',
    codDoc: '04',
    version: '1.1.0',
    docModificado: docModificado as DocumentoModificado,
    motivo: exigir(validarTexto('motivo', borrador.motivo ?? '', 300)),
  };
};

/**
 * Computes lines, taxes and totals exactly, checks the SRI and business rules and builds the
 * clave de acceso. Failures are Spanish messages naming the field.
 * @example calcularComprobante(borrador) // ok({ claveAcceso: '2011…', totales: { importeTotal: 1609, … }, … })
 */
export const calcularComprobante = (borrador: Borrador): Result<Comprobante> => {
  try {
    return ok(calcular(borrador));
  } catch (error) {
    if (error instanceof Rechazo) {
      return { ok: false, error: error.error };
    }
    throw error;
  }
};

/**
 * Lines and totals before payments and buyer rules: the checkout's running totals and the
 * amount the payments must cover. Same arithmetic as `calcularComprobante`.
 * @example calcularLineas([{ descripcion: 'Pan', cantidad: 2_000_000, precioUnitario: 250_000, descuento: 0, impuesto: { codigo: '2', codigoPorcentaje: '0' } }], '2026-11-20') // ok({ totales: { importeTotal: 50, … }, … })
 */
export const calcularLineas = (
  lineas: readonly LineaBorrador[],
  fechaTarifa: string,
  ivaAsignado?: IvaAsignadoPorTarifa,
): Result<{ lineas: Linea[]; totales: Totales }> => {
  try {
    if (lineas.length === 0) {
      fallar('sin_lineas', 'lineas: el comprobante necesita al menos una línea.', 'lineas');
    }
    const calculadas = lineas.map((linea, i) => calcularLinea(linea, i, fechaTarifa));
    return ok({ lineas: calculadas, totales: totalizar(calculadas, 0, ivaAsignado) });
  } catch (error) {
    if (error instanceof Rechazo) return { ok: false, error: error.error };
    throw error;
  }
};
