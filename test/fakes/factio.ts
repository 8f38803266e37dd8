/**
 * A fake Factio API on 127.0.0.1:0, written from the seed contract (`test/fixtures/factio/post-documents.txt`)
 * and the assumptions of `docs/hosted-api.md`, independently of the client's schemas so that a
 * mapping mistake in the client fails here. It checks `x-api-key`, validates request bodies
 * with zod, stores documents by idempotency key (a repeated key answers 409), serves the
 * catalogue and buyers paginated from a mutable dataset, and injects faults on demand: any
 * status (401, 409, 422, 429 with Retry-After, 500), a malformed body, a hang, or "store the
 * document and drop the connection" (the answer is lost, the document is not).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { z } from 'zod';

const STATUSES = [
  'DRAFT',
  'VALIDATED',
  'NUMBER_RESERVED',
  'XML_GENERATED',
  'SIGNED',
  'RECEPTION_PENDING',
  'SUBMITTED_TO_SRI',
  'RECEIVED_BY_SRI',
  'AUTHORIZATION_PENDING',
  'AUTHORIZED',
  'REJECTED',
  'RECEPTION_RETRY_SCHEDULED',
  'AUTHORIZATION_RETRY_SCHEDULED',
  'RECEPTION_UNKNOWN',
  'AUTHORIZATION_UNKNOWN',
  'MANUAL_REVIEW_REQUIRED',
  'FAILED_PERMANENT',
  'CANCELLATION_REQUESTED',
  'CANCELLED',
  'VOIDED_BY_NC',
] as const;

/** `Decimal` fields of the seed: a JSON number or a decimal string, `x >= 0`. */
const amount = z.union([
  z.number().nonnegative(),
  z.string().regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal'),
]);
const nullableText = (max: number) => z.string().max(max).nullish();

/** POST /documents as the seed documents it, plus the POS extension of docs/hosted-api.md. */
export const seedDocumentSchema = z
  .strictObject({
    issuer_id: z.uuid(),
    establishment_id: z.uuid(),
    emission_point_id: z.uuid(),
    document_type: z.enum(['01', '04', '05', '06', '07']),
    issue_date: z.iso.date(),
    subtotal: amount,
    total_tax: amount,
    total: amount,
    lines: z
      .array(
        z.strictObject({
          line_number: z.number().int().min(1),
          description: z.string().min(1),
          quantity: amount,
          unit_price: amount,
          subtotal: amount.optional(),
          tax_rate_code: z.string(),
          main_code: z.string().nullish(),
          aux_code: z.string().nullish(),
          discount: amount.default('0.00'),
          tax_code: z.string().default('2'),
        }),
      )
      .min(1),
    taxes: z
      .array(
        z.strictObject({
          tax_code: z.string(),
          tax_rate_code: z.string(),
          taxable_base: amount,
          rate: z.number(),
          tax_amount: amount,
        }),
      )
      .min(1),
    numeric_code: z.string().regex(/^\d{8}$/),
    total_discount: amount.default('0.00'),
    buyer_id_type: nullableText(10),
    buyer_id: nullableText(20),
    buyer_name: nullableText(300),
    buyer_email: nullableText(255),
    buyer_address: nullableText(500),
    modified_document_id: z.uuid().nullish(),
    modified_document_type: nullableText(2),
    modified_document_number: nullableText(20),
    modified_document_issue_date: z.iso.date().nullish(),
    reason: nullableText(500),
    idempotency_key: nullableText(255),
    payments: z
      .array(
        z.strictObject({
          line_number: z.number().int().min(1),
          payment_method_code: z.string(),
          total: amount,
          term: z.number().optional(),
          time_unit: z.string().optional(),
        }),
      )
      .optional(),
    origin: z.literal('pos').optional(),
    tip: amount.optional(),
    environment: z.enum(['1', '2']).optional(),
    sequential: z
      .string()
      .regex(/^\d{9}$/)
      .optional(),
    access_key: z
      .string()
      .regex(/^\d{49}$/)
      .optional(),
    signed_xml: z.string().min(1).optional(),
    status: z.enum(STATUSES).optional(),
    authorization_number: z.string().max(49).nullish(),
    authorization_date: z.iso.datetime({ offset: true }).nullish(),
  })
  .superRefine((doc, ctx) => {
    if (doc.origin === 'pos') {
      for (const field of ['sequential', 'access_key', 'signed_xml', 'status'] as const) {
        if (doc[field] === undefined) {
          ctx.addIssue({ code: 'custom', path: [field], message: 'required when origin is pos' });
        }
      }
    }
    // "Total amount (subtotal - discount + tax)".
    const cents = (v: number | string): number => Math.round(Number(v) * 100);
    if (
      cents(doc.subtotal) -
        cents(doc.total_discount) +
        cents(doc.total_tax) +
        cents(doc.tip ?? 0) !==
      cents(doc.total)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['total'],
        message: 'total != subtotal - discount + tax',
      });
    }
  });
export type SeedDocument = z.infer<typeof seedDocumentSchema>;

const statusPatchSchema = z.strictObject({
  status: z.enum(STATUSES),
  authorization_number: z.string().max(49).nullable(),
  authorization_date: z.iso.datetime({ offset: true }).nullable(),
  detail: z.string().max(1000).nullable(),
});

export type StoredDocument = {
  id: string;
  idempotencyKey: string;
  body: SeedDocument;
  status: (typeof STATUSES)[number];
  /** Every status it was given, POST first then each PATCH. */
  statusHistory: string[];
  authorizationNumber: string | null;
  createdAt: string;
};

export type Fault =
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'malformed'; body?: string }
  | { kind: 'hang' }
  /** POST /documents only: store the document, then cut the connection without answering. */
  | { kind: 'store_then_drop' };

type FaultRule = {
  method?: string;
  /** Matched against the path without the query. */
  path?: RegExp;
  fault: Fault;
  remaining: number;
};

export type FakeRecord = Record<string, unknown> & { id: string; updated_at: string };

export type FakeFactio = {
  url: string;
  /** Keys the fake accepts. */
  apiKeys: Set<string>;
  issuers: Map<string, FakeRecord>;
  establishments: Map<string, FakeRecord>;
  emissionPoints: Map<string, FakeRecord>;
  products: Map<string, FakeRecord>;
  buyers: Map<string, FakeRecord>;
  /** What the "SRI cache" and "live SRI" steps of the buyer look-up know. */
  sriBuyers: Map<string, Record<string, unknown>>;
  documents: Map<string, StoredDocument>;
  /** Every request: method, path, status answered (null when hung or dropped). */
  requests: { method: string; path: string; status: number | null }[];
  /** POST /documents that created a document (not 409s). */
  created: () => number;
  /**
   * «Resend Document Email» calls answered 202: the document and the address it went to (the
   * override, else the buyer's e-mail of the document).
   */
  correosReenviados: { documentId: string; email: string | null }[];
  /** Faults consumed in order of injection for matching requests. */
  inject: (rule: { method?: string; path?: RegExp; fault: Fault; times?: number }) => void;
  /** Delay before answering POST /documents (lets a test kill the client mid-sync). */
  documentLatencyMs: number;
  /** A fresh `updated_at`, strictly increasing. */
  stamp: () => string;
  /** Adds or replaces a record, stamping it as updated now. */
  put: (
    collection: 'issuers' | 'establishments' | 'emissionPoints' | 'products' | 'buyers',
    record: Record<string, unknown> & { id?: string },
  ) => FakeRecord;
  close: () => Promise<void>;
};

const json = (res: ServerResponse, status: number, body: unknown, headers = {}): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
};

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the fake.
 * @example const factio = await startFakeFactio({ apiKeys: ['clave-buena'] }); factio.url
 */
export const startFakeFactio = async (
  options: { apiKeys?: string[]; maxPageSize?: number } = {},
): Promise<FakeFactio> => {
  const maxPageSize = options.maxPageSize ?? 500;
  const faults: FaultRule[] = [];
  const sockets = new Set<Socket>();
  let lastStamp = 0;
  let created = 0;

  const fake: FakeFactio = {
    url: '',
    apiKeys: new Set(options.apiKeys ?? []),
    issuers: new Map(),
    establishments: new Map(),
    emissionPoints: new Map(),
    products: new Map(),
    buyers: new Map(),
    sriBuyers: new Map(),
    documents: new Map(),
    requests: [],
    created: () => created,
    correosReenviados: [],
    documentLatencyMs: 0,
    inject: ({ method, path, fault, times }) => {
      faults.push({
        ...(method === undefined ? {} : { method }),
        ...(path === undefined ? {} : { path }),
        fault,
        remaining: times ?? 1,
      });
    },
    stamp: () => {
      lastStamp = Math.max(Date.now(), lastStamp + 1);
      return new Date(lastStamp).toISOString();
    },
    put: (collection, record) => {
      const full = { ...record, id: record.id ?? randomUUID(), updated_at: fake.stamp() };
      fake[collection].set(full.id, full);
      sorted.delete(fake[collection]);
      return full;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  // Sorted views per collection, rebuilt after a put: the fake shares the test's event loop, so
  // sorting 20,000 records per request would be charged to the app under test.
  const sorted = new Map<Map<string, FakeRecord>, FakeRecord[]>();
  const byUpdate = (collection: Map<string, FakeRecord>): FakeRecord[] => {
    let rows = sorted.get(collection);
    if (rows === undefined) {
      rows = [...collection.values()].sort((a, b) =>
        a.updated_at === b.updated_at
          ? a.id.localeCompare(b.id)
          : a.updated_at < b.updated_at
            ? -1
            : 1,
      );
      sorted.set(collection, rows);
    }
    return rows;
  };

  const takeFault = (method: string, path: string): Fault | null => {
    const index = faults.findIndex(
      (f) =>
        f.remaining > 0 &&
        (f.method === undefined || f.method === method) &&
        (f.path === undefined || f.path.test(path)),
    );
    if (index < 0) return null;
    const rule = faults[index];
    if (rule === undefined) return null;
    rule.remaining -= 1;
    if (rule.remaining <= 0) faults.splice(index, 1);
    return rule.fault;
  };

  const page = (
    res: ServerResponse,
    url: URL,
    collection: Map<string, FakeRecord>,
    filter: (r: FakeRecord) => boolean = () => true,
  ): number => {
    const since = url.searchParams.get('updated_since');
    const includeArchived = url.searchParams.get('include_archived') === 'true';
    const number = Math.max(1, Number(url.searchParams.get('page') ?? '1') || 1);
    const size = Math.min(
      maxPageSize,
      Math.max(1, Number(url.searchParams.get('page_size') ?? '50') || 50),
    );
    const all = byUpdate(collection);
    // First record with updated_at >= since (the list is sorted by updated_at).
    let lo = 0;
    let hi = all.length;
    while (since !== null && lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((all[mid]?.updated_at ?? '') < since) lo = mid + 1;
      else hi = mid;
    }
    const rows = all
      .slice(lo)
      .filter(filter)
      .filter((r) => includeArchived || r.is_active !== false);
    json(res, 200, {
      items: rows.slice((number - 1) * size, number * size),
      total: rows.length,
      page: number,
      page_size: size,
    });
    return 200;
  };

  const documentView = (d: StoredDocument) => ({
    id: d.id,
    status: d.status,
    access_key: d.body.access_key ?? null,
    idempotency_key: d.idempotencyKey,
    issue_date: d.body.issue_date,
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<number | null> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const rawBody = method === 'GET' ? '' : await readBody(req);

    if (path === '/health') {
      json(res, 200, { status: 'ok' });
      return 200;
    }

    const fault = takeFault(method, path);
    if (fault !== null) {
      switch (fault.kind) {
        case 'status':
          json(res, fault.status, fault.body ?? { detail: `fault ${fault.status}` }, fault.headers);
          return fault.status;
        case 'malformed':
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(fault.body ?? '{"items": "no es una lista", "total": -1}');
          return 200;
        case 'hang':
          // Never answer; the socket is destroyed on close().
          return null;
        case 'store_then_drop':
          break;
      }
    }

    const key = req.headers['x-api-key'];
    if (typeof key !== 'string' || !fake.apiKeys.has(key)) {
      json(res, 401, { detail: 'Invalid API key' });
      return 401;
    }

    if (method === 'GET' && path === '/issuers') return page(res, url, fake.issuers);
    let m = /^\/issuers\/([^/]+)\/establishments$/.exec(path);
    if (method === 'GET' && m) {
      const issuerId = m[1];
      return page(res, url, fake.establishments, (r) => r.issuer_id === issuerId);
    }
    m = /^\/establishments\/([^/]+)\/emission-points$/.exec(path);
    if (method === 'GET' && m) {
      const establishmentId = m[1];
      return page(res, url, fake.emissionPoints, (r) => r.establishment_id === establishmentId);
    }
    if (method === 'GET' && path === '/products') return page(res, url, fake.products);
    if (method === 'GET' && path === '/buyers/lookup') {
      const id = url.searchParams.get('identification') ?? '';
      const tenant = [...fake.buyers.values()].find((b) => b.identification === id);
      if (tenant !== undefined) {
        json(res, 200, { source: 'tenant', buyer: tenant });
        return 200;
      }
      const sri = fake.sriBuyers.get(id);
      if (sri !== undefined) {
        json(res, 200, { source: 'sri', buyer: sri });
        return 200;
      }
      json(res, 404, { detail: 'Buyer not found' });
      return 404;
    }
    if (method === 'GET' && path === '/buyers') return page(res, url, fake.buyers);

    if (method === 'POST' && path === '/documents') {
      let parsedJson: unknown;
      try {
        parsedJson = JSON.parse(rawBody);
      } catch {
        json(res, 422, { detail: 'Body is not JSON' });
        return 422;
      }
      const parsed = seedDocumentSchema.safeParse(parsedJson);
      if (!parsed.success) {
        json(res, 422, {
          detail: parsed.error.issues.map((i) => ({ loc: ['body', ...i.path], msg: i.message })),
        });
        return 422;
      }
      const body = parsed.data;
      const idempotencyKey = body.idempotency_key ?? randomUUID();
      const existing = fake.documents.get(idempotencyKey);
      if (existing !== undefined) {
        json(res, 409, {
          detail: 'A document with this idempotency_key already exists',
          code: 'duplicate_idempotency_key',
          document_id: existing.id,
        });
        return 409;
      }
      const status = body.status ?? 'SIGNED';
      const stored: StoredDocument = {
        id: randomUUID(),
        idempotencyKey,
        body,
        status,
        statusHistory: [status],
        authorizationNumber: body.authorization_number ?? null,
        createdAt: new Date().toISOString(),
      };
      fake.documents.set(idempotencyKey, stored);
      created += 1;
      if (fault?.kind === 'store_then_drop') {
        req.socket.destroy();
        return null;
      }
      if (fake.documentLatencyMs > 0) await sleep(fake.documentLatencyMs);
      json(res, 202, {
        document_id: stored.id,
        status: stored.status,
        access_key: body.access_key ?? '',
      });
      return 202;
    }

    if (method === 'GET' && path === '/documents') {
      const key = url.searchParams.get('idempotency_key');
      const from = url.searchParams.get('issue_date_from');
      const to = url.searchParams.get('issue_date_to');
      const rows = [...fake.documents.values()]
        .filter((d) => key === null || d.idempotencyKey === key)
        .filter((d) => from === null || d.body.issue_date >= from)
        .filter((d) => to === null || d.body.issue_date <= to)
        .filter(
          (d) =>
            url.searchParams.get('origin') === null ||
            d.body.origin === url.searchParams.get('origin'),
        );
      const size = Math.min(maxPageSize, Number(url.searchParams.get('page_size') ?? '50') || 50);
      const number = Math.max(1, Number(url.searchParams.get('page') ?? '1') || 1);
      json(res, 200, {
        items: rows.slice((number - 1) * size, number * size).map(documentView),
        total: rows.length,
        page: number,
        page_size: size,
      });
      return 200;
    }

    // «Resend Document Email» (assumption, docs/hosted-api.md §5): only an authorized document;
    // an optional `email` overrides the buyer's address.
    m = /^\/documents\/([^/]+)\/resend-email$/.exec(path);
    if (method === 'POST' && m) {
      const doc = [...fake.documents.values()].find((d) => d.id === m?.[1]);
      if (doc === undefined) {
        json(res, 404, { detail: 'Document not found' });
        return 404;
      }
      if (doc.status !== 'AUTHORIZED') {
        json(res, 409, { detail: `Document is ${doc.status}, not AUTHORIZED` });
        return 409;
      }
      let parsedJson: unknown = {};
      try {
        parsedJson = rawBody.trim() === '' ? {} : JSON.parse(rawBody);
      } catch {
        json(res, 422, { detail: 'Body is not JSON' });
        return 422;
      }
      const parsed = z.strictObject({ email: z.email().optional() }).safeParse(parsedJson);
      if (!parsed.success) {
        json(res, 422, {
          detail: parsed.error.issues.map((i) => ({ loc: ['body', ...i.path], msg: i.message })),
        });
        return 422;
      }
      const email = parsed.data.email ?? doc.body.buyer_email ?? null;
      if (email === null) {
        json(res, 422, { detail: 'The document has no buyer e-mail; send an override address' });
        return 422;
      }
      fake.correosReenviados.push({ documentId: doc.id, email });
      json(res, 202, { document_id: doc.id, email, status: 'QUEUED' });
      return 202;
    }

    m = /^\/documents\/([^/]+)\/status$/.exec(path);
    if (method === 'PATCH' && m) {
      const doc = [...fake.documents.values()].find((d) => d.id === m?.[1]);
      if (doc === undefined) {
        json(res, 404, { detail: 'Document not found' });
        return 404;
      }
      let parsedJson: unknown;
      try {
        parsedJson = JSON.parse(rawBody);
      } catch {
        json(res, 422, { detail: 'Body is not JSON' });
        return 422;
      }
      const parsed = statusPatchSchema.safeParse(parsedJson);
      if (!parsed.success) {
        json(res, 422, {
          detail: parsed.error.issues.map((i) => ({ loc: ['body', ...i.path], msg: i.message })),
        });
        return 422;
      }
      doc.status = parsed.data.status;
      doc.statusHistory.push(parsed.data.status);
      doc.authorizationNumber = parsed.data.authorization_number ?? doc.authorizationNumber;
      json(res, 200, { document_id: doc.id, status: doc.status });
      return 200;
    }

    json(res, 404, { detail: 'Not Found' });
    return 404;
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const entry: { method: string; path: string; status: number | null } = {
      method: req.method ?? 'GET',
      path,
      status: null,
    };
    fake.requests.push(entry);
    handle(req, res).then(
      (status) => {
        entry.status = status;
      },
      (error: unknown) => {
        entry.status = 500;
        json(res, 500, { detail: error instanceof Error ? error.message : String(error) });
      },
    );
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
};

/** The store of a local database, as the fake's issuers, establishments and emission points. */
export const mirrorStoreInFake = (
  fake: FakeFactio,
  store: {
    issuer: { ruc: string; razonSocial: string; direccionMatriz: string; ambiente: string };
    establishments: { code: string; address: string; points: string[] }[];
  },
): { issuerId: string; establishmentIds: string[]; pointIds: string[] } => {
  const issuer = fake.put('issuers', {
    ruc: store.issuer.ruc,
    legal_name: store.issuer.razonSocial,
    trade_name: null,
    main_address: store.issuer.direccionMatriz,
    accounting_required: false,
    environment: store.issuer.ambiente,
  });
  const establishmentIds: string[] = [];
  const pointIds: string[] = [];
  for (const e of store.establishments) {
    const estab = fake.put('establishments', {
      issuer_id: issuer.id,
      code: e.code,
      address: e.address,
      is_active: true,
    });
    establishmentIds.push(estab.id);
    for (const code of e.points) {
      pointIds.push(
        fake.put('emissionPoints', {
          establishment_id: estab.id,
          code,
          description: `Caja ${code}`,
          is_active: true,
        }).id,
      );
    }
  }
  return { issuerId: issuer.id, establishmentIds, pointIds };
};

/** A catalogue product as Factio lists it. */
export const fakeProduct = (
  n: number,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> => ({
  main_code: `FX-${String(n).padStart(6, '0')}`,
  aux_code: null,
  description: `Producto Factio ${n}`,
  unit_price: `${1 + (n % 50)}.${String(n % 100).padStart(2, '0')}`,
  tax_rate_code: n % 3 === 0 ? '0' : '4',
  unit: 'unidad',
  is_weighed: false,
  max_discount_percent: 0,
  barcodes: [`786${String(n).padStart(10, '0')}`],
  is_active: true,
  ...overrides,
});
