/**
 * The high-water mark of every emission point's secuenciales, kept outside the database (issue
 * 17 §4). A restored older backup, or a `-wal` deleted under a running app, puts the database's
 * counter behind numbers already given to customers and the SRI; the mark remembers them, and
 * the next start continues after it instead of issuing them again.
 *
 * Ordering: the mark is written, durably, inside the sale's transaction right after the
 * secuencial is reserved and BEFORE the COMMIT. So every committed secuencial is ≤ the mark at
 * every instant: a crash after the commit cannot leave the mark behind (writing after the commit
 * could, and a restore before the next start would then reissue that number). A transaction that
 * rolls back restores the previous mark; only a crash between the mark and the COMMIT leaves the
 * mark one ahead, and the next start then skips that one number and says so — a reported gap,
 * never a repeat, which the SRI would reject.
 *
 * The file has two fixed-size slots, each with a generation and a CRC; a write fills the slot
 * that does not hold the newest mark and makes it durable with one `fdatasync` (the file's size
 * never changes, so no metadata needs flushing). A torn write damages only that slot, and the
 * other still holds the previous mark, which is ≥ every committed secuencial since the sale
 * being written had not committed yet. This costs one flush per sale instead of the temp file,
 * two fsyncs and a rename of a whole-file replace (`npm run bench -- emision` prints the cost).
 *
 * Each backup carries the mark of its moment beside it (`<backup>.secuenciales.json`, plain
 * JSON), so the highest mark survives even when the data folder's own file is lost.
 */
import {
  closeSync,
  fdatasyncSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import { err, ok, type Result } from '../../shared/result';
import type { Logger } from '../log';
import { classifySqliteError } from './errors';

export const ARCHIVO_MARCA = 'mostrador-secuenciales.marca';
/** The whole-file JSON mark of earlier versions: still read, removed once the slots replace it. */
export const ARCHIVO_MARCA_JSON = 'mostrador-secuenciales.json';
export const SUFIJO_MARCA_RESPALDO = '.secuenciales.json';

/** `<RUC>-<estab>-<ptoEmi>-<codDoc>` → last secuencial used. */
export type Marca = Record<string, number>;

const marcaSchema = z.record(z.string(), z.number().int().nonnegative());

/** The mark file beside a database file. */
export const archivoMarcaDe = (databaseFile: string): string =>
  path.join(path.dirname(databaseFile), ARCHIVO_MARCA);

const parsearJson = (texto: string): Marca | null => {
  try {
    const parsed = marcaSchema.safeParse(JSON.parse(texto));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

const leerJson = (file: string): Marca => {
  try {
    return parsearJson(readFileSync(file, 'utf8')) ?? {};
  } catch {
    return {};
  }
};

// Slot: "MSM2", JSON length (u32), CRC32 of generation + JSON (u32), 4 spare bytes, generation (f64), JSON.
const MAGIA = Buffer.from('MSM2', 'latin1');
const CABECERA = 24;
const RANURA_MINIMA = 4096;

type Ranura = { generacion: number; marca: Marca };

const crcDe = (generacion: Buffer, json: Buffer): number => crc32(json, crc32(generacion));

const codificar = (marca: Marca, generacion: number, tamano: number): Buffer | null => {
  const json = Buffer.from(JSON.stringify(marca), 'utf8');
  if (CABECERA + json.length > tamano) return null;
  const ranura = Buffer.alloc(tamano);
  MAGIA.copy(ranura, 0);
  ranura.writeUInt32LE(json.length, 4);
  ranura.writeDoubleLE(generacion, 16);
  ranura.writeUInt32LE(crcDe(ranura.subarray(16, 24), json), 8);
  json.copy(ranura, CABECERA);
  return ranura;
};

const decodificar = (ranura: Buffer): Ranura | null => {
  if (ranura.length < CABECERA || !ranura.subarray(0, 4).equals(MAGIA)) return null;
  const largo = ranura.readUInt32LE(4);
  if (CABECERA + largo > ranura.length) return null;
  const json = ranura.subarray(CABECERA, CABECERA + largo);
  if (crcDe(ranura.subarray(16, 24), json) !== ranura.readUInt32LE(8)) return null;
  const marca = parsearJson(json.toString('utf8'));
  return marca === null ? null : { generacion: ranura.readDoubleLE(16), marca };
};

/** The newest whole slot of a two-slot file, and its size; null when neither is readable. */
const leerRanuras = (
  file: string,
): { ultima: Ranura | null; indice: number; tamano: number } | null => {
  let contenido: Buffer;
  try {
    contenido = readFileSync(file);
  } catch {
    return null;
  }
  const tamano = Math.floor(contenido.length / 2);
  let ultima: Ranura | null = null;
  let indice = 1;
  for (const i of [0, 1]) {
    const r = decodificar(contenido.subarray(i * tamano, (i + 1) * tamano));
    if (r !== null && (ultima === null || r.generacion > ultima.generacion)) {
      ultima = r;
      indice = i;
    }
  }
  return { ultima, indice, tamano };
};

/**
 * Reads a mark file (the two-slot file, or a backup's or an earlier version's JSON); absent or
 * unreadable is an empty mark.
 */
export const leerMarca = (file: string): Marca =>
  file.endsWith('.json') ? leerJson(file) : (leerRanuras(file)?.ultima?.marca ?? {});

const fsyncPath = (file: string, flags: string): void => {
  const fd = openSync(file, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
};

/** Replaces `file` atomically and durably; a crash leaves the old or the new content, whole. */
const reemplazar = (file: string, contenido: string | Buffer): void => {
  const temp = `${file}.tmp`;
  writeFileSync(temp, contenido);
  fsyncPath(temp, 'r+');
  renameSync(temp, file);
  // The rename itself must reach the disk; Windows cannot open a folder (and needs no fsync).
  if (process.platform !== 'win32') fsyncPath(path.dirname(file), 'r');
};

/** A fresh two-slot file holding `marca` in both slots, big enough for it to grow. */
const crearRanuras = (file: string, marca: Marca, generacion: number): void => {
  const largo = Buffer.byteLength(JSON.stringify(marca), 'utf8');
  let tamano = RANURA_MINIMA;
  while (CABECERA + largo * 2 > tamano) tamano *= 2;
  const ranura = codificar(marca, generacion, tamano) as Buffer;
  reemplazar(file, Buffer.concat([ranura, ranura]));
};

/** The mark file of a running app: each write fills the other slot and flushes it. */
type ArchivoMarca = { escribir: (marca: Marca) => void };

const abrirMarca = (file: string): ArchivoMarca => {
  let leido = leerRanuras(file);
  if (leido === null || leido.ultima === null) {
    crearRanuras(file, {}, 1);
    leido = leerRanuras(file);
  }
  if (leido === null || leido.ultima === null) {
    throw new Error('La marca de secuenciales recién creada no se puede leer');
  }
  let { tamano, indice } = leido;
  let generacion = leido.ultima.generacion;
  return {
    escribir: (marca) => {
      generacion += 1;
      const ranura = codificar(marca, generacion, tamano);
      if (ranura === null) {
        // Outgrew its slots (many emission points): a bigger file, replaced whole, once.
        crearRanuras(file, marca, generacion);
        tamano = (leerRanuras(file) as { tamano: number }).tamano;
        indice = 0;
        return;
      }
      const otra = 1 - indice;
      const fd = openSync(file, 'r+');
      try {
        const escritos = writeSync(fd, ranura, 0, tamano, otra * tamano);
        if (escritos !== tamano)
          throw new Error('Escritura incompleta de la marca de secuenciales');
        fdatasyncSync(fd);
      } finally {
        closeSync(fd);
      }
      indice = otra;
    },
  };
};

/** Writes `marca` durably as the mark file `file` (start-time reconciliation). */
export const escribirMarca = (file: string, marca: Marca): void => abrirMarca(file).escribir(marca);

const maximo = (...marcas: Marca[]): Marca => {
  const out: Marca = {};
  for (const m of marcas) {
    for (const [k, v] of Object.entries(m)) out[k] = Math.max(out[k] ?? 0, v);
  }
  return out;
};

/** The data folder's own mark: the slots, or an earlier version's JSON file, whichever is higher. */
const marcaDeCarpeta = (databaseFile: string): Marca =>
  maximo(
    leerMarca(archivoMarcaDe(databaseFile)),
    leerJson(path.join(path.dirname(databaseFile), ARCHIVO_MARCA_JSON)),
  );

/** Writes the mark beside a backup just taken (its metadata, JSON); nothing when there is no mark. */
export const marcarRespaldo = (databaseFile: string, backupFile: string): void => {
  const marca = marcaDeCarpeta(databaseFile);
  if (Object.keys(marca).length > 0) {
    writeFileSync(`${backupFile}${SUFIJO_MARCA_RESPALDO}`, JSON.stringify(marca));
  }
};

/** The highest mark known: the data folder's file and every backup's copy. */
export const marcaConocida = (databaseFile: string, backupDir: string): Marca => {
  const marcas = [marcaDeCarpeta(databaseFile)];
  let nombres: string[] = [];
  try {
    nombres = readdirSync(backupDir);
  } catch {
    // No backups folder yet.
  }
  for (const n of nombres) {
    if (n.endsWith(SUFIJO_MARCA_RESPALDO)) marcas.push(leerMarca(path.join(backupDir, n)));
  }
  return maximo(...marcas);
};

type FilaSecuencia = {
  emissionPointId: string;
  codDoc: string;
  siguiente: number;
  ruc: string;
  estab: string;
  ptoEmi: string;
};

const SQL_SECUENCIAS = `SELECT s.emission_point_id AS emissionPointId, s.cod_doc AS codDoc,
    s.next_secuencial AS siguiente, i.ruc, e.code AS estab, p.code AS ptoEmi
  FROM sequence s
  JOIN emission_point p ON p.id = s.emission_point_id
  JOIN establishment e ON e.id = p.establishment_id
  JOIN issuer i ON i.id = e.issuer_id`;

const claveDe = (f: Pick<FilaSecuencia, 'ruc' | 'estab' | 'ptoEmi' | 'codDoc'>): string =>
  `${f.ruc}-${f.estab}-${f.ptoEmi}-${f.codDoc}`;

/** Numbers the database had lost and that will not be issued again. */
export type SecuencialesSaltados = {
  codDoc: string;
  estab: string;
  ptoEmi: string;
  desde: number;
  hasta: number;
};

const NOMBRE_DOC: Record<string, string> = { '01': 'facturas', '04': 'notas de crédito' };
const numero = (estab: string, ptoEmi: string, n: number): string =>
  `${estab}-${ptoEmi}-${String(n).padStart(9, '0')}`;

/** The administrator's sentence for what was skipped and why. */
export const avisoSaltos = (saltos: readonly SecuencialesSaltados[]): string | null => {
  if (saltos.length === 0) return null;
  const partes = saltos.map(
    (s) =>
      `${NOMBRE_DOC[s.codDoc] ?? `documentos ${s.codDoc}`} ${numero(s.estab, s.ptoEmi, s.desde)}${
        s.hasta > s.desde ? ` a ${numero(s.estab, s.ptoEmi, s.hasta)}` : ''
      } (la numeración sigue en ${numero(s.estab, s.ptoEmi, s.hasta + 1)})`,
  );
  return `Se saltaron los números ${partes.join('; ')}: ya se habían usado en este equipo pero no están en la base de datos (se restauró un respaldo anterior o se perdió parte de la base). Para no repetir números ante el SRI no se volverán a emitir. Revise en el portal del SRI cuáles de ellos fueron autorizados.`;
};

/**
 * Run at start, after the database opens and before anything sells: a counter behind the mark
 * jumps past it (the skipped numbers are returned), a counter ahead raises the mark.
 * @example const saltos = conciliarSecuenciales(db.sqlite, { databaseFile, backupDir, logger })
 */
export const conciliarSecuenciales = (
  sqlite: BetterSqlite3.Database,
  options: { databaseFile: string; backupDir: string; logger: Logger },
): SecuencialesSaltados[] => {
  const marca = marcaConocida(options.databaseFile, options.backupDir);
  const saltos: SecuencialesSaltados[] = [];
  const saltar = sqlite.prepare<[number, string, string]>(
    'UPDATE sequence SET next_secuencial = ? WHERE emission_point_id = ? AND cod_doc = ?',
  );
  sqlite.transaction(() => {
    for (const fila of sqlite.prepare<[], FilaSecuencia>(SQL_SECUENCIAS).all()) {
      const clave = claveDe(fila);
      const ultimo = fila.siguiente - 1;
      const marcado = marca[clave] ?? 0;
      if (marcado > ultimo) {
        saltar.run(marcado + 1, fila.emissionPointId, fila.codDoc);
        saltos.push({
          codDoc: fila.codDoc,
          estab: fila.estab,
          ptoEmi: fila.ptoEmi,
          desde: ultimo + 1,
          hasta: marcado,
        });
      } else {
        marca[clave] = ultimo;
      }
    }
  })();
  escribirMarca(archivoMarcaDe(options.databaseFile), marca);
  // The slots hold at least what the earlier version's JSON file did: it can go.
  rmSync(path.join(path.dirname(options.databaseFile), ARCHIVO_MARCA_JSON), { force: true });
  if (saltos.length > 0) options.logger.warn('Secuenciales saltados', { saltos });
  return saltos;
};

export type MarcaSecuenciales = {
  /**
   * Inside the transaction, right after reserving `secuencial`: writes the mark durably and
   * returns the number to use — past the mark when the database's counter fell behind it.
   */
  reservar: (emissionPointId: string, codDoc: string, secuencial: number) => number;
  /** Wraps a better-sqlite3 transaction (and its `.immediate` etc.): a rollback puts back the mark it raised. */
  // biome-ignore lint/suspicious/noExplicitAny: better-sqlite3's own Transaction constraint.
  transaccion: <F extends (...args: any[]) => unknown>(
    tx: BetterSqlite3.Transaction<F>,
  ) => BetterSqlite3.Transaction<F>;
};

/**
 * The mark of a running app, over the database's emission points.
 * @example const marca = createMarcaSecuenciales(db.sqlite, db.file)
 */
export const createMarcaSecuenciales = (
  sqlite: BetterSqlite3.Database,
  databaseFile: string,
  logger: Logger,
): MarcaSecuenciales => {
  const file = archivoMarcaDe(databaseFile);
  let actual = leerMarca(file);
  const archivo = abrirMarca(file);
  let antes: Marca | null = null;
  const fila = sqlite.prepare<[string, string], Omit<FilaSecuencia, 'siguiente'>>(
    `${SQL_SECUENCIAS} WHERE s.emission_point_id = ? AND s.cod_doc = ?`,
  );
  return {
    reservar: (emissionPointId, codDoc, secuencial) => {
      const f = fila.get(emissionPointId, codDoc);
      if (f === undefined) return secuencial;
      const clave = claveDe(f);
      const marcado = actual[clave] ?? 0;
      const usar = Math.max(secuencial, marcado + 1);
      if (usar !== secuencial) {
        logger.warn('Secuenciales saltados', {
          saltos: [
            { codDoc, estab: f.estab, ptoEmi: f.ptoEmi, desde: secuencial, hasta: usar - 1 },
          ],
        });
      }
      const nueva = { ...actual, [clave]: usar };
      archivo.escribir(nueva);
      antes ??= actual;
      actual = nueva;
      return usar;
    },
    transaccion: (tx) => {
      const envolver =
        <A extends unknown[], R>(fn: (...args: A) => R) =>
        (...args: A): R => {
          antes = null;
          try {
            const r = fn(...args);
            antes = null;
            return r;
          } catch (error) {
            if (antes !== null) {
              const previa = antes;
              antes = null;
              try {
                archivo.escribir(previa);
                actual = previa;
              } catch {
                // Left one ahead: the next start skips that number and says so (no repeat).
              }
            }
            throw error;
          }
        };
      return Object.assign(envolver(tx), {
        default: envolver(tx.default),
        deferred: envolver(tx.deferred),
        immediate: envolver(tx.immediate),
        exclusive: envolver(tx.exclusive),
      }) as typeof tx;
    },
  };
};

/**
 * Start-time wiring for `createApp`: reconciles the counters with the mark and returns the mark
 * for the sale services, with the administrator's notice of skipped numbers (or null).
 * @example const s = protegerSecuenciales(db, { backupDir, logger }); if (!s.ok) return s;
 */
export const protegerSecuenciales = (
  db: { file: string; sqlite: BetterSqlite3.Database },
  options: { backupDir: string; logger: Logger },
): Result<{ marca: MarcaSecuenciales | undefined; aviso: string | null }> => {
  if (db.file === ':memory:') return ok({ marca: undefined, aviso: null });
  try {
    const saltos = conciliarSecuenciales(db.sqlite, {
      databaseFile: db.file,
      backupDir: options.backupDir,
      logger: options.logger,
    });
    return ok({
      marca: createMarcaSecuenciales(db.sqlite, db.file, options.logger),
      aviso: avisoSaltos(saltos),
    });
  } catch (error) {
    const failure = classifySqliteError(error);
    return err(
      failure?.code ?? 'marca_secuenciales',
      `No se pudo verificar la numeración de los comprobantes (${archivoMarcaDe(db.file)}): ${
        failure?.message ?? (error instanceof Error ? error.message : String(error))
      }`,
    );
  }
};
