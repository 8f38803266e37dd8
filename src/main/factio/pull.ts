/**
 * Pull from Factio into SQLite (docs/architecture.md §9): issuers, establishments and emission points by
 * full refresh (a handful of rows), products and buyers incrementally with `updated_since`.
 * The hosted side wins for catalogue data. Each page is written in its own short transaction
 * together with its cursor, and the loop yields to the event loop between pages, so a 20,000
 * product pull never holds the main process for more than one page's worth of writes.
 *
 * Paging products and buyers is keyset-like: the next request starts at the `updated_at` of the
 * last item seen (page 1), and only when a whole page shares one timestamp does it move to the
 * next page number. A record edited during the pull moves to the end and is read there; records
 * that do not change never shift, so none is skipped.
 */
import type { z } from 'zod';
import { ok } from '../../shared/result';
import type { Database, IdGenerator } from '../db';
import {
  upsertBuyer,
  upsertEmissionPoint,
  upsertEstablishment,
  upsertIssuer,
  upsertProducts,
} from '../db';
import type { Clock, Logger } from '../log';
import {
  type BuyerFactio,
  buyerFactioSchema,
  emissionPointFactioSchema,
  establishmentFactioSchema,
  issuerFactioSchema,
  type PaginaFactio,
  type ProductFactio,
  productFactioSchema,
} from './api';
import { emisorPorId, resolverEmisorDeFactio } from './cambiosEmisor';
import type { FactioClient, FactioResult } from './client';
import type { SyncRepo } from './repo';

export const RECURSOS_PULL = ['emisores', 'productos', 'compradores'] as const;
export type RecursoPull = (typeof RECURSOS_PULL)[number];

export type PullDeps = {
  db: Database;
  repo: SyncRepo;
  client: FactioClient;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  /** Items per request; also the size of each write transaction. */
  pageSize?: number;
};

export type PullReport = {
  recurso: RecursoPull;
  recibidos: number;
  /** Records that failed the schema or a local constraint: logged and skipped. */
  rechazados: number;
};

export const DEFAULT_PAGE_SIZE = 200;
/**
 * Longest a write slice may hold the main process: well under a frame, so a scan at the
 * counter never waits behind the pull for long.
 */
const SLICE_BUDGET_MS = 8;
/** A runaway server (a page that never ends) stops here. */
const MAX_PAGES = 100_000;

const ceder = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A decimal string as integer micro-units (6 decimals), exactly; null when it does not fit.
 * @example aMicros('4.123456') // 4123456
 */
export const aMicros = (decimal: string): number | null => {
  const m = /^(\d+)(?:\.(\d{1,6}))?$/.exec(decimal);
  if (m === null) return null;
  const value = Number(m[1]) * 1_000_000 + Number((m[2] ?? '').padEnd(6, '0'));
  return Number.isSafeInteger(value) ? value : null;
};

type Parsed<T> = { items: T[]; rechazados: number; ultimoUpdatedAt: string | null };

const parseItems = <S extends z.ZodType>(
  schema: S,
  items: unknown[],
  recurso: string,
  logger: Logger,
): Parsed<z.output<S>> => {
  const out: z.output<S>[] = [];
  let rechazados = 0;
  let ultimo: string | null = null;
  for (const item of items) {
    const parsed = schema.safeParse(item);
    if (parsed.success) {
      out.push(parsed.data);
      const at = (parsed.data as { updated_at: string }).updated_at;
      if (ultimo === null || at > ultimo) ultimo = at;
    } else {
      rechazados += 1;
      logger.warn('Registro de Factio que no cumple el contrato; se omite', {
        recurso,
        id: typeof item === 'object' && item !== null && 'id' in item ? String(item.id) : undefined,
        problema: parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join('; '),
      });
    }
  }
  return { items: out, rechazados, ultimoUpdatedAt: ultimo };
};

/** Every page of a small list (full refresh). */
const todasLasPaginas = async (
  client: FactioClient,
  ruta: string,
  pageSize: number,
): Promise<FactioResult<unknown[]>> => {
  const items: unknown[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const r = await client.listar(ruta, { page, page_size: pageSize });
    if (!r.ok) return r;
    items.push(...r.value.items);
    if (r.value.items.length < r.value.page_size || items.length >= r.value.total) break;
  }
  return ok(items);
};

const localIdPorRemoto = (db: Database, table: string, remoteId: string): string | undefined => {
  const row = db.sqlite
    .prepare<[string], { id: string }>(`SELECT id FROM ${table} WHERE remote_id = ?`)
    .get(remoteId);
  return row?.id;
};

/** Issuers, their establishments and emission points: full refresh, hosted side wins. */
export const pullEmisores = async (deps: PullDeps): Promise<FactioResult<PullReport>> => {
  const { db, client, logger } = deps;
  const pageSize = deps.pageSize ?? DEFAULT_PAGE_SIZE;
  const store = { clock: deps.clock, ids: deps.ids };
  const issuers = await todasLasPaginas(client, '/issuers', pageSize);
  if (!issuers.ok) return issuers;
  const report: PullReport = { recurso: 'emisores', recibidos: 0, rechazados: 0 };
  const emisores = parseItems(issuerFactioSchema, issuers.value, 'emisores', logger);
  report.rechazados += emisores.rechazados;
  for (const issuer of emisores.items) {
    const establishments = await todasLasPaginas(
      client,
      `/issuers/${encodeURIComponent(issuer.id)}/establishments`,
      pageSize,
    );
    if (!establishments.ok) return establishments;
    const estabs = parseItems(
      establishmentFactioSchema,
      establishments.value,
      'establecimientos',
      logger,
    );
    report.rechazados += estabs.rechazados;
    const puntosPorEstab = new Map<string, unknown[]>();
    for (const e of estabs.items) {
      const puntos = await todasLasPaginas(
        client,
        `/establishments/${encodeURIComponent(e.id)}/emission-points`,
        pageSize,
      );
      if (!puntos.ok) return puntos;
      puntosPorEstab.set(e.id, puntos.value);
    }
    // One short transaction per issuer: its tree is consistent or untouched.
    db.sqlite.transaction(() => {
      const localIssuerId = localIdPorRemoto(db, 'issuer', issuer.id);
      const existente = db.sqlite
        .prepare<[string, string], { id: string }>(
          'SELECT id FROM issuer WHERE id = ? OR ruc = ? LIMIT 1',
        )
        .get(localIssuerId ?? '', issuer.ruc);
      const saved = upsertIssuer(
        db,
        resolverEmisorDeFactio(
          db,
          existente === undefined ? undefined : emisorPorId(db, existente.id),
          {
            ...(localIssuerId === undefined ? {} : { id: localIssuerId }),
            ruc: issuer.ruc,
            razonSocial: issuer.legal_name,
            nombreComercial: issuer.trade_name,
            direccionMatriz: issuer.main_address,
            obligadoContabilidad: issuer.accounting_required,
            contribuyenteEspecial: issuer.special_taxpayer,
            agenteRetencion: issuer.retention_agent,
            regimen: issuer.rimpe_regime ?? null,
            ambiente: issuer.environment,
            remoteId: issuer.id,
          },
          deps.clock,
        ),
        store,
      );
      report.recibidos += 1;
      for (const e of estabs.items) {
        const localEstabId = localIdPorRemoto(db, 'establishment', e.id);
        const estab = upsertEstablishment(
          db,
          {
            ...(localEstabId === undefined ? {} : { id: localEstabId }),
            issuerId: saved.id,
            code: e.code,
            address: e.address,
            nombreComercial: e.trade_name,
            active: e.is_active,
            remoteId: e.id,
          },
          store,
        );
        report.recibidos += 1;
        const puntos = parseItems(
          emissionPointFactioSchema,
          puntosPorEstab.get(e.id) ?? [],
          'puntos de emisión',
          logger,
        );
        report.rechazados += puntos.rechazados;
        for (const p of puntos.items) {
          const localPointId = localIdPorRemoto(db, 'emission_point', p.id);
          upsertEmissionPoint(
            db,
            {
              ...(localPointId === undefined ? {} : { id: localPointId }),
              establishmentId: estab.id,
              code: p.code,
              description: p.description ?? `Punto de emisión ${p.code}`,
              active: p.is_active,
              remoteId: p.id,
            },
            store,
          );
          report.recibidos += 1;
        }
      }
    })();
    await ceder();
  }
  return ok(report);
};

type Incremental<T> = {
  recurso: RecursoPull;
  ruta: string;
  schema: z.ZodType<T>;
  /** Writes one parsed item inside the page transaction; throws on a local constraint. */
  guardar: (item: T) => void;
};

const pullIncremental = async <T>(
  deps: PullDeps,
  spec: Incremental<T>,
): Promise<FactioResult<PullReport>> => {
  const { db, repo, client, logger } = deps;
  const pageSize = deps.pageSize ?? DEFAULT_PAGE_SIZE;
  const report: PullReport = { recurso: spec.recurso, recibidos: 0, rechazados: 0 };
  let since = repo.state(spec.recurso)?.cursor ?? null;
  let page = 1;
  for (let n = 0; n < MAX_PAGES; n += 1) {
    const r = await client.listar(spec.ruta, {
      updated_since: since ?? undefined,
      include_archived: true,
      page,
      page_size: pageSize,
    });
    if (!r.ok) return r;
    const pagina: PaginaFactio = r.value;
    const parsed = parseItems(spec.schema, pagina.items, spec.recurso, logger);
    report.rechazados += parsed.rechazados;
    const avanza =
      parsed.ultimoUpdatedAt !== null && (since === null || parsed.ultimoUpdatedAt > since);
    const nextSince = avanza ? parsed.ultimoUpdatedAt : since;
    // Written in slices of at most SLICE_BUDGET_MS each, one short transaction per slice, with
    // the event loop free in between; the cursor moves with the page's last slice.
    let next = 0;
    do {
      db.sqlite.transaction(() => {
        const inicio = performance.now();
        while (next < parsed.items.length && performance.now() - inicio < SLICE_BUDGET_MS) {
          const item = parsed.items[next] as T;
          next += 1;
          try {
            spec.guardar(item);
            report.recibidos += 1;
          } catch (error) {
            // A local constraint (e.g. a code another local product holds): skip this one only.
            report.rechazados += 1;
            logger.warn('Registro de Factio que no se pudo guardar; se omite', {
              recurso: spec.recurso,
              error: error instanceof Error ? error.message : String(error),
            });
          }
        }
        if (next >= parsed.items.length) {
          const previo = repo.state(spec.recurso);
          repo.saveState({
            resource: spec.recurso,
            cursor: nextSince,
            lastSyncedAt: previo?.lastSyncedAt ?? null,
            lastError: previo?.lastError ?? null,
          });
        }
      })();
      await ceder();
    } while (next < parsed.items.length);
    if (pagina.items.length < pagina.page_size) break;
    if (avanza) {
      since = nextSince;
      page = 1;
    } else {
      page += 1;
    }
  }
  return ok(report);
};

/** Products: incremental by `updated_since`; archived ones arrive inactive and are kept so. */
export const pullProductos = (deps: PullDeps): Promise<FactioResult<PullReport>> =>
  pullIncremental<ProductFactio>(deps, {
    recurso: 'productos',
    ruta: '/products',
    schema: productFactioSchema,
    guardar: (p) => {
      const precio = aMicros(p.unit_price);
      if (precio === null) throw new Error(`precio fuera de rango: ${p.unit_price}`);
      const localId = localIdPorRemoto(deps.db, 'product', p.id);
      upsertProducts(
        deps.db,
        [
          {
            ...(localId === undefined ? {} : { id: localId }),
            code: p.main_code,
            auxCode: p.aux_code,
            description: p.description,
            unitPriceMicro: precio,
            ivaCodigoPorcentaje: p.tax_rate_code,
            unit: p.unit,
            isWeighed: p.is_weighed,
            maxDiscountBp: Math.round(p.max_discount_percent * 100),
            active: p.is_active,
            remoteId: p.id,
            barcodes: p.barcodes,
          },
        ],
        { clock: deps.clock, ids: deps.ids },
      );
    },
  });

/** Buyers: incremental; an archived buyer is left in the local cache (old sales name it). */
export const pullCompradores = (deps: PullDeps): Promise<FactioResult<PullReport>> =>
  pullIncremental<BuyerFactio>(deps, {
    recurso: 'compradores',
    ruta: '/buyers',
    schema: buyerFactioSchema,
    guardar: (b) => {
      if (!b.is_active) return;
      upsertBuyer(
        deps.db,
        {
          tipoIdentificacion: b.identification_type,
          identificacion: b.identification,
          razonSocial: b.name,
          email: b.email,
          telefono: b.phone,
          direccion: b.address,
          remoteId: b.id,
        },
        { clock: deps.clock, ids: deps.ids },
      );
    },
  });

/**
 * Pulls everything in order (emission points first: documents need their remote ids). Each
 * resource records its own last success or error in `sync_state`; the first failure stops the
 * pull and is returned.
 */
export const pullTodo = async (deps: PullDeps): Promise<FactioResult<PullReport[]>> => {
  const reports: PullReport[] = [];
  const pasos: [RecursoPull, (d: PullDeps) => Promise<FactioResult<PullReport>>][] = [
    ['emisores', pullEmisores],
    ['productos', pullProductos],
    ['compradores', pullCompradores],
  ];
  for (const [recurso, paso] of pasos) {
    const r = await paso(deps);
    const previo = deps.repo.state(recurso);
    const at = deps.clock.now().toISOString();
    deps.repo.saveState({
      resource: recurso,
      cursor: previo?.cursor ?? null,
      lastSyncedAt: r.ok ? at : (previo?.lastSyncedAt ?? null),
      lastError: r.ok ? null : r.error.message,
    });
    if (!r.ok) return r;
    reports.push(r.value);
    deps.logger.info('Sincronizado desde Factio', { ...r.value });
  }
  return ok(reports);
};
