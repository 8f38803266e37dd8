/**
 * The SQLite schema (docs/architecture.md §6). Conventions, so every table reads the same:
 * - money is INTEGER cents (`*_cents`); quantities and unit prices are INTEGER micro-units
 *   (`*_micro`, 6 decimals exact, docs/sri.md §4); tax rates are basis points (`tarifa_bp`, 15 % = 1500);
 * - ids are text UUIDs (v7, sortable by creation), except append-only logs (integer autoincrement);
 * - timestamps are ISO 8601 UTC text (`2024-05-01T17:00:00.000Z`), dates are `YYYY-MM-DD`;
 * - booleans are INTEGER 0/1 (`mode: 'boolean'`); JSON is text (`mode: 'json'`).
 * FTS5, immutability and append-only triggers cannot be expressed here: they live in the custom
 * migrations (`migrations/0001_*.sql`).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  blob,
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

/** Values the SRI defines (docs/sri.md §3–§5); kept here so the columns and the checks agree. */
export const COD_DOC = ['01', '04'] as const;
export const AMBIENTES = ['1', '2'] as const;
export const IVA_CODIGOS_PORCENTAJE = ['0', '2', '3', '4', '5', '6', '7', '8', '10'] as const;
export const TIPOS_IDENTIFICACION = ['04', '05', '06', '07', '08'] as const;
export const REGIMENES = ['RIMPE_EMPRENDEDOR', 'RIMPE_NEGOCIO_POPULAR'] as const;
export const UNIDADES = ['unidad', 'kg', 'g', 'litro', 'ml', 'metro', 'caja', 'paquete'] as const;
export const ROLES = ['cajero', 'supervisor', 'administrador'] as const;
export const STATUS_SOURCES = ['local', 'sri', 'usuario', 'sync'] as const;
export const OUTBOX_KINDS = ['sri', 'sync', 'email'] as const;
/** The buyer's copy by e-mail (issue 19): waiting, accepted by the server, refused by it. */
export const EMAIL_DELIVERY_STATUSES = ['pendiente', 'enviado', 'rechazado'] as const;
export const OUTBOX_STATUSES = ['pending', 'done', 'dead'] as const;
export const PRINT_KINDS = ['ride', 'z_report', 'test', 'reprint'] as const;
export const PRINT_FORMATS = ['80mm', '58mm', 'a4', 'escpos'] as const;
export const PRINT_STATUSES = ['pending', 'printing', 'done', 'failed'] as const;
/**
 * `escpos_tcp`: ESC/POS over TCP 9100; `escpos_spooler`: the same bytes raw through an OS queue
 * (CUPS `lp -o raw`, the Windows spooler); `pdf_spooler`: the RIDE as a PDF through an OS queue.
 */
export const PRINTER_KINDS = ['escpos_tcp', 'escpos_spooler', 'pdf_spooler'] as const;
export const PAPERS = ['80mm', '58mm', 'a4'] as const;
/** Why cash left or entered the drawer: by hand (caja.movimiento) or a credit note's refund. */
export const CASH_MOVEMENT_PURPOSES = ['manual', 'credit_note_refund'] as const;
export const UNLOCK_MODES = ['keychain', 'ask'] as const;
/** Tabla 24 of the ficha técnica; the XSD accepts 01–21. */
export const FORMAS_PAGO = [
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '20',
  '21',
] as const;

/** A random positive integer up to 2^52 (a safe JS integer and a valid SQLite rowid). */
export const newSearchRowid = (): number => Number(randomBytes(8).readBigUInt64BE() >> 12n) + 1;

const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);

/** Timestamps and remote ids shared by the tables the hosted API also knows. */
const syncedColumns = {
  remoteId: text('remote_id'),
  updatedAt: text('updated_at').notNull(),
};

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const issuer = sqliteTable(
  'issuer',
  {
    id: text('id').primaryKey(),
    ruc: text('ruc').notNull(),
    razonSocial: text('razon_social').notNull(),
    nombreComercial: text('nombre_comercial'),
    direccionMatriz: text('direccion_matriz').notNull(),
    obligadoContabilidad: integer('obligado_contabilidad', { mode: 'boolean' }).notNull(),
    contribuyenteEspecial: text('contribuyente_especial'),
    agenteRetencion: text('agente_retencion'),
    regimen: text('regimen', { enum: REGIMENES }),
    ambiente: text('ambiente', { enum: AMBIENTES }).notNull(),
    ...syncedColumns,
  },
  (t) => [
    uniqueIndex('issuer_ruc_unique').on(t.ruc),
    check('issuer_ruc_check', sql`length(ruc) = 13`),
    check('issuer_ambiente_check', inList('ambiente', AMBIENTES)),
    check('issuer_regimen_check', sql`regimen IS NULL OR ${inList('regimen', REGIMENES)}`),
  ],
);

export const establishment = sqliteTable(
  'establishment',
  {
    id: text('id').primaryKey(),
    issuerId: text('issuer_id')
      .notNull()
      .references(() => issuer.id),
    /** `estab`, 3 digits. */
    code: text('code').notNull(),
    address: text('address').notNull(),
    nombreComercial: text('nombre_comercial'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    ...syncedColumns,
  },
  (t) => [
    uniqueIndex('establishment_issuer_code_unique').on(t.issuerId, t.code),
    check('establishment_code_check', sql`code GLOB '[0-9][0-9][0-9]'`),
  ],
);

export const emissionPoint = sqliteTable(
  'emission_point',
  {
    id: text('id').primaryKey(),
    establishmentId: text('establishment_id')
      .notNull()
      .references(() => establishment.id),
    /** `ptoEmi`, 3 digits; one per terminal (docs/sri.md §8). */
    code: text('code').notNull(),
    description: text('description').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    ...syncedColumns,
  },
  (t) => [
    uniqueIndex('emission_point_establishment_code_unique').on(t.establishmentId, t.code),
    check('emission_point_code_check', sql`code GLOB '[0-9][0-9][0-9]'`),
  ],
);

/** Next `secuencial` per (estab, ptoEmi, codDoc), reserved inside the sale transaction. */
export const sequence = sqliteTable(
  'sequence',
  {
    emissionPointId: text('emission_point_id')
      .notNull()
      .references(() => emissionPoint.id),
    codDoc: text('cod_doc', { enum: COD_DOC }).notNull(),
    nextSecuencial: integer('next_secuencial').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.emissionPointId, t.codDoc] }),
    check('sequence_cod_doc_check', inList('cod_doc', COD_DOC)),
    // 9 digits in the clave de acceso (docs/sri.md §2).
    check('sequence_next_check', sql`next_secuencial BETWEEN 1 AND 999999999`),
  ],
);

export const product = sqliteTable(
  'product',
  {
    id: text('id').primaryKey(),
    /**
     * Stable integer key of the FTS5 index (`product_fts`). The implicit rowid cannot serve:
     * VACUUM may renumber it on tables without an INTEGER PRIMARY KEY, which would point the
     * index at the wrong products. A random 52-bit number (not MAX+1) so that multi-row
     * inserts work; the UNIQUE index turns the negligible collision chance into an error.
     */
    searchRowid: integer('search_rowid')
      .notNull()
      .$defaultFn(() => newSearchRowid()),
    /** `codigoPrincipal`. */
    code: text('code').notNull(),
    /** `codigoAuxiliar`. */
    auxCode: text('aux_code'),
    description: text('description').notNull(),
    unitPriceMicro: integer('unit_price_micro').notNull(),
    ivaCodigoPorcentaje: text('iva_codigo_porcentaje', { enum: IVA_CODIGOS_PORCENTAJE }).notNull(),
    unit: text('unit', { enum: UNIDADES }).notNull().default('unidad'),
    isWeighed: integer('is_weighed', { mode: 'boolean' }).notNull().default(false),
    /** Largest discount a cashier may give without a supervisor, in basis points. */
    maxDiscountBp: integer('max_discount_bp').notNull().default(0),
    /**
     * A tourism service (lodging, food, tours…): sold at IVA 8 % on the decreed holidays where
     * the store is (fiscal/feriadosTurismo.ts). Local only: Factio's catalogue has no such field.
     */
    servicioTuristico: integer('servicio_turistico', { mode: 'boolean' }).notNull().default(false),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    ...syncedColumns,
  },
  (t) => [
    uniqueIndex('product_search_rowid_unique').on(t.searchRowid),
    uniqueIndex('product_code_unique').on(t.code),
    index('product_remote_id_idx').on(t.remoteId),
    check('product_price_check', sql`unit_price_micro >= 0`),
    check('product_iva_check', inList('iva_codigo_porcentaje', IVA_CODIGOS_PORCENTAJE)),
    check('product_unit_check', inList('unit', UNIDADES)),
    check('product_discount_check', sql`max_discount_bp BETWEEN 0 AND 10000`),
  ],
);

export const productBarcode = sqliteTable(
  'product_barcode',
  {
    barcode: text('barcode').primaryKey(),
    productId: text('product_id')
      .notNull()
      .references(() => product.id, { onDelete: 'cascade' }),
  },
  (t) => [index('product_barcode_product_idx').on(t.productId)],
);

export const buyer = sqliteTable(
  'buyer',
  {
    id: text('id').primaryKey(),
    tipoIdentificacion: text('tipo_identificacion', { enum: TIPOS_IDENTIFICACION }).notNull(),
    identificacion: text('identificacion').notNull(),
    razonSocial: text('razon_social').notNull(),
    email: text('email'),
    telefono: text('telefono'),
    direccion: text('direccion'),
    ...syncedColumns,
  },
  (t) => [
    uniqueIndex('buyer_identificacion_unique').on(t.identificacion),
    index('buyer_razon_social_idx').on(t.razonSocial),
    check('buyer_tipo_check', inList('tipo_identificacion', TIPOS_IDENTIFICACION)),
  ],
);

export const appUser = sqliteTable(
  'app_user',
  {
    id: text('id').primaryKey(),
    nombre: text('nombre').notNull(),
    rol: text('rol', { enum: ROLES }).notNull(),
    /** `scrypt$N$r$p$salt$hash` (see `pin.ts`); never the PIN itself. */
    pinHash: text('pin_hash').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull(),
  },
  () => [check('app_user_rol_check', inList('rol', ROLES))],
);

export const cashShift = sqliteTable(
  'cash_shift',
  {
    id: text('id').primaryKey(),
    emissionPointId: text('emission_point_id')
      .notNull()
      .references(() => emissionPoint.id),
    openedBy: text('opened_by')
      .notNull()
      .references(() => appUser.id),
    openedAt: text('opened_at').notNull(),
    openingFloatCents: integer('opening_float_cents').notNull(),
    closedBy: text('closed_by').references(() => appUser.id),
    closedAt: text('closed_at'),
    countedCents: integer('counted_cents'),
    expectedCents: integer('expected_cents'),
    /** Counted cash by denomination: `{ "2000": 3, "100": 7 }` (face value in cents → count). */
    denominations: text('denominations', { mode: 'json' }),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
  },
  (t) => [
    index('cash_shift_point_status_idx').on(t.emissionPointId, t.status),
    // One open shift per emission point (one ptoEmi per terminal).
    uniqueIndex('cash_shift_one_open_per_point').on(t.emissionPointId).where(sql`status = 'open'`),
    check('cash_shift_status_check', sql`status IN ('open', 'closed')`),
    check(
      'cash_shift_closed_check',
      sql`status = 'open' OR (closed_at IS NOT NULL AND counted_cents IS NOT NULL)`,
    ),
  ],
);

export const cashMovement = sqliteTable(
  'cash_movement',
  {
    id: text('id').primaryKey(),
    // A shift is never deleted (it backs the Z report): no cascade.
    shiftId: text('shift_id')
      .notNull()
      .references(() => cashShift.id),
    kind: text('kind', { enum: ['in', 'out'] }).notNull(),
    amountCents: integer('amount_cents').notNull(),
    reason: text('reason').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => appUser.id),
    at: text('at').notNull(),
    /**
     * A credit note's cash refund is counted from the note's payment in the Z report, so its
     * movement must be told apart by this, never by the wording of `reason`.
     */
    purpose: text('purpose', { enum: CASH_MOVEMENT_PURPOSES }).notNull().default('manual'),
    /** The credit note a refund paid out (purpose `credit_note_refund`). */
    creditNoteId: text('credit_note_id').references(() => document.id),
  },
  (t) => [
    index('cash_movement_shift_idx').on(t.shiftId),
    check('cash_movement_kind_check', sql`kind IN ('in', 'out')`),
    check('cash_movement_amount_check', sql`amount_cents > 0`),
    check('cash_movement_purpose_check', inList('purpose', CASH_MOVEMENT_PURPOSES)),
  ],
);

export const sale = sqliteTable(
  'sale',
  {
    id: text('id').primaryKey(),
    emissionPointId: text('emission_point_id')
      .notNull()
      .references(() => emissionPoint.id),
    shiftId: text('shift_id').references(() => cashShift.id),
    userId: text('user_id').references(() => appUser.id),
    createdAt: text('created_at').notNull(),
    totalCents: integer('total_cents').notNull(),
    changeCents: integer('change_cents').notNull().default(0),
  },
  (t) => [index('sale_shift_idx').on(t.shiftId), index('sale_created_at_idx').on(t.createdAt)],
);

/**
 * One SRI document (factura or nota de crédito). The fiscal fields and `signed_xml` are
 * immutable once inserted, and documents are never deleted (triggers in the custom migration);
 * only the status columns move, and every move is a `document_status_history` row.
 */
export const document = sqliteTable(
  'document',
  {
    id: text('id').primaryKey(),
    saleId: text('sale_id').references(() => sale.id),
    codDoc: text('cod_doc', { enum: COD_DOC }).notNull(),
    /** Version of the comprobante (`1.1.0`). */
    version: text('version').notNull(),
    ambiente: text('ambiente', { enum: AMBIENTES }).notNull(),
    emissionPointId: text('emission_point_id')
      .notNull()
      .references(() => emissionPoint.id),
    /** `estab` and `ptoEmi` as emitted: a fiscal fact, kept even if the configuration changes. */
    estab: text('estab').notNull(),
    ptoEmi: text('pto_emi').notNull(),
    secuencial: integer('secuencial').notNull(),
    claveAcceso: text('clave_acceso').notNull(),
    fechaEmision: text('fecha_emision').notNull(),
    buyerTipo: text('buyer_tipo', { enum: TIPOS_IDENTIFICACION }).notNull(),
    buyerIdentificacion: text('buyer_identificacion').notNull(),
    buyerRazonSocial: text('buyer_razon_social').notNull(),
    buyerEmail: text('buyer_email'),
    buyerDireccion: text('buyer_direccion'),
    buyerTelefono: text('buyer_telefono'),
    /** `totalSinImpuestos`. */
    subtotalCents: integer('subtotal_cents').notNull(),
    /** `totalDescuento`. */
    descuentoCents: integer('descuento_cents').notNull(),
    ivaCents: integer('iva_cents').notNull(),
    propinaCents: integer('propina_cents').notNull().default(0),
    /** `importeTotal` (factura) or `valorModificacion` (nota de crédito). */
    totalCents: integer('total_cents').notNull(),
    status: text('status').notNull(),
    signedXml: text('signed_xml').notNull(),
    /** Nota de crédito: the factura it modifies, when it is in this database. */
    modifiedDocumentId: text('modified_document_id').references((): AnySQLiteColumn => document.id),
    /** Nota de crédito: `numDocModificado` (`001-001-000000012`) and its `fechaEmisionDocSustento`. */
    numDocModificado: text('num_doc_modificado'),
    fechaEmisionDocSustento: text('fecha_emision_doc_sustento'),
    motivo: text('motivo'),
    numeroAutorizacion: text('numero_autorizacion'),
    fechaAutorizacion: text('fecha_autorizacion'),
    authorizationXml: text('authorization_xml'),
    lastSriMessage: text('last_sri_message'),
    remoteId: text('remote_id'),
    /**
     * Who emitted it at the counter (the cashier of the sale, or of the return), for the reports
     * by cashier; null when unknown. No foreign key: adding one would rebuild this table.
     */
    userId: text('user_id'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('document_clave_acceso_unique').on(t.claveAcceso),
    uniqueIndex('document_numbering_unique').on(t.emissionPointId, t.codDoc, t.secuencial),
    // Conciliación filters over ~1M rows (docs/architecture.md §12): each filter's index ends in
    // (fecha_emision, id), the list's keyset order, so a page is read in order and never sorted.
    index('document_fecha_status_idx').on(t.fechaEmision, t.status),
    index('document_fecha_id_idx').on(t.fechaEmision, t.id),
    // Covers the point and type filters too: a rare status combined with them is filtered
    // inside the index, with no row lookups until the page is known.
    index('document_status_fecha_idx').on(
      t.status,
      t.fechaEmision,
      t.id,
      t.emissionPointId,
      t.codDoc,
    ),
    index('document_point_fecha_id_idx').on(t.emissionPointId, t.fechaEmision, t.id),
    index('document_buyer_fecha_idx').on(t.buyerIdentificacion, t.fechaEmision, t.id),
    index('document_cod_doc_fecha_id_idx').on(t.codDoc, t.fechaEmision, t.id),
    index('document_sale_idx').on(t.saleId),
    index('document_modified_idx').on(t.modifiedDocumentId),
    check('document_cod_doc_check', inList('cod_doc', COD_DOC)),
    check('document_ambiente_check', inList('ambiente', AMBIENTES)),
    check('document_clave_check', sql`length(clave_acceso) = 49`),
    check('document_secuencial_check', sql`secuencial BETWEEN 1 AND 999999999`),
    check(
      'document_nc_check',
      sql`cod_doc <> '04' OR (num_doc_modificado IS NOT NULL AND motivo IS NOT NULL)`,
    ),
  ],
);

export const documentLine = sqliteTable(
  'document_line',
  {
    id: text('id').primaryKey(),
    documentId: text('document_id')
      .notNull()
      .references(() => document.id, { onDelete: 'cascade' }),
    lineNumber: integer('line_number').notNull(),
    // No action on delete: a product that was sold is deactivated, never deleted.
    productId: text('product_id').references(() => product.id),
    codigoPrincipal: text('codigo_principal').notNull(),
    codigoAuxiliar: text('codigo_auxiliar'),
    descripcion: text('descripcion').notNull(),
    unidadMedida: text('unidad_medida'),
    cantidadMicro: integer('cantidad_micro').notNull(),
    precioUnitarioMicro: integer('precio_unitario_micro').notNull(),
    descuentoCents: integer('descuento_cents').notNull(),
    /** `precioTotalSinImpuesto`. */
    subtotalCents: integer('subtotal_cents').notNull(),
    ivaCodigoPorcentaje: text('iva_codigo_porcentaje', { enum: IVA_CODIGOS_PORCENTAJE }).notNull(),
    tarifaBp: integer('tarifa_bp').notNull(),
    ivaCents: integer('iva_cents').notNull(),
  },
  (t) => [
    uniqueIndex('document_line_number_unique').on(t.documentId, t.lineNumber),
    index('document_line_product_idx').on(t.productId),
  ],
);

export const documentTax = sqliteTable(
  'document_tax',
  {
    documentId: text('document_id')
      .notNull()
      .references(() => document.id, { onDelete: 'cascade' }),
    codigo: text('codigo').notNull(),
    codigoPorcentaje: text('codigo_porcentaje').notNull(),
    baseCents: integer('base_cents').notNull(),
    tarifaBp: integer('tarifa_bp').notNull(),
    valorCents: integer('valor_cents').notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.codigo, t.codigoPorcentaje] })],
);

export const documentPayment = sqliteTable(
  'document_payment',
  {
    id: text('id').primaryKey(),
    documentId: text('document_id')
      .notNull()
      .references(() => document.id, { onDelete: 'cascade' }),
    formaPago: text('forma_pago', { enum: FORMAS_PAGO }).notNull(),
    totalCents: integer('total_cents').notNull(),
    /** Cash handed over (≥ total); the change is on the sale. */
    tenderedCents: integer('tendered_cents'),
    plazo: integer('plazo'),
    unidadTiempo: text('unidad_tiempo'),
  },
  (t) => [
    index('document_payment_document_idx').on(t.documentId),
    check('document_payment_forma_check', inList('forma_pago', FORMAS_PAGO)),
    check('document_payment_total_check', sql`total_cents >= 0`),
  ],
);

/** Append-only (triggers refuse UPDATE and DELETE). */
export const documentStatusHistory = sqliteTable(
  'document_status_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    documentId: text('document_id')
      .notNull()
      .references(() => document.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    at: text('at').notNull(),
    source: text('source', { enum: STATUS_SOURCES }).notNull(),
    /** The SRI `mensajes` of that answer, as returned. */
    sriMessages: text('sri_messages', { mode: 'json' }),
    detail: text('detail'),
    userId: text('user_id').references(() => appUser.id),
  },
  (t) => [
    index('document_status_history_document_idx').on(t.documentId, t.id),
    check('document_status_history_source_check', inList('source', STATUS_SOURCES)),
  ],
);

export const outboxJob = sqliteTable(
  'outbox_job',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: OUTBOX_KINDS }).notNull(),
    documentId: text('document_id')
      .notNull()
      .references(() => document.id),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    /** Lease: a worker owns the job until then (docs/architecture.md §5). */
    lockedUntil: text('locked_until'),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull(),
    doneAt: text('done_at'),
    /** What a kind needs beyond the document, as JSON (the e-mail's recipient); null for most. */
    payload: text('payload'),
  },
  (t) => [
    index('outbox_job_status_next_idx').on(t.status, t.nextAttemptAt),
    uniqueIndex('outbox_job_kind_document_unique').on(t.kind, t.documentId),
    index('outbox_job_document_idx').on(t.documentId),
    check('outbox_job_kind_check', inList('kind', OUTBOX_KINDS)),
    check('outbox_job_status_check', inList('status', OUTBOX_STATUSES)),
  ],
);

/**
 * The buyer's copy of each authorized document by e-mail: one row per document, written with its
 * `email` job. `message_id` is recorded before the message leaves, so a resend after an unknown
 * outcome carries the same Message-ID and the buyer's mail client can drop the duplicate.
 */
export const emailDelivery = sqliteTable(
  'email_delivery',
  {
    documentId: text('document_id')
      .primaryKey()
      .references(() => document.id),
    recipient: text('recipient').notNull(),
    status: text('status', { enum: EMAIL_DELIVERY_STATUSES }).notNull().default('pendiente'),
    messageId: text('message_id'),
    sentAt: text('sent_at'),
    /** The server's refusal, as it said it (rechazado). */
    error: text('error'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('email_delivery_status_idx').on(t.status),
    check('email_delivery_status_check', inList('status', EMAIL_DELIVERY_STATUSES)),
  ],
);

export const printer = sqliteTable(
  'printer',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind', { enum: PRINTER_KINDS }).notNull(),
    host: text('host'),
    port: integer('port'),
    queueName: text('queue_name'),
    /** ESC/POS profile (code page, columns), as the print module names it. */
    profile: text('profile').notNull(),
    paper: text('paper', { enum: PAPERS }).notNull(),
    isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
    openDrawer: integer('open_drawer', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    uniqueIndex('printer_one_default').on(t.isDefault).where(sql`is_default = 1`),
    check('printer_kind_check', inList('kind', PRINTER_KINDS)),
    check('printer_paper_check', inList('paper', PAPERS)),
    check(
      'printer_target_check',
      sql`(kind = 'escpos_tcp' AND host IS NOT NULL AND port IS NOT NULL) OR (kind IN ('escpos_spooler', 'pdf_spooler') AND queue_name IS NOT NULL)`,
    ),
  ],
);

export const printJob = sqliteTable(
  'print_job',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    documentId: text('document_id').references(() => document.id),
    kind: text('kind', { enum: PRINT_KINDS }).notNull(),
    printerId: text('printer_id').references(() => printer.id, { onDelete: 'set null' }),
    format: text('format', { enum: PRINT_FORMATS }).notNull(),
    /** What to print when it is not a document (e.g. the Z report of a shift). */
    payload: text('payload', { mode: 'json' }),
    status: text('status', { enum: PRINT_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull(),
    printedAt: text('printed_at'),
    /**
     * Done without a printer: kept as a PDF file in the data folder (a fresh install, the demo).
     * «Impreso» is said only when this is false (docs/architecture.md §10).
     */
    savedAsPdf: integer('saved_as_pdf', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('print_job_status_next_idx').on(t.status, t.nextAttemptAt),
    index('print_job_document_idx').on(t.documentId),
    check('print_job_kind_check', inList('kind', PRINT_KINDS)),
    check('print_job_format_check', inList('format', PRINT_FORMATS)),
    check('print_job_status_check', inList('status', PRINT_STATUSES)),
  ],
);

/** The signing p12, encrypted with AES-256-GCM (docs/architecture.md §7); the key lives in the keychain. */
export const certificate = sqliteTable(
  'certificate',
  {
    id: text('id').primaryKey(),
    ciphertext: blob('ciphertext', { mode: 'buffer' }).notNull(),
    iv: blob('iv', { mode: 'buffer' }).notNull(),
    authTag: blob('auth_tag', { mode: 'buffer' }).notNull(),
    /** Subject, RUC, issuer, validity: what the renderer may see. */
    summary: text('summary', { mode: 'json' }).notNull(),
    keychainAccount: text('keychain_account').notNull(),
    unlockMode: text('unlock_mode', { enum: UNLOCK_MODES }).notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('certificate_one_active').on(t.active).where(sql`active = 1`),
    check('certificate_unlock_check', inList('unlock_mode', UNLOCK_MODES)),
  ],
);

/** Append-only (triggers refuse UPDATE and DELETE). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    userId: text('user_id').references(() => appUser.id),
    action: text('action').notNull(),
    detail: text('detail', { mode: 'json' }).notNull(),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_action_idx').on(t.action, t.at)],
);

export const syncState = sqliteTable('sync_state', {
  resource: text('resource').primaryKey(),
  cursor: text('cursor'),
  lastSyncedAt: text('last_synced_at'),
  lastError: text('last_error'),
});
