/**
 * The document archive (issue 11 §4): every authorized document emitted in a date range, as
 * its signed XML, the SRI `autorizacion` wrapping it, and its RIDE PDF, in one ZIP with an
 * `indice.csv`. The SRI requires keeping these for years; this is what the store hands its
 * accountant or copies to a drive.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Sqlite from 'better-sqlite3';
import { ZipFile } from 'yazl';
import { err, ok, type Result } from '../../shared/result';
import type { Logger } from '../log';
import { parseRide, type RideFonts, renderRidePdf } from '../print';
import { autorizacionXml } from './autorizacion';
import { type FilaIndice, indiceCsv } from './indice';

export type RangoFechas = { desde: string; hasta: string };

export type ResumenArchivo = {
  archivo: string;
  documentos: number;
  bytes: number;
  desde: string;
  hasta: string;
};

type Fila = {
  id: string;
  codDoc: '01' | '04';
  estab: string;
  ptoEmi: string;
  secuencial: number;
  claveAcceso: string;
  fechaEmision: string;
  ambiente: string;
  status: string;
  buyerIdentificacion: string;
  buyerRazonSocial: string;
  totalCents: number;
  numeroAutorizacion: string;
  fechaAutorizacion: string;
};

const FECHA = /^\d{4}-\d{2}-\d{2}$/;

const fechaValida = (text: string): boolean => {
  if (!FECHA.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
};

/**
 * Checks an AAAA-MM-DD range (both ends included).
 * @example validarRango({ desde: '2025-03-01', hasta: '2025-03-31' }) // ok
 */
export const validarRango = (rango: RangoFechas): Result<RangoFechas> => {
  for (const [nombre, valor] of [
    ['desde', rango.desde],
    ['hasta', rango.hasta],
  ] as const) {
    if (!fechaValida(valor)) {
      return err('fecha_invalida', `La fecha «${valor}» no es válida; use AAAA-MM-DD.`, nombre);
    }
  }
  if (rango.desde > rango.hasta) {
    return err(
      'rango_invalido',
      `La fecha inicial (${rango.desde}) es posterior a la final (${rango.hasta}).`,
      'desde',
    );
  }
  return ok(rango);
};

const TIPOS: Record<Fila['codDoc'], { nombre: string; archivo: string }> = {
  '01': { nombre: 'Factura', archivo: 'factura' },
  '04': { nombre: 'Nota de crédito', archivo: 'nota-credito' },
};

const numero = (f: Fila): string =>
  `${f.estab}-${f.ptoEmi}-${String(f.secuencial).padStart(9, '0')}`;

/**
 * Documents with an SRI authorization emitted in the range: AUTHORIZED ones and those later
 * voided or cancelled (they were authorized and must be kept too).
 */
const selectRows = (sqlite: Sqlite.Database, rango: RangoFechas): Fila[] =>
  sqlite
    .prepare<[string, string], Fila>(
      `SELECT id, cod_doc AS codDoc, estab, pto_emi AS ptoEmi, secuencial, clave_acceso AS claveAcceso,
              fecha_emision AS fechaEmision, ambiente, status, buyer_identificacion AS buyerIdentificacion,
              buyer_razon_social AS buyerRazonSocial, total_cents AS totalCents,
              numero_autorizacion AS numeroAutorizacion, fecha_autorizacion AS fechaAutorizacion
       FROM document
       WHERE fecha_emision BETWEEN ? AND ? AND numero_autorizacion IS NOT NULL
         AND fecha_autorizacion IS NOT NULL
       ORDER BY fecha_emision, cod_doc, estab, pto_emi, secuencial`,
    )
    .all(rango.desde, rango.hasta);

/** Produces the entry's bytes only when the ZIP reaches it, so memory stays flat. */
const lazy = (produce: () => Promise<Uint8Array> | Uint8Array): Readable =>
  Readable.from(
    (async function* () {
      yield Buffer.from(await produce());
    })(),
  );

/**
 * Writes the archive of `rango` to `archivo` (through a temporary file: a failure leaves no
 * half ZIP). An empty range is refused rather than producing an empty archive.
 * @example await exportarArchivo({ sqlite, logger }, { desde: '2025-03-01', hasta: '2025-03-31' }, '/tmp/marzo.zip')
 */
export const exportarArchivo = async (
  deps: {
    sqlite: Sqlite.Database;
    logger: Logger;
    fonts?: RideFonts;
    /** The store's logo from Ajustes, as the printed RIDE has it. */
    logo?: Uint8Array | null;
  },
  rango: RangoFechas,
  archivo: string,
): Promise<Result<ResumenArchivo>> => {
  const valid = validarRango(rango);
  if (!valid.ok) return valid;
  const rows = selectRows(deps.sqlite, rango);
  if (rows.length === 0) {
    return err(
      'archivo_vacio',
      `No hay comprobantes autorizados emitidos entre ${rango.desde} y ${rango.hasta}.`,
    );
  }
  const content = deps.sqlite.prepare<
    [string],
    { signedXml: string; authorizationXml: string | null }
  >(
    'SELECT signed_xml AS signedXml, authorization_xml AS authorizationXml FROM document WHERE id = ?',
  );
  const comprobanteOf = (id: string): string => {
    const row = content.get(id);
    if (row === undefined) throw new Error(`Documento ${id} desapareció durante la exportación`);
    // What the SRI authorized, as it returned it; our signed bytes if it sent nothing back.
    return row.authorizationXml !== null && row.authorizationXml.trim() !== ''
      ? row.authorizationXml
      : row.signedXml;
  };

  const zip = new ZipFile();
  const filas: FilaIndice[] = [];
  for (const f of rows) {
    const base = f.claveAcceso;
    const ambiente = f.ambiente === '2' ? 'PRODUCCIÓN' : 'PRUEBAS';
    const autorizacion = () =>
      autorizacionXml({
        numeroAutorizacion: f.numeroAutorizacion,
        fechaAutorizacion: f.fechaAutorizacion,
        ambiente,
        comprobante: comprobanteOf(f.id),
      });
    const paths = {
      xml: `comprobantes/${base}.xml`,
      autorizacion: `autorizaciones/${base}.xml`,
      ride: `ride/${base}.pdf`,
    };
    zip.addReadStream(
      lazy(() => Buffer.from(comprobanteOf(f.id), 'utf8')),
      paths.xml,
    );
    zip.addReadStream(
      lazy(() => Buffer.from(autorizacion(), 'utf8')),
      paths.autorizacion,
    );
    zip.addReadStream(
      lazy(async () => {
        const ride = parseRide(autorizacion(), { fechaAutorizacion: f.fechaAutorizacion });
        if (!ride.ok) {
          throw new Error(`RIDE de ${base}: ${ride.error.message}`);
        }
        return renderRidePdf(ride.value, {
          formato: 'a4',
          logo: deps.logo ?? null,
          ...(deps.fonts === undefined ? {} : { fonts: deps.fonts }),
        });
      }),
      paths.ride,
      // PDFs are already compressed.
      { compress: false },
    );
    filas.push({
      tipo: TIPOS[f.codDoc].nombre,
      numero: numero(f),
      fechaEmision: f.fechaEmision,
      claveAcceso: f.claveAcceso,
      numeroAutorizacion: f.numeroAutorizacion,
      fechaAutorizacion: f.fechaAutorizacion,
      estado: f.status,
      identificacionComprador: f.buyerIdentificacion,
      razonSocialComprador: f.buyerRazonSocial,
      totalCentavos: f.totalCents,
      ...paths,
    });
  }
  zip.addBuffer(Buffer.from(indiceCsv(filas), 'utf8'), 'indice.csv');
  // yazl reports a failing entry on the ZipFile, not on its output: end the output with it.
  zip.on('error', (error: Error) => (zip.outputStream as Readable).destroy(error));
  zip.end();

  const partial = `${archivo}.${process.pid}.part`;
  try {
    await pipeline(zip.outputStream, createWriteStream(partial));
    await rename(partial, archivo);
  } catch (error) {
    await rm(partial, { force: true });
    const message = error instanceof Error ? error.message : String(error);
    deps.logger.error('No se pudo exportar el archivo de comprobantes', { error: message });
    return err('archivo_fallido', `No se pudo escribir el archivo ${archivo}: ${message}`);
  }
  const bytes = (await stat(archivo)).size;
  deps.logger.info('Archivo de comprobantes exportado', {
    documentos: rows.length,
    bytes,
    desde: rango.desde,
    hasta: rango.hasta,
  });
  return ok({ archivo, documentos: rows.length, bytes, desde: rango.desde, hasta: rango.hasta });
};
