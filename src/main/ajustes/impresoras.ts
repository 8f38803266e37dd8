/**
 * Printers (the `printer` table) and the store logo: what the print queue reads when a RIDE or a
 * receipt goes out. A printer is checked with the print module's own rules before it is saved.
 */
import { asc, eq } from 'drizzle-orm';
import * as z from 'zod';
import type {
  Impresora,
  Impresoras,
  impresoraEntradaSchema,
  Logo,
} from '../../shared/contract/ajustes';
import { MAX_LOGO_BYTES } from '../../shared/contract/ajustes';
import { err, ok, type Result } from '../../shared/result';
import {
  type AppUser,
  appendAudit,
  type Database,
  deleteSetting,
  getSetting,
  type IdGenerator,
  schema,
  setSetting,
} from '../db';
import type { Clock } from '../log';
import {
  checkLogo,
  DEFAULT_PRINTER_PORT,
  PRINTER_PROFILE_IDS,
  PRINTER_PROFILES,
  type PrinterProfileId,
  printerFromRow,
} from '../print';

export type ImpresorasDeps = { db: Database; clock: Clock; ids: IdGenerator };

type PrinterRow = typeof schema.printer.$inferSelect;

const aVista = (row: PrinterRow): Impresora => ({
  id: row.id,
  nombre: row.name,
  tipo: row.kind,
  host: row.host,
  puerto: row.port,
  cola: row.queueName,
  // Rows are only written through `guardarImpresora`, which checks the profile.
  perfil: row.profile as PrinterProfileId,
  papel: row.paper,
  predeterminada: row.isDefault,
  abrirCajon: row.openDrawer,
});

const trabajosPendientes = (db: Database): number =>
  (
    db.sqlite
      .prepare(`SELECT count(*) AS n FROM print_job WHERE status IN ('pending', 'failed')`)
      .get() as { n: number }
  ).n;

/** @example listarImpresoras(db).impresoras[0]?.nombre // 'Caja 1' */
export const listarImpresoras = (db: Database): Impresoras => ({
  impresoras: db.orm
    .select()
    .from(schema.printer)
    .orderBy(asc(schema.printer.name))
    .all()
    .map(aVista),
  perfiles: PRINTER_PROFILE_IDS.map((id) => ({ id, nombre: PRINTER_PROFILES[id].nombre })),
  trabajosPendientes: trabajosPendientes(db),
});

/** The stored printer, for the test page. */
export const impresoraPorId = (db: Database, id: string): PrinterRow | undefined =>
  db.orm.select().from(schema.printer).where(eq(schema.printer.id, id)).get();

/** A thermal printer's roll must match its model: 80 mm or 58 mm, never A4. */
const papelTermico = (input: z.output<typeof impresoraEntradaSchema>): Result<void> => {
  if (input.papel === 'a4') {
    return err(
      'impresora_config',
      'Una impresora térmica ESC/POS imprime en rollo de 80 mm o 58 mm, no en A4.',
      'impresora.papel',
    );
  }
  const de58 = PRINTER_PROFILES[input.perfil].columns <= 32;
  if (de58 !== (input.papel === '58mm')) {
    return err(
      'impresora_config',
      `El modelo ${PRINTER_PROFILES[input.perfil].nombre} imprime en papel de ${de58 ? '58' : '80'} mm.`,
      'impresora.papel',
    );
  }
  return ok(undefined);
};

/** The row as the table stores it, from what the owner typed, or the Spanish reason it cannot be. */
const filaDe = (
  input: z.output<typeof impresoraEntradaSchema>,
  id: string,
): Result<Omit<PrinterRow, 'isDefault'>> => {
  const campo = (c: string) => `impresora.${c}`;
  if (input.tipo === 'escpos_tcp') {
    const host = input.host?.trim() ?? '';
    if (host === '') {
      return err(
        'impresora_config',
        'Escriba la dirección IP de la impresora, por ejemplo 192.168.1.50.',
        campo('host'),
      );
    }
    const papel = papelTermico(input);
    if (!papel.ok) return papel;
    return ok({
      id,
      name: input.nombre,
      kind: 'escpos_tcp',
      host,
      port: input.puerto ?? DEFAULT_PRINTER_PORT,
      queueName: null,
      profile: input.perfil,
      paper: input.papel,
      openDrawer: input.abrirCajon,
    });
  }
  const cola = input.cola?.trim() ?? '';
  if (cola === '') {
    return err(
      'impresora_config',
      'Elija la impresora del sistema (la cola, por ejemplo «EPSON_TM_T20III»).',
      campo('cola'),
    );
  }
  if (input.tipo === 'escpos_spooler') {
    const papel = papelTermico(input);
    if (!papel.ok) return papel;
    return ok({
      id,
      name: input.nombre,
      kind: 'escpos_spooler',
      host: null,
      port: null,
      queueName: cola,
      profile: input.perfil,
      paper: input.papel,
      // Raw ESC/POS: the drawer on the printer's RJ11 port opens with the receipt's pulse.
      openDrawer: input.abrirCajon,
    });
  }
  return ok({
    id,
    name: input.nombre,
    kind: 'pdf_spooler',
    host: null,
    port: null,
    queueName: cola,
    profile: input.perfil,
    paper: input.papel,
    // The OS spooler prints a PDF: no ESC/POS drawer kick reaches the printer that way.
    openDrawer: false,
  });
};

/**
 * Adds or changes a printer. The first printer becomes the default; making one the default
 * takes it from the others (one default, enforced by a unique index too).
 */
export const guardarImpresora = (
  deps: ImpresorasDeps,
  input: z.output<typeof impresoraEntradaSchema>,
  autorizadoPor: AppUser | null,
): Result<Impresoras> => {
  const { db, clock } = deps;
  const anterior = input.id === undefined ? undefined : impresoraPorId(db, input.id);
  if (input.id !== undefined && anterior === undefined) {
    return err('impresora_desconocida', 'La impresora ya no existe; vuelva a abrir la lista.');
  }
  const fila = filaDe(input, anterior?.id ?? deps.ids.newId());
  if (!fila.ok) return fila;
  // The print module's own check, so what is saved is what it can print to.
  const usable = printerFromRow(fila.value);
  if (!usable.ok) return err(usable.error.code, usable.error.message, 'impresora');
  const nombreRepetido = db.orm
    .select({ id: schema.printer.id, name: schema.printer.name })
    .from(schema.printer)
    .all()
    .some((p) => p.id !== fila.value.id && p.name.toLowerCase() === input.nombre.toLowerCase());
  if (nombreRepetido) {
    return err(
      'impresora_repetida',
      `Ya hay una impresora llamada «${input.nombre}».`,
      'impresora.nombre',
    );
  }
  db.sqlite.transaction(() => {
    const hayOtras = db.sqlite.prepare('SELECT 1 FROM printer WHERE id <> ?').get(fila.value.id);
    const predeterminada = input.predeterminada || hayOtras === undefined;
    if (predeterminada) {
      db.sqlite
        .prepare('UPDATE printer SET is_default = 0 WHERE is_default = 1 AND id <> ?')
        .run(fila.value.id);
    }
    const row = { ...fila.value, isDefault: predeterminada };
    db.orm
      .insert(schema.printer)
      .values(row)
      .onConflictDoUpdate({ target: schema.printer.id, set: row })
      .run();
    appendAudit(
      db,
      {
        userId: autorizadoPor?.id ?? null,
        action: anterior === undefined ? 'ajustes.impresora_agregada' : 'ajustes.impresora',
        detail: { antes: anterior === undefined ? null : { ...anterior }, despues: row },
      },
      clock,
    );
  })();
  return ok(listarImpresoras(db));
};

/**
 * Removes a printer. Its queued jobs lose their printer (ON DELETE SET NULL) and go to the
 * default one; when a single printer is left it becomes the default.
 */
export const eliminarImpresora = (
  deps: ImpresorasDeps,
  id: string,
  autorizadoPor: AppUser | null,
): Result<Impresoras> => {
  const { db, clock } = deps;
  const anterior = impresoraPorId(db, id);
  if (anterior === undefined) {
    return err('impresora_desconocida', 'La impresora ya no existe; vuelva a abrir la lista.');
  }
  db.sqlite.transaction(() => {
    db.orm.delete(schema.printer).where(eq(schema.printer.id, id)).run();
    const restantes = db.sqlite.prepare('SELECT id FROM printer').all() as { id: string }[];
    const unica = restantes.length === 1 ? restantes[0] : undefined;
    if (unica !== undefined) {
      db.sqlite.prepare('UPDATE printer SET is_default = 1 WHERE id = ?').run(unica.id);
    }
    appendAudit(
      db,
      {
        userId: autorizadoPor?.id ?? null,
        action: 'ajustes.impresora_eliminada',
        detail: { impresora: { ...anterior } },
      },
      clock,
    );
  })();
  return ok(listarImpresoras(db));
};

/** Where the logo lives in `settings`. */
export const LOGO_SETTING = 'ride.logo';

const logoGuardadoSchema = z.object({
  base64: z.string(),
  tipo: z.enum(['image/png', 'image/jpeg']),
  ancho: z.number().int(),
  alto: z.number().int(),
});

/**
 * The store logo for the RIDE, or null. A stored value that no longer reads as an image is
 * treated as no logo: a picture must never block a fiscal document.
 * @example createPrintQueue({ …, logo: () => leerLogo(db) })
 */
export const leerLogo = (db: Database): Uint8Array | null => {
  const guardado = getSetting(db, LOGO_SETTING, logoGuardadoSchema);
  if (!guardado.ok || guardado.value === undefined) return null;
  return new Uint8Array(Buffer.from(guardado.value.base64, 'base64'));
};

export const verLogo = (db: Database): Logo => {
  const guardado = getSetting(db, LOGO_SETTING, logoGuardadoSchema);
  if (!guardado.ok || guardado.value === undefined) {
    return { imagenBase64: null, tipo: null, ancho: null, alto: null };
  }
  const { base64, tipo, ancho, alto } = guardado.value;
  return { imagenBase64: base64, tipo, ancho, alto };
};

/** Saves the logo after checking it is a PNG or JPEG the RIDE can embed; null removes it. */
export const guardarLogo = (
  deps: ImpresorasDeps,
  imagenBase64: string | null,
  autorizadoPor: AppUser | null,
): Result<Logo> => {
  const { db, clock } = deps;
  if (imagenBase64 === null) {
    db.sqlite.transaction(() => {
      deleteSetting(db, LOGO_SETTING);
      appendAudit(
        db,
        { userId: autorizadoPor?.id ?? null, action: 'ajustes.logo', detail: { logo: null } },
        clock,
      );
    })();
    return ok(verLogo(db));
  }
  const bytes = Buffer.from(imagenBase64, 'base64');
  if (bytes.byteLength === 0) return err('logo_formato', 'La imagen está vacía.', 'imagenBase64');
  if (bytes.byteLength > MAX_LOGO_BYTES) {
    return err(
      'logo_grande',
      'El logo pesa más de 512 KB; use una imagen más pequeña.',
      'imagenBase64',
    );
  }
  const revisado = checkLogo(bytes);
  if (!revisado.ok) return err(revisado.error.code, revisado.error.message, 'imagenBase64');
  const tipo = bytes[0] === 0x89 ? 'image/png' : 'image/jpeg';
  db.sqlite.transaction(() => {
    setSetting(
      db,
      LOGO_SETTING,
      {
        base64: bytes.toString('base64'),
        tipo,
        ancho: revisado.value.width,
        alto: revisado.value.height,
      },
      clock,
    );
    appendAudit(
      db,
      {
        userId: autorizadoPor?.id ?? null,
        action: 'ajustes.logo',
        detail: {
          tipo,
          bytes: bytes.byteLength,
          ancho: revisado.value.width,
          alto: revisado.value.height,
        },
      },
      clock,
    );
  })();
  return ok(verLogo(db));
};
