/** The archive's `indice.csv`: one row per document, RFC 4180, UTF-8 with BOM for spreadsheets. */

export type FilaIndice = {
  tipo: string;
  numero: string;
  fechaEmision: string;
  claveAcceso: string;
  numeroAutorizacion: string;
  fechaAutorizacion: string;
  estado: string;
  identificacionComprador: string;
  razonSocialComprador: string;
  /** Cents. */
  totalCentavos: number;
  xml: string;
  autorizacion: string;
  ride: string;
};

const HEADER = [
  'tipo',
  'numero',
  'fecha_emision',
  'clave_acceso',
  'numero_autorizacion',
  'fecha_autorizacion',
  'estado',
  'identificacion_comprador',
  'razon_social_comprador',
  'total',
  'xml',
  'autorizacion',
  'ride',
];

const field = (value: string): string =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** Cents as a plain decimal with a point: 1234 → 12.34, never through a float. */
export const centsToDecimal = (cents: number): string => {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};

/**
 * @example indiceCsv([]) // '\uFEFFtipo,numero,…\r\n'
 */
export const indiceCsv = (filas: readonly FilaIndice[]): string => {
  const lines = [HEADER.join(',')];
  for (const f of filas) {
    lines.push(
      [
        f.tipo,
        f.numero,
        f.fechaEmision,
        f.claveAcceso,
        f.numeroAutorizacion,
        f.fechaAutorizacion,
        f.estado,
        f.identificacionComprador,
        f.razonSocialComprador,
        centsToDecimal(f.totalCentavos),
        f.xml,
        f.autorizacion,
        f.ride,
      ]
        .map(field)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
};
