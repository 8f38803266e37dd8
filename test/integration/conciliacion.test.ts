/**
 * Conciliación through the real app (demo store, built-in SRI simulator, outbox worker running):
 * a document the simulator refuses shows up with the SRI's message; once the fault is gone, a
 * retry takes it to AUTHORIZED and the history holds every step; manual status changes need a
 * supervisor's PIN and land in the history and the audit log.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/main/app';
import { fechaEcuador } from '../../src/main/fiscal';
import { createMemoryLogger, systemClock } from '../../src/main/log';
import { createMemoryKeychain } from '../fakes/memoryKeychain';
import { aprobandoEnApp } from './aprobar';

let dataDir: string;
let app: App;
let hoy: string;
const usuarios: Record<string, string> = {};

type Ok<T> = { ok: true; value: T };

const call = async <T = Record<string, unknown>>(name: string, input: unknown): Promise<T> => {
  const r = await app.call(name, input, 'interno');
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return (r as Ok<T>).value;
};

const callErr = async (name: string, input: unknown) => {
  const r = await app.call(name, input, 'interno');
  if (r.ok) throw new Error(`${name} debió fallar`);
  return r.error;
};

type Detalle = {
  estado: string;
  ultimoMensajeSri: string | null;
  historial: { desde: string | null; hacia: string; origen: string; detalle: string | null }[];
};

const esperarEstado = async (id: string, estado: string): Promise<Detalle> => {
  const limite = Date.now() + 15_000;
  for (;;) {
    const d = await call<Detalle>('documentos.obtener', { id });
    if (d.estado === estado) return d;
    if (Date.now() > limite) throw new Error(`Sigue en ${d.estado}, se esperaba ${estado}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

const vender = async (): Promise<string> => {
  const p = app.db.sqlite
    .prepare(
      "SELECT id, unit_price_micro AS precio FROM product WHERE unit = 'unidad' AND active = 1 LIMIT 1",
    )
    .get() as { id: string; precio: number };
  const cobro = await call<{ documentoId: string }>('ventas.cobrar', {
    ventaId: randomUUID(),
    comprador: null,
    lineas: [{ productoId: p.id, cantidad: '1', precioUnitarioMicros: p.precio }],
    pagos: [{ formaPago: '01', montoCentavos: 5000 }],
  });
  return cobro.documentoId;
};

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mostrador-conciliacion-'));
  const created = await createApp({
    dataDir,
    demo: true,
    logger: createMemoryLogger(),
    clock: systemClock,
    keychain: createMemoryKeychain(),
  });
  if (!created.ok) throw new Error(created.error.message);
  app = aprobandoEnApp(created.value);
  // Selling needs an open cash shift (issue 15); an already open one is fine.
  await app.call('caja.abrir', { fondoCentavos: 0 }, 'interno');
  hoy = fechaEcuador(new Date());
  for (const u of app.db.sqlite.prepare('SELECT id, rol FROM app_user').all() as {
    id: string;
    rol: string;
  }[]) {
    usuarios[u.rol] = u.id;
  }
});

afterAll(async () => {
  await app?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('conciliación contra el simulador del SRI', () => {
  it('un documento devuelto con 56 aparece con el mensaje del SRI y, quitada la falla, el reintento lo autoriza', async () => {
    await call('simulador.configurar', { fallas: 'devuelta=56' });
    const id = await vender();
    const revisado = await esperarEstado(id, 'MANUAL_REVIEW_REQUIRED');
    expect(revisado.ultimoMensajeSri).toContain('56');

    const pagina = await call<{ documentos: { id: string; ultimoMensajeSri: string | null }[] }>(
      'conciliacion.listar',
      { filtro: { desde: hoy, hasta: hoy, estado: 'con_error' } },
    );
    const fila = pagina.documentos.find((d) => d.id === id);
    expect(fila?.ultimoMensajeSri).toContain('56');
    const atascados = await call<{ revisionManual: number; masAntiguo: { id: string } | null }>(
      'conciliacion.atascados',
      {},
    );
    expect(atascados.revisionManual).toBe(1);
    expect(atascados.masAntiguo?.id).toBe(id);

    await call('simulador.configurar', { fallas: '' });
    expect(await call('conciliacion.reintentar', { id })).toEqual({ estado: 'RECEPTION_UNKNOWN' });
    const final = await esperarEstado(id, 'AUTHORIZED');
    expect(final.historial.map((h) => `${h.hacia}:${h.origen}`)).toEqual([
      'SIGNED:local',
      'RECEPTION_PENDING:local',
      'SUBMITTED_TO_SRI:local',
      'MANUAL_REVIEW_REQUIRED:sri',
      'RECEPTION_UNKNOWN:usuario',
      'RECEPTION_RETRY_SCHEDULED:sri',
      'SUBMITTED_TO_SRI:local',
      'RECEIVED_BY_SRI:sri',
      'AUTHORIZATION_PENDING:sri',
      'AUTHORIZED:sri',
    ]);
    expect((await call<{ total: number }>('conciliacion.atascados', {})).total).toBe(0);
  });

  it('un documento NO AUTORIZADO (39) queda rechazado: reintentar lo niega y pide corregirlo', async () => {
    await call('simulador.configurar', { fallas: 'autorizacion:no-autorizado=39' });
    const id = await vender();
    await esperarEstado(id, 'REJECTED');
    await call('simulador.configurar', { fallas: '' });
    const error = await callErr('conciliacion.reintentar', { id });
    expect(error.code).toBe('requiere_correccion');
    expect(error.message).toContain('corregirse y firmarse de nuevo');
    const conteos = await call<{ porGrupo: { con_error: number } }>('conciliacion.conteos', {
      filtro: { desde: hoy, hasta: hoy },
    });
    expect(conteos.porGrupo.con_error).toBe(1);

    // A cashier's PIN cannot give it up; a supervisor's can, and it is written down.
    const cajero = await callErr('conciliacion.marcar', {
      id,
      accion: 'fallo_definitivo',
      motivo: 'Se emitirá de nuevo',
      autorizacion: { usuarioId: usuarios.cajero, pin: '1234' },
    });
    expect(cajero.code).toBe('rol_insuficiente');
    const marcado = await call('conciliacion.marcar', {
      id,
      accion: 'fallo_definitivo',
      motivo: 'Se emitirá de nuevo',
      autorizacion: { usuarioId: usuarios.supervisor, pin: '5678' },
    });
    expect(marcado).toEqual({ estado: 'FAILED_PERMANENT' });
    const detalle = await call<Detalle>('documentos.obtener', { id });
    expect(detalle.historial.at(-1)).toMatchObject({
      desde: 'REJECTED',
      hacia: 'FAILED_PERMANENT',
      origen: 'usuario',
      detalle: 'Fallo definitivo: Se emitirá de nuevo',
    });
    const historialUsuario = app.db.sqlite
      .prepare(
        "SELECT user_id AS u FROM document_status_history WHERE document_id = ? AND to_status = 'FAILED_PERMANENT'",
      )
      .get(id);
    expect(historialUsuario).toEqual({ u: usuarios.supervisor });
    const audit = app.db.sqlite
      .prepare(
        "SELECT user_id AS u, detail FROM audit_log WHERE action = 'documento.fallo_definitivo'",
      )
      .all() as { u: string; detail: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]?.u).toBe(usuarios.supervisor);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({
      documentoId: id,
      motivo: 'Se emitirá de nuevo',
    });
  });

  it('un documento pendiente se pasa a revisión manual con el PIN del supervisor y la cola lo suelta', async () => {
    await call('simulador.configurar', { fallas: 'autorizacion:en-proceso' });
    const id = await vender();
    await esperarEstado(id, 'AUTHORIZATION_RETRY_SCHEDULED');
    expect(await call('conciliacion.consultarAutorizacion', { id })).toEqual({
      estado: 'AUTHORIZATION_RETRY_SCHEDULED',
    });
    const malPin = await callErr('conciliacion.marcar', {
      id,
      accion: 'revision_manual',
      motivo: 'El cliente reclama',
      autorizacion: { usuarioId: usuarios.supervisor, pin: '0000' },
    });
    expect(malPin.code).toBe('pin_incorrecto');
    // The worker may be mid-query: a concurrent move is refused and can be tried again.
    let marcado: Awaited<ReturnType<typeof app.call>> | null = null;
    for (let i = 0; i < 20; i++) {
      marcado = await app.call(
        'conciliacion.marcar',
        {
          id,
          accion: 'revision_manual',
          motivo: 'El cliente reclama',
          autorizacion: { usuarioId: usuarios.supervisor, pin: '5678' },
        },
        'interno',
      );
      if (marcado.ok) break;
    }
    expect(marcado?.ok).toBe(true);
    const job = app.db.sqlite
      .prepare("SELECT status FROM outbox_job WHERE kind = 'sri' AND document_id = ?")
      .get(id);
    expect(job).toEqual({ status: 'done' });
    await call('simulador.configurar', { fallas: '' });
    // A supervisor put it there: retrying takes a supervisor's approval too (issue 15 §12).
    await call('conciliacion.reintentar', {
      id,
      autorizacion: { usuarioId: usuarios.supervisor, pin: '5678' },
    });
    await esperarEstado(id, 'AUTHORIZED');
  });

  it('exporta el día en CSV para Excel: BOM, «;» y montos con punto', async () => {
    const csv = await call<{ contenido: string; filas: number; nombreArchivo: string }>(
      'conciliacion.exportarCsv',
      { filtro: { desde: hoy, hasta: hoy } },
    );
    expect(csv.nombreArchivo).toBe(`documentos_${hoy}.csv`);
    expect(csv.contenido.startsWith('\uFEFFFecha de emisión;Tipo;Número;')).toBe(true);
    const lineas = csv.contenido.trimEnd().split('\r\n');
    expect(lineas).toHaveLength(csv.filas + 1);
    expect(csv.filas).toBe(3);
    for (const linea of lineas.slice(1)) {
      expect(linea).toMatch(/^\d{4}-\d{2}-\d{2};Factura;001-001-\d{9};"=""\d{49}""";/);
      expect(linea).toMatch(/;\d+\.\d{2};\d+\.\d{2};\d+\.\d{2};/);
    }
  });
});
