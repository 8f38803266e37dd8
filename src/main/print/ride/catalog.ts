/**
 * SRI catalogue names printed on the RIDE (ficha técnica tablas 4, 6, 16, 17 and 24).
 */

/** Tabla 24: formas de pago. 01 and 15–21 are current; 02–14 appear on documents before 2016. */
export const FORMAS_PAGO: Readonly<Record<string, string>> = {
  '01': 'SIN UTILIZACIÓN DEL SISTEMA FINANCIERO',
  '02': 'CHEQUE PROPIO',
  '03': 'CHEQUE CERTIFICADO',
  '04': 'CHEQUE DE GERENCIA',
  '05': 'CHEQUE DEL EXTERIOR',
  '06': 'DÉBITO DE CUENTA',
  '07': 'TRANSFERENCIA PROPIO BANCO',
  '08': 'TRANSFERENCIA OTRO BANCO NACIONAL',
  '09': 'TRANSFERENCIA BANCO EXTERIOR',
  '10': 'TARJETA DE CRÉDITO NACIONAL',
  '11': 'TARJETA DE CRÉDITO INTERNACIONAL',
  '12': 'GIRO',
  '13': 'DEPÓSITO EN CUENTA (CORRIENTE/AHORROS)',
  '14': 'ENDOSO DE INVERSIÓN',
  '15': 'COMPENSACIÓN DE DEUDAS',
  '16': 'TARJETA DE DÉBITO',
  '17': 'DINERO ELECTRÓNICO',
  '18': 'TARJETA PREPAGO',
  '19': 'TARJETA DE CRÉDITO',
  '20': 'OTROS CON UTILIZACIÓN DEL SISTEMA FINANCIERO',
  '21': 'ENDOSO DE TÍTULOS',
};

/** Cash is the only payment that opens the drawer (tabla 24, código 01). */
export const FORMA_PAGO_EFECTIVO = '01';

/** Tabla 6: tipo de identificación del comprador. */
export const TIPOS_IDENTIFICACION: Readonly<Record<string, string>> = {
  '04': 'RUC',
  '05': 'CÉDULA',
  '06': 'PASAPORTE',
  '07': 'CONSUMIDOR FINAL',
  '08': 'IDENTIFICACIÓN DEL EXTERIOR',
};

/** Tabla 4: tipos de comprobante that may be modified by a nota de crédito. */
export const TIPOS_COMPROBANTE: Readonly<Record<string, string>> = {
  '01': 'FACTURA',
  '03': 'LIQUIDACIÓN DE COMPRA',
  '04': 'NOTA DE CRÉDITO',
  '05': 'NOTA DE DÉBITO',
  '06': 'GUÍA DE REMISIÓN',
  '07': 'COMPROBANTE DE RETENCIÓN',
};

/**
 * Tabla 17: IVA codigoPorcentaje → rate in hundredths of a percent and the subtotal label.
 * `tarifa` is null for «no objeto» and «exento», which are not rates.
 */
export const IVA_POR_CODIGO: Readonly<Record<string, { tarifa: number; etiqueta: string }>> = {
  '0': { tarifa: 0, etiqueta: '0 %' },
  '2': { tarifa: 1200, etiqueta: '12 %' },
  '3': { tarifa: 1400, etiqueta: '14 %' },
  '4': { tarifa: 1500, etiqueta: '15 %' },
  '5': { tarifa: 500, etiqueta: '5 %' },
  '6': { tarifa: 0, etiqueta: 'NO OBJETO DE IVA' },
  '7': { tarifa: 0, etiqueta: 'EXENTO DE IVA' },
  '8': { tarifa: 800, etiqueta: '8 %' },
  '10': { tarifa: 1300, etiqueta: '13 %' },
};

/** `codigo` of the taxes in `impuesto`/`totalImpuesto` (tabla 16). */
export const CODIGO_IVA = '2';
export const CODIGO_ICE = '3';
export const CODIGO_IRBPNR = '5';
