/** The archive's `indice.csv`: one row per document, RFC 4180, UTF-8 with BOM for spreadsheets. */
import { BOM, campoCsv } from '../csv';

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

// The app's one CSV writer: quoting and formula neutralising (a buyer named «=HYPERLINK(…)»).
const field = (value: string): string => campoCsv(value, ',');

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
  return `${BOM}${lines.join('\r\n')}\r\n`;
};
