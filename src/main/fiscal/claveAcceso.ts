/**
 * Clave de acceso (docs/sri.md §2): 49 digits = fecha ddmmaaaa, codDoc, RUC, ambiente, estab,
 * ptoEmi, secuencial, código numérico, tipoEmision and a mod-11 check digit.
 */
import { err, ok, type Result } from '../../shared/result';

/** Document codes that carry a clave de acceso (ficha técnica, tabla 3). */
export const CODIGOS_DOCUMENTO = {
  '01': 'factura',
  '03': 'liquidación de compra',
  '04': 'nota de crédito',
  '05': 'nota de débito',
  '06': 'guía de remisión',
  '07': 'comprobante de retención',
} as const;

export type CodDoc = keyof typeof CODIGOS_DOCUMENTO;
export type Ambiente = '1' | '2';

export type PartesClaveAcceso = {
  /** Issue date in Ecuador, AAAA-MM-DD. */
  fechaEmision: string;
  codDoc: CodDoc;
  ruc: string;
  ambiente: Ambiente;
  estab: string;
  ptoEmi: string;
  /** 9 digits, zero-padded. */
  secuencial: string;
  codigoNumerico: string;
  tipoEmision: '1';
};

export type ClaveAccesoDecodificada = PartesClaveAcceso & { digitoVerificador: string };

const esCodDoc = (valor: string): valor is CodDoc => Object.hasOwn(CODIGOS_DOCUMENTO, valor);

/**
 * Mod-11 check digit of the first 48 digits: weights 2..7 from the right; 11 → 0, 10 → 1.
 * @example digitoVerificador('181120230117900169190012072126000254002071101351') // 0
 */
export const digitoVerificador = (digitos48: string): number => {
  if (!/^\d{48}$/.test(digitos48)) {
    throw new Error('digitoVerificador espera 48 dígitos.');
  }
  let suma = 0;
  let peso = 2;
  for (let i = digitos48.length - 1; i >= 0; i--) {
    suma += Number(digitos48[i]) * peso;
    peso = peso === 7 ? 2 : peso + 1;
  }
  const d = 11 - (suma % 11);
  return d === 11 ? 0 : d === 10 ? 1 : d;
};

/**
 * Checks an AAAA-MM-DD string is a real calendar date.
 * @example esFechaValida('2024-02-29') // true
 */
export const esFechaValida = (fecha: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(fecha);
  if (m === null) return false;
  const [anio, mes, dia] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(anio, mes - 1, dia));
  return d.getUTCFullYear() === anio && d.getUTCMonth() === mes - 1 && d.getUTCDate() === dia;
};

// Built on first use: loading the time zone costs ~12 ms of CPU, which every start of the
// CLI and the host would pay even when no date is computed (firmar, serve before a sale).
let formatoGuayaquil: Intl.DateTimeFormat | null = null;

/**
 * Calendar date (AAAA-MM-DD) of an instant in Ecuador, whatever the machine's time zone.
 * @example fechaEcuador(new Date('2024-04-19T03:00:00Z')) // '2024-04-18'
 */
export const fechaEcuador = (instante: Date): string => {
  formatoGuayaquil ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Guayaquil',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const partes = formatoGuayaquil.formatToParts(instante);
  const parte = (tipo: string): string => partes.find((p) => p.type === tipo)?.value ?? '';
  return `${parte('year')}-${parte('month')}-${parte('day')}`;
};

/**
 * Converts AAAA-MM-DD to the XML `fechaEmision` form dd/mm/aaaa.
 * @example fechaSri('2026-11-20') // '20/11/2026'
 */
export const fechaSri = (fecha: string): string => {
  const [anio, mes, dia] = fecha.split('-');
  return `${dia}/${mes}/${anio}`;
};

const validarPartes = (partes: PartesClaveAcceso): Result<void> => {
  const fallo = (parte: string, mensaje: string) =>
    err('clave_acceso_invalida', `Clave de acceso: ${mensaje}`, parte);
  if (!esFechaValida(partes.fechaEmision)) {
    return fallo('fechaEmision', `la fecha de emisión «${partes.fechaEmision}» no es válida.`);
  }
  if (!/^20\d\d-/.test(partes.fechaEmision)) {
    return fallo('fechaEmision', `el año de «${partes.fechaEmision}» debe ser 20xx.`);
  }
  if (!esCodDoc(partes.codDoc)) {
    return fallo('codDoc', `el tipo de comprobante «${partes.codDoc}» no existe.`);
  }
  if (!/^\d{10}001$/.test(partes.ruc)) {
    return fallo('ruc', `el RUC «${partes.ruc}» debe tener 13 dígitos y terminar en 001.`);
  }
  if (partes.ambiente !== '1' && partes.ambiente !== '2') {
    return fallo(
      'ambiente',
      `el ambiente «${partes.ambiente}» debe ser 1 (pruebas) o 2 (producción).`,
    );
  }
  if (!/^\d{3}$/.test(partes.estab) || partes.estab === '000') {
    return fallo('estab', `el establecimiento «${partes.estab}» debe tener 3 dígitos (001–999).`);
  }
  if (!/^\d{3}$/.test(partes.ptoEmi) || partes.ptoEmi === '000') {
    return fallo(
      'ptoEmi',
      `el punto de emisión «${partes.ptoEmi}» debe tener 3 dígitos (001–999).`,
    );
  }
  if (!/^\d{9}$/.test(partes.secuencial) || partes.secuencial === '000000000') {
    return fallo(
      'secuencial',
      `el secuencial «${partes.secuencial}» debe tener 9 dígitos y no ser cero.`,
    );
  }
  if (!/^\d{8}$/.test(partes.codigoNumerico)) {
    return fallo(
      'codigoNumerico',
      `el código numérico «${partes.codigoNumerico}» debe tener 8 dígitos.`,
    );
  }
  if (partes.tipoEmision !== '1') {
    return fallo('tipoEmision', `el tipo de emisión «${partes.tipoEmision}» debe ser 1 (normal).`);
  }
  return ok(undefined);
};

/**
 * Builds the 49-digit clave de acceso from its parts, checking each one.
 * @example construirClaveAcceso({ fechaEmision: '2023-11-18', codDoc: '01', ruc: '1790016919001', ambiente: '2', estab: '072', ptoEmi: '126', secuencial: '000254002', codigoNumerico: '07110135', tipoEmision: '1' }) // ok('1811202301179001691900120721260002540020711013510')
 */
export const construirClaveAcceso = (partes: PartesClaveAcceso): Result<string> => {
  const validas = validarPartes(partes);
  if (!validas.ok) return validas;
  const [anio, mes, dia] = partes.fechaEmision.split('-');
  const base = `${dia}${mes}${anio}${partes.codDoc}${partes.ruc}${partes.ambiente}${partes.estab}${partes.ptoEmi}${partes.secuencial}${partes.codigoNumerico}${partes.tipoEmision}`;
  return ok(`${base}${digitoVerificador(base)}`);
};

/**
 * Validates a clave de acceso and decodes its parts; the message names the wrong part.
 * @example validarClaveAcceso('0312202201019007200200120029020004874985766297216').ok // true
 */
export const validarClaveAcceso = (clave: string): Result<ClaveAccesoDecodificada> => {
  const limpia = clave.trim();
  if (!/^\d*$/.test(limpia)) {
    return err(
      'clave_acceso_invalida',
      'Clave de acceso: solo puede contener dígitos.',
      'claveAcceso',
    );
  }
  if (limpia.length !== 49) {
    return err(
      'clave_acceso_invalida',
      `Clave de acceso: debe tener 49 dígitos y tiene ${limpia.length}.`,
      'claveAcceso',
    );
  }
  const codDoc = limpia.slice(8, 10);
  const ambiente = limpia.slice(23, 24);
  const tipoEmision = limpia.slice(47, 48);
  const partes = {
    fechaEmision: `${limpia.slice(4, 8)}-${limpia.slice(2, 4)}-${limpia.slice(0, 2)}`,
    codDoc: codDoc as CodDoc,
    ruc: limpia.slice(10, 23),
    ambiente: ambiente as Ambiente,
    estab: limpia.slice(24, 27),
    ptoEmi: limpia.slice(27, 30),
    secuencial: limpia.slice(30, 39),
    codigoNumerico: limpia.slice(39, 47),
    tipoEmision: tipoEmision as '1',
  } satisfies PartesClaveAcceso;
  const validas = validarPartes(partes);
  if (!validas.ok) return validas;
  const esperado = digitoVerificador(limpia.slice(0, 48));
  const dado = limpia.slice(48);
  if (String(esperado) !== dado) {
    return err(
      'clave_acceso_invalida',
      `Clave de acceso: el dígito verificador es ${dado} y debería ser ${esperado} (módulo 11).`,
      'digitoVerificador',
    );
  }
  return ok({ ...partes, digitoVerificador: dado });
};
