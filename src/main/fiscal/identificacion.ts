/**
 * Buyer identification (docs/sri.md §5): cédula, RUC (natural, sociedad, pública), pasaporte,
 * identificación del exterior and consumidor final. Length and format failures block; a RUC
 * checksum failure only warns, because real RUCs break the published rules (python-stdnum #457)
 * and the SRI itself answers nonexistent buyer RUCs with error 69 at reception.
 */
import { err, ok, type Result } from '../../shared/result';
import { formatCentavos } from './money';

/** `tipoIdentificacionComprador` (ficha técnica, tabla 6). */
export const TIPOS_IDENTIFICACION = {
  '04': 'RUC',
  '05': 'cédula',
  '06': 'pasaporte',
  '07': 'consumidor final',
  '08': 'identificación del exterior',
} as const;

export type TipoIdentificacion = keyof typeof TIPOS_IDENTIFICACION;

export const CONSUMIDOR_FINAL = {
  tipoIdentificacion: '07',
  identificacion: '9999999999999',
  razonSocial: 'CONSUMIDOR FINAL',
} as const;

/** Decreto Ejecutivo 586, Art. 19 Reglamento de Comprobantes: USD 50.00 at most. */
export const LIMITE_CONSUMIDOR_FINAL_CENTAVOS = 5000;

export type TipoRuc = 'natural' | 'sociedad' | 'publica';

export type IdentificacionValida = {
  /** Spanish warnings that do not block the sale (e.g. a RUC checksum that does not match). */
  advertencias: string[];
};

/**
 * Tells whether `tipo` is a known `tipoIdentificacionComprador`.
 * @example esTipoIdentificacion('05') // true
 */
export const esTipoIdentificacion = (tipo: string): tipo is TipoIdentificacion =>
  Object.hasOwn(TIPOS_IDENTIFICACION, tipo);

const provinciaValida = (digitos: string): boolean => {
  const provincia = Number(digitos.slice(0, 2));
  // 01–24 provinces; 30 Ecuadorians registered abroad; 50 also issued (docs/sri.md §5).
  return (provincia >= 1 && provincia <= 24) || provincia === 30 || provincia === 50;
};

const digitoCedula = (digitos: string): number => {
  let suma = 0;
  for (let i = 0; i < 9; i++) {
    const producto = Number(digitos[i]) * (i % 2 === 0 ? 2 : 1);
    suma += producto > 9 ? producto - 9 : producto;
  }
  return (10 - (suma % 10)) % 10;
};

const digitoMod11 = (digitos: string, pesos: readonly number[]): number => {
  let suma = 0;
  pesos.forEach((peso, i) => {
    suma += Number(digitos[i]) * peso;
  });
  const resto = suma % 11;
  return resto === 0 ? 0 : 11 - resto;
};

const cumpleCedula = (d: string): boolean => digitoCedula(d) === Number(d[9]);
const cumpleSociedad = (d: string): boolean =>
  digitoMod11(d, [4, 3, 2, 7, 6, 5, 4, 3, 2]) === Number(d[9]);
const cumplePublica = (d: string): boolean =>
  digitoMod11(d, [3, 2, 7, 6, 5, 4, 3, 2]) === Number(d[8]);

/**
 * Validates a cédula: 10 digits, province, third digit 0–6, Luhn-like check digit.
 * @example validarCedula('1714307103').ok // true
 */
export const validarCedula = (cedula: string, campo = 'identificacion'): Result<void> => {
  if (!/^\d{10}$/.test(cedula)) {
    return err('identificacion_invalida', `La cédula «${cedula}» debe tener 10 dígitos.`, campo);
  }
  if (!provinciaValida(cedula)) {
    return err(
      'identificacion_invalida',
      `La cédula «${cedula}» tiene un código de provincia inexistente (${cedula.slice(0, 2)}).`,
      campo,
    );
  }
  // 0–5 citizens; 6 has been issued to foreign residents (docs/sri.md §5).
  if (Number(cedula[2]) > 6) {
    return err(
      'identificacion_invalida',
      `La cédula «${cedula}» tiene un tercer dígito inválido (${cedula[2]}).`,
      campo,
    );
  }
  if (!cumpleCedula(cedula)) {
    return err(
      'identificacion_invalida',
      `La cédula «${cedula}» tiene un dígito verificador incorrecto: debería terminar en ${digitoCedula(cedula)}.`,
      campo,
    );
  }
  return ok(undefined);
};

/**
 * Classifies and validates a RUC; checksum mismatches become warnings, format errors block.
 * @example validarRuc('1790016919001') // ok({ tipo: 'sociedad', advertencias: [] })
 */
export const validarRuc = (
  ruc: string,
  campo = 'identificacion',
): Result<IdentificacionValida & { tipo: TipoRuc }> => {
  if (!/^\d{13}$/.test(ruc)) {
    return err('identificacion_invalida', `El RUC «${ruc}» debe tener 13 dígitos.`, campo);
  }
  if (!provinciaValida(ruc)) {
    return err(
      'identificacion_invalida',
      `El RUC «${ruc}» tiene un código de provincia inexistente (${ruc.slice(0, 2)}).`,
      campo,
    );
  }
  const tercero = Number(ruc[2]);
  const tipo: TipoRuc | undefined =
    tercero <= 5 ? 'natural' : tercero === 6 ? 'publica' : tercero === 9 ? 'sociedad' : undefined;
  if (tipo === undefined) {
    return err(
      'identificacion_invalida',
      `El RUC «${ruc}» tiene un tercer dígito inválido (${tercero}); debe ser 0–6 o 9.`,
      campo,
    );
  }
  const establecimiento = tipo === 'publica' ? ruc.slice(9) : ruc.slice(10);
  if (/^0+$/.test(establecimiento)) {
    return err(
      'identificacion_invalida',
      `El RUC «${ruc}» termina en ${establecimiento}; el establecimiento no puede ser cero.`,
      campo,
    );
  }
  // Known exceptions (docs/sri.md §5, python-stdnum #457): natural RUCs with third digit 6 use the
  // cédula formula, and some 9-RUCs use the public-sector formula.
  const cumple =
    tipo === 'natural'
      ? cumpleCedula(ruc)
      : tipo === 'publica'
        ? cumplePublica(ruc) || cumpleCedula(ruc)
        : cumpleSociedad(ruc) || cumplePublica(ruc);
  const advertencias = cumple
    ? []
    : [
        `El dígito verificador del RUC «${ruc}» no coincide con el algoritmo publicado; verifique el número (el SRI lo rechazará si el RUC no existe).`,
      ];
  return ok({ tipo, advertencias });
};

/**
 * Validates a buyer identification by its type; the result carries non-blocking warnings.
 * @example validarIdentificacion('07', '9999999999999', 'CONSUMIDOR FINAL').ok // true
 */
export const validarIdentificacion = (
  tipo: string,
  numero: string,
  razonSocial: string,
  campo = 'identificacion',
): Result<IdentificacionValida> => {
  if (!esTipoIdentificacion(tipo)) {
    return err(
      'identificacion_invalida',
      `El tipo de identificación «${tipo}» no existe; use 04 RUC, 05 cédula, 06 pasaporte, 07 consumidor final u 08 exterior.`,
      'tipoIdentificacion',
    );
  }
  switch (tipo) {
    case '04': {
      const ruc = validarRuc(numero, campo);
      return ruc.ok ? ok({ advertencias: ruc.value.advertencias }) : ruc;
    }
    case '05': {
      const cedula = validarCedula(numero, campo);
      return cedula.ok ? ok({ advertencias: [] }) : cedula;
    }
    case '06':
      return /^[A-Za-z0-9]{3,20}$/.test(numero)
        ? ok({ advertencias: [] })
        : err(
            'identificacion_invalida',
            `El pasaporte «${numero}» debe tener de 3 a 20 letras o dígitos, sin espacios.`,
            campo,
          );
    case '07':
      if (numero !== CONSUMIDOR_FINAL.identificacion) {
        return err(
          'identificacion_invalida',
          `Consumidor final se identifica con ${CONSUMIDOR_FINAL.identificacion}, no con «${numero}».`,
          campo,
        );
      }
      if (razonSocial.trim().toUpperCase() !== CONSUMIDOR_FINAL.razonSocial) {
        return err(
          'identificacion_invalida',
          `El nombre del consumidor final debe ser «${CONSUMIDOR_FINAL.razonSocial}», no «${razonSocial}».`,
          'razonSocial',
        );
      }
      return ok({ advertencias: [] });
    case '08':
      return /^[A-Za-z0-9-]{1,20}$/.test(numero)
        ? ok({ advertencias: [] })
        : err(
            'identificacion_invalida',
            `La identificación del exterior «${numero}» debe tener de 1 a 20 letras, dígitos o guiones.`,
            campo,
          );
  }
};

/**
 * Consumidor final may only be used up to USD 50.00 of `importeTotal`.
 * @example verificarLimiteConsumidorFinal('07', 5001).ok // false
 */
export const verificarLimiteConsumidorFinal = (
  tipo: string,
  importeTotalCentavos: number,
): Result<void> => {
  if (
    tipo === CONSUMIDOR_FINAL.tipoIdentificacion &&
    importeTotalCentavos > LIMITE_CONSUMIDOR_FINAL_CENTAVOS
  ) {
    return err(
      'consumidor_final_excede_limite',
      `Una venta a consumidor final no puede superar USD ${formatCentavos(LIMITE_CONSUMIDOR_FINAL_CENTAVOS)}; el total es USD ${formatCentavos(importeTotalCentavos)}. Identifique al comprador.`,
      'comprador',
    );
  }
  return ok(undefined);
};
