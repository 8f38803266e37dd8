/**
 * Notas de crédito end to end below the UI: partial and complete returns against a real signed
 * factura, the refusals (nothing left, consumidor final, a cashier's PIN, not yet authorized),
 * the XML against NotaCredito_V1.1.0.xsd (xmllint), the signature with our verifier and with
 * xmlsec1 trusting only the test CA, and — through createApp and the SRI simulator — the
 * factura becoming VOIDED_BY_NC once the full-return note is AUTHORIZED.
 */

import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/main/app';
import {
  createIdGenerator,
  type Database,
  guardarLocal,
  listAudit,
  openDatabase,
} from '../../src/main/db';
import { DEMO_BUYERS, DEMO_ISSUER, DEMO_USERS, seedDemoStore } from '../../src/main/demo';
import { createMemoryLogger, silentLogger } from '../../src/main/log';
import { createNotasCreditoService, type NotasCreditoService } from '../../src/main/notasCredito';
import {
  loadSigningIdentity,
  trySignComprobante,
  verifyComprobanteSignature,
} from '../../src/main/signing';
import { createEmisionService } from '../../src/main/ventas';
import type { Carrito } from '../../src/shared/contract/ventas';
import { ok } from '../../src/shared/result';
import { createMemoryKeychain } from '../fakes/memoryKeychain';
import { modernP12, type TestP12 } from '../fixtures/certs';
import { SRI_XSD_DIR } from '../fixtures/paths';
import { aprobandoEnApp } from './aprobar';

const xsd = join(SRI_XSD_DIR, 'NotaCredito_V1.1.0.xsd');
const work = mkdtempSync(join(tmpdir(), 'mostrador-nc-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let archivos = 0;
const escribir = (nombre: string, texto: string): string => {
  const file = join(work, `${archivos++}-${nombre}`);
  writeFileSync(file, texto);
  return file;
};

// 10:00 in Guayaquil.
const clock = { now: () => new Date('2026-11-25T15:00:00.000Z') };
let fixture: TestP12;
let db: Database;
let notas: NotasCreditoService;
let emitir: (carrito: Carrito & { ventaId: string }) => string;
let totalDe: (carrito: Carrito) => number;
let ids: { supervisor: string; cajero: string; admin: string };

beforeAll(() => {
  fixture = modernP12({ ruc: DEMO_ISSUER.ruc, razonSocial: DEMO_ISSUER.razonSocial });
});

beforeEach(async () => {
  const opened = openDatabase(':memory:', { logger: silentLogger, clock });
  if (!opened.ok) throw new Error(opened.error.message);
  db = opened.value;
  const seeded = await seedDemoStore(db, { clock, ids: createIdGenerator(clock) });
  if (!seeded.ok) throw new Error(seeded.error.message);
  const loaded = loadSigningIdentity(fixture.p12, fixture.password, new Date());
  if (!loaded.ok) throw new Error(loaded.error.message);
  const identity = loaded.value;
  const firmador = () =>
    ok((xml: string, instante: Date) =>
      trySignComprobante(xml, identity, { signingTime: instante }),
    );
  const usuario = (rol: string) =>
    (db.sqlite.prepare('SELECT id FROM app_user WHERE rol = ?').get(rol) as { id: string }).id;
  ids = {
    supervisor: usuario('supervisor'),
    cajero: usuario('cajero'),
    admin: usuario('administrador'),
  };
  const emision = createEmisionService({
    db,
    clock,
    ids: createIdGenerator(clock),
    codigoNumerico: () => '12345678',
    firmador,
    logger: silentLogger,
    usuarioActual: () => ids.cajero,
  });
  totalDe = (carrito) => {
    const r = emision.calcular(carrito);
    if (!r.ok) throw new Error(r.error.message);
    return r.value.totales.totalCentavos;
  };
  emitir = (carrito) => {
    const r = emision.cobrar(carrito);
    if (!r.ok) throw new Error(r.error.message);
    return r.value.documentoId;
  };
  notas = createNotasCreditoService({
    db,
    clock,
    ids: createIdGenerator(clock),
    codigoNumerico: () => '87654321',
    firmador,
    logger: silentLogger,
    usuarioActual: () => ids.cajero,
  });
});
afterEach(() => db.close());

const productos = () =>
  db.sqlite
    .prepare(
      "SELECT id, unit_price_micro AS precio FROM product WHERE unit = 'unidad' AND iva_codigo_porcentaje IN ('4', '0') ORDER BY iva_codigo_porcentaje DESC, code LIMIT 2",
    )
    .all() as { id: string; precio: number }[];

const comprador = {
  tipoIdentificacion: DEMO_BUYERS[0].tipoIdentificacion,
  identificacion: DEMO_BUYERS[0].identificacion,
  razonSocial: DEMO_BUYERS[0].razonSocial,
} as Carrito['comprador'];

/** A factura of 3 + 2 units (IVA 15 % and 0 %), paid by credit card. */
const facturaIdentificada = (): string => {
  const [a, b] = productos();
  if (a === undefined || b === undefined) throw new Error('sin productos');
  const carrito: Carrito = {
    comprador,
    lineas: [
      { productoId: a.id, cantidad: '3', precioUnitarioMicros: a.precio, descuentoCentavos: 0 },
      { productoId: b.id, cantidad: '2', precioUnitarioMicros: b.precio, descuentoCentavos: 0 },
    ],
    pagos: [],
  };
  return emitir({
    ...carrito,
    ventaId: randomUUID(),
    pagos: [{ formaPago: '19', montoCentavos: totalDe(carrito) }],
  });
};

const estado = (id: string) =>
  (db.sqlite.prepare('SELECT status FROM document WHERE id = ?').get(id) as { status: string })
    .status;
const autorizarEnSri = (id: string) =>
  db.sqlite.prepare("UPDATE document SET status = 'AUTHORIZED' WHERE id = ?").run(id);
const supervisor = () => ({ usuarioId: ids.supervisor, pin: DEMO_USERS[1].pin });

const solicitud = (facturaId: string, lineas: { linea: number; cantidad: string }[]) => ({
  notaId: randomUUID(),
  facturaId,
  lineas,
  motivo: 'Devolución del cliente: producto en mal estado',
  reembolso: '19' as const,
  autorizacion: supervisor(),
});

const sinFirma = (xml: string) => xml.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '');

describe('notas de crédito', () => {
  it('una devolución parcial y luego otra por el resto; una tercera se rechaza porque no queda nada', async () => {
    const facturaId = facturaIdentificada();
    autorizarEnSri(facturaId);
    const primera = await notas.emitir(solicitud(facturaId, [{ linea: 1, cantidad: '1' }]));
    expect(primera.ok && primera.value).toMatchObject({
      numero: '001-001-000000001',
      facturaNumero: '001-001-000000001',
      devolucionTotal: false,
      estado: 'SIGNED',
    });
    const antes = notas.factura(facturaId);
    expect(antes.ok && antes.value.lineas.map((l) => l.disponibleMicros)).toEqual([
      2_000_000, 2_000_000,
    ]);
    const segunda = await notas.emitir(
      solicitud(facturaId, [
        { linea: 1, cantidad: '2' },
        { linea: 2, cantidad: '2' },
      ]),
    );
    expect(segunda.ok && segunda.value).toMatchObject({
      numero: '001-001-000000002',
      devolucionTotal: true,
    });
    const tercera = await notas.emitir(solicitud(facturaId, [{ linea: 2, cantidad: '1' }]));
    expect(!tercera.ok && tercera.error).toMatchObject({ code: 'factura_no_elegible' });
    expect(!tercera.ok && tercera.error.message).toContain('no queda nada');
    // The two notes credit exactly the invoice, to the cent.
    const totales = db.sqlite
      .prepare(
        "SELECT SUM(CASE WHEN cod_doc = '04' THEN total_cents END) AS nc, SUM(CASE WHEN cod_doc = '01' THEN total_cents END) AS f FROM document",
      )
      .get() as { nc: number; f: number };
    expect(totales.nc).toBe(totales.f);
    // The invoice stays AUTHORIZED until the notes are: the SRI has the last word.
    expect(estado(facturaId)).toBe('AUTHORIZED');
    const fila = db.sqlite
      .prepare(
        "SELECT modified_document_id AS m, num_doc_modificado AS n, fecha_emision_doc_sustento AS f, motivo FROM document WHERE cod_doc = '04' LIMIT 1",
      )
      .get();
    expect(fila).toEqual({
      m: facturaId,
      n: '001-001-000000001',
      f: '2026-11-25',
      motivo: 'Devolución del cliente: producto en mal estado',
    });
    const auditoria = listAudit(db, { limit: 10 }).filter(
      (e) => e.action === 'nota_credito.emitida',
    );
    expect(auditoria).toHaveLength(2);
    expect(auditoria[0]?.userId).toBe(ids.supervisor);
  });

  it('la nota de crédito valida contra NotaCredito_V1.1.0.xsd y su firma verifica con nuestro verificador y con xmlsec1', async () => {
    const facturaId = facturaIdentificada();
    autorizarEnSri(facturaId);
    const r = await notas.emitir(solicitud(facturaId, [{ linea: 1, cantidad: '1' }]));
    if (!r.ok) throw new Error(r.error.message);
    const { signed_xml: xml } = db.sqlite
      .prepare('SELECT signed_xml FROM document WHERE id = ?')
      .get(r.value.documentoId) as { signed_xml: string };
    expect(xml).toContain('<codDocModificado>01</codDocModificado>');
    expect(xml).toContain('<numDocModificado>001-001-000000001</numDocModificado>');
    expect(xml).toContain('<fechaEmisionDocSustento>25/11/2026</fechaEmisionDocSustento>');
    const lint = spawnSync(
      'xmllint',
      ['--noout', '--schema', xsd, escribir('nc.xml', sinFirma(xml))],
      {
        encoding: 'utf8',
      },
    );
    expect(lint.stderr).toContain('validates');
    expect(lint.status).toBe(0);
    expect(verifyComprobanteSignature(xml).ok).toBe(true);
    const sec = spawnSync(
      'xmlsec1',
      [
        '--verify',
        '--enabled-key-data',
        'x509',
        '--id-attr:id',
        'notaCredito',
        '--id-attr:Id',
        'http://uri.etsi.org/01903/v1.3.2#:SignedProperties',
        '--id-attr:Id',
        'http://www.w3.org/2000/09/xmldsig#:KeyInfo',
        '--trusted-pem',
        escribir('ca.pem', fixture.caPem),
        escribir('nc-firmada.xml', xml),
      ],
      { encoding: 'utf8' },
    );
    expect(`${sec.stdout}${sec.stderr}`).toContain('OK');
    expect(sec.status).toBe(0);
  });

  it('rechaza una nota de crédito a consumidor final', async () => {
    const [a] = productos();
    if (a === undefined) throw new Error('sin productos');
    const facturaId = emitir({
      ventaId: randomUUID(),
      comprador: null,
      lineas: [
        { productoId: a.id, cantidad: '1', precioUnitarioMicros: a.precio, descuentoCentavos: 0 },
      ],
      pagos: [{ formaPago: '01', montoCentavos: 10_000 }],
    });
    autorizarEnSri(facturaId);
    const r = await notas.emitir({
      ...solicitud(facturaId, [{ linea: 1, cantidad: '1' }]),
      reembolso: '01',
    });
    expect(!r.ok && r.error.message).toContain('consumidor final');
    expect(
      db.sqlite.prepare("SELECT COUNT(*) AS n FROM document WHERE cod_doc = '04'").get(),
    ).toEqual({ n: 0 });
  });

  it('el PIN de un cajero no autoriza una nota de crédito y no se gasta ningún secuencial', async () => {
    const facturaId = facturaIdentificada();
    autorizarEnSri(facturaId);
    const r = await notas.emitir({
      ...solicitud(facturaId, [{ linea: 1, cantidad: '1' }]),
      autorizacion: { usuarioId: ids.cajero, pin: DEMO_USERS[2].pin },
    });
    expect(!r.ok && r.error.code).toBe('rol_insuficiente');
    const siguiente = db.sqlite
      .prepare("SELECT next_secuencial AS n FROM sequence WHERE cod_doc = '04'")
      .get() as { n: number };
    expect(siguiente.n).toBe(1);
  });

  it('no acepta una factura que el SRI aún no autorizó', async () => {
    const facturaId = facturaIdentificada();
    const r = await notas.emitir(solicitud(facturaId, [{ linea: 1, cantidad: '1' }]));
    expect(!r.ok && r.error.message).toContain('no está autorizada');
  });

  it('dos devoluciones de una unidad de 2 × 1,10 al 15 % suman exactamente la factura (2,53), no 2,54', async () => {
    const productoId = randomUUID();
    db.sqlite
      .prepare(
        `INSERT INTO product (id, search_rowid, code, description, unit_price_micro, iva_codigo_porcentaje, updated_at)
         VALUES (?, 987654321, 'NC-110', 'Galletas 1,10', 1100000, '4', ?)`,
      )
      .run(productoId, clock.now().toISOString());
    const carrito: Carrito = {
      comprador,
      lineas: [
        { productoId, cantidad: '2', precioUnitarioMicros: 1_100_000, descuentoCentavos: 0 },
      ],
      pagos: [],
    };
    expect(totalDe(carrito)).toBe(253);
    const facturaId = emitir({
      ...carrito,
      ventaId: randomUUID(),
      pagos: [{ formaPago: '19', montoCentavos: 253 }],
    });
    autorizarEnSri(facturaId);
    const previa = notas.calcular({ facturaId, lineas: [{ linea: 1, cantidad: '1' }] });
    expect(previa.ok && previa.value.totalCentavos).toBe(127);
    const primera = await notas.emitir(solicitud(facturaId, [{ linea: 1, cantidad: '1' }]));
    expect(primera.ok && primera.value.totales.totalCentavos).toBe(127);
    const segunda = await notas.emitir(solicitud(facturaId, [{ linea: 1, cantidad: '1' }]));
    expect(segunda.ok && segunda.value.totales).toMatchObject({
      ivaCentavos: 16,
      totalCentavos: 126,
    });
    const suma = db.sqlite
      .prepare(
        `SELECT SUM(d.total_cents) AS total, SUM(d.iva_cents) AS iva,
           (SELECT SUM(l.iva_cents) FROM document_line l JOIN document n ON n.id = l.document_id WHERE n.cod_doc = '04') AS ivaLineas
         FROM document d WHERE d.cod_doc = '04'`,
      )
      .get();
    expect(suma).toEqual({ total: 253, iva: 33, ivaLineas: 33 });
    // The XML says the same: the second note's IVA is what was left (0.16).
    const xml = (
      db.sqlite
        .prepare(
          "SELECT signed_xml AS x FROM document WHERE cod_doc = '04' ORDER BY secuencial DESC",
        )
        .get() as { x: string }
    ).x;
    expect(xml).toContain('<valorModificacion>1.26</valorModificacion>');
    expect(xml.match(/<valor>0\.16<\/valor>/g)).toHaveLength(2);
  });

  it('una nota de crédito no lleva propina: la devolución total acredita la factura sin ella', async () => {
    guardarLocal(db, { esRestaurante: true, provincia: null, canton: null }, clock);
    const [a] = productos();
    if (a === undefined) throw new Error('sin productos');
    const carrito: Carrito = {
      comprador,
      lineas: [
        { productoId: a.id, cantidad: '2', precioUnitarioMicros: a.precio, descuentoCentavos: 0 },
      ],
      pagos: [],
      propinaCentavos: 150,
    };
    const total = totalDe(carrito);
    const facturaId = emitir({
      ...carrito,
      ventaId: randomUUID(),
      pagos: [{ formaPago: '19', montoCentavos: total }],
    });
    autorizarEnSri(facturaId);
    const nota = await notas.emitir(solicitud(facturaId, [{ linea: 1, cantidad: '2' }]));
    expect(nota.ok && nota.value.totales.totalCentavos).toBe(total - 150);
    const fila = db.sqlite
      .prepare("SELECT propina_cents AS p, signed_xml AS x FROM document WHERE cod_doc = '04'")
      .get() as { p: number; x: string };
    expect(fila.p).toBe(0);
    expect(fila.x).not.toContain('propina');
  });

  it('no devuelve más de lo que queda de una línea', async () => {
    const facturaId = facturaIdentificada();
    autorizarEnSri(facturaId);
    const r = await notas.emitir(solicitud(facturaId, [{ linea: 1, cantidad: '4' }]));
    expect(!r.ok && r.error).toMatchObject({
      code: 'cantidad_excede',
      field: 'lineas[0].cantidad',
    });
  });

  it('enviar dos veces la misma nota no emite dos', async () => {
    const facturaId = facturaIdentificada();
    autorizarEnSri(facturaId);
    const pedido = solicitud(facturaId, [{ linea: 1, cantidad: '1' }]);
    const a = await notas.emitir(pedido);
    const b = await notas.emitir(pedido);
    expect(a.ok && b.ok && b.value.repetida && b.value.numero === a.value.numero).toBe(true);
    expect(
      db.sqlite.prepare("SELECT COUNT(*) AS n FROM document WHERE cod_doc = '04'").get(),
    ).toEqual({ n: 1 });
  });

  it('un reembolso en efectivo con turno abierto registra la salida de caja', async () => {
    const facturaId = facturaIdentificada();
    autorizarEnSri(facturaId);
    const punto = db.sqlite.prepare('SELECT id FROM emission_point LIMIT 1').get() as {
      id: string;
    };
    db.sqlite
      .prepare(
        "INSERT INTO cash_shift (id, emission_point_id, opened_by, opened_at, opening_float_cents, status) VALUES ('t1', ?, ?, ?, 5000, 'open')",
      )
      .run(punto.id, ids.cajero, clock.now().toISOString());
    const r = await notas.emitir({
      ...solicitud(facturaId, [{ linea: 1, cantidad: '1' }]),
      reembolso: '01',
    });
    if (!r.ok) throw new Error(r.error.message);
    const mov = db.sqlite
      .prepare(
        `SELECT kind, amount_cents AS monto, reason, user_id AS u, purpose, credit_note_id AS nc
         FROM cash_movement`,
      )
      .all();
    expect(mov).toEqual([
      {
        kind: 'out',
        monto: r.value.totales.totalCentavos,
        reason: `Devolución NC ${r.value.numero}`,
        u: ids.cajero,
        purpose: 'credit_note_refund',
        nc: r.value.documentoId,
      },
    ]);
    // The credit note names the cashier who made it (Reportes › por cajero).
    expect(
      db.sqlite.prepare('SELECT user_id AS u FROM document WHERE id = ?').get(r.value.documentoId),
    ).toEqual({ u: ids.cajero });
  });

  it('la factura pasa a VOIDED_BY_NC solo cuando las notas que la cubren entera están autorizadas', async () => {
    const facturaId = facturaIdentificada();
    autorizarEnSri(facturaId);
    const parcial = await notas.emitir(solicitud(facturaId, [{ linea: 1, cantidad: '1' }]));
    const resto = await notas.emitir(
      solicitud(facturaId, [
        { linea: 1, cantidad: '2' },
        { linea: 2, cantidad: '2' },
      ]),
    );
    if (!parcial.ok || !resto.ok) throw new Error('no se emitieron');
    autorizarEnSri(resto.value.documentoId);
    expect(notas.alAutorizar(resto.value.documentoId)).toBeNull();
    expect(estado(facturaId)).toBe('AUTHORIZED');
    autorizarEnSri(parcial.value.documentoId);
    expect(notas.autorizadasPendientes().sort()).toEqual(
      [parcial.value.documentoId, resto.value.documentoId].sort(),
    );
    expect(notas.alAutorizar(parcial.value.documentoId)).toEqual({
      facturaId,
      estado: 'VOIDED_BY_NC',
      notaId: parcial.value.documentoId,
    });
    expect(estado(facturaId)).toBe('VOIDED_BY_NC');
    const historia = db.sqlite
      .prepare(
        'SELECT from_status AS d, to_status AS h, detail FROM document_status_history WHERE document_id = ? ORDER BY id DESC LIMIT 1',
      )
      .get(facturaId);
    expect(historia).toEqual({
      d: 'AUTHORIZED',
      h: 'VOIDED_BY_NC',
      detail: `Devolución total: anulada por la nota de crédito ${parcial.value.numero}`,
    });
    expect(notas.autorizadasPendientes()).toEqual([]);
  });

  it('busca facturas por número, clave, identificación, nombre y fecha', () => {
    const facturaId = facturaIdentificada();
    const clave = (
      db.sqlite.prepare('SELECT clave_acceso AS c FROM document WHERE id = ?').get(facturaId) as {
        c: string;
      }
    ).c;
    const ids = (texto: string, fecha?: string) => notas.buscar({ texto, fecha }).map((f) => f.id);
    expect(ids('001-001-000000001')).toEqual([facturaId]);
    expect(ids('001-001-1')).toEqual([facturaId]);
    expect(ids(clave)).toEqual([facturaId]);
    expect(ids(DEMO_BUYERS[0].identificacion)).toEqual([facturaId]);
    expect(ids('zambrano')).toEqual([facturaId]);
    expect(ids('', '2026-11-25')).toEqual([facturaId]);
    expect(ids('', '2026-11-24')).toEqual([]);
    expect(notas.buscar({ texto: '001-001-000000001' })[0]?.noElegible).toContain(
      'no está autorizada',
    );
  });
});

describe('con createApp y el simulador del SRI', () => {
  let dir: string;
  let app: App;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mostrador-nc-app-'));
    const created = await createApp({
      dataDir: dir,
      demo: true,
      logger: createMemoryLogger(),
      clock: { now: () => new Date() },
      keychain: createMemoryKeychain(),
    });
    if (!created.ok) throw new Error(created.error.message);
    app = aprobandoEnApp(created.value);
    // Selling needs an open cash shift (issue 15); an already open one is fine.
    await app.call('caja.abrir', { fondoCentavos: 0 }, 'interno');
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const llamar = async <T>(nombre: string, input: unknown): Promise<T> => {
    const r = await app.call(nombre, input, 'interno');
    if (!r.ok) throw new Error(`${nombre}: ${r.error.message}`);
    return r.value as T;
  };
  const esperarEstado = async (id: string, estadoBuscado: string): Promise<void> => {
    for (let i = 0; i < 100; i++) {
      const d = await llamar<{ estado: string }>('documentos.obtener', { id });
      if (d.estado === estadoBuscado) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${id} no llegó a ${estadoBuscado}`);
  };

  it('una devolución total autorizada por el simulador deja la factura VOIDED_BY_NC', async () => {
    const producto = app.db.sqlite
      .prepare("SELECT id, unit_price_micro AS precio FROM product WHERE unit = 'unidad' LIMIT 1")
      .get() as { id: string; precio: number };
    const venta = await llamar<{ documentoId: string }>('ventas.cobrar', {
      ventaId: randomUUID(),
      comprador,
      lineas: [{ productoId: producto.id, cantidad: '2', precioUnitarioMicros: producto.precio }],
      pagos: [{ formaPago: '01', montoCentavos: 100_000 }],
    });
    await esperarEstado(venta.documentoId, 'AUTHORIZED');
    const usuarios = await llamar<{ id: string; rol: string }[]>('usuarios.listar', {});
    const jorge = usuarios.find((u) => u.rol === 'supervisor');
    const sesion = await llamar<{ usuario: { rol: string } | null }>('sesion.actual', {});
    expect(sesion.usuario?.rol).toBe('cajero');
    const nota = await llamar<{ documentoId: string; devolucionTotal: boolean }>(
      'notasCredito.emitir',
      {
        notaId: randomUUID(),
        facturaId: venta.documentoId,
        lineas: [{ linea: 1, cantidad: '2' }],
        motivo: 'Devolución total',
        reembolso: '01',
        autorizacion: { usuarioId: jorge?.id, pin: '5678' },
      },
    );
    expect(nota.devolucionTotal).toBe(true);
    await esperarEstado(nota.documentoId, 'AUTHORIZED');
    await esperarEstado(venta.documentoId, 'VOIDED_BY_NC');
    const factura = await llamar<{ historial: { hacia: string }[] }>('documentos.obtener', {
      id: venta.documentoId,
    });
    expect(factura.historial.at(-1)?.hacia).toBe('VOIDED_BY_NC');
  });
});
