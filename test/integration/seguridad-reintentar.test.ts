/**
 * Issue 15 §12: a document a supervisor put in manual review (`conciliacion.marcar`, with a
 * supervisor's approval) is not sent again by a cashier with `conciliacion.reintentar`: the retry
 * takes the same approval. One the SRI path put there is retried as before.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/main/app';
import { listAudit } from '../../src/main/db';
import { createTempDir } from '../../src/main/db/testing';
import type { Result } from '../../src/shared/result';
import { startDemoApp } from './release-app';

let tmp: { dir: string; cleanup: () => void };
let app: App;
const usuarios: Record<string, string> = {};
const PIN = { cajero: '1234', supervisor: '5678' } as const;

const llamar = (name: string, input: unknown): Promise<Result<unknown>> =>
  app.call(name, input, 'http');

beforeAll(async () => {
  tmp = createTempDir('mostrador-reintentar-');
  ({ app } = await startDemoApp(path.join(tmp.dir, 'datos'), { importCertificate: false }));
  for (const u of app.db.sqlite.prepare('SELECT id, rol FROM app_user').all() as {
    id: string;
    rol: string;
  }[]) {
    usuarios[u.rol] = u.id;
  }
});
afterAll(async () => {
  await app?.close();
  tmp.cleanup();
});

const estado = async (id: string): Promise<string> => {
  const r = await llamar('documentos.obtener', { id });
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { estado: string }).estado;
};
const esperar = async (id: string, buscado: string): Promise<void> => {
  const limite = Date.now() + 15_000;
  while ((await estado(id)) !== buscado) {
    if (Date.now() > limite) throw new Error(`Sigue en ${await estado(id)}, no ${buscado}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('12 · reintentar lo que un supervisor pasó a revisión manual', () => {
  it('un cajero no lo reenvía; con la aprobación de un supervisor sí, y queda auditado', async () => {
    await llamar('sesion.iniciar', { usuarioId: usuarios.cajero, pin: PIN.cajero });
    await llamar('simulador.configurar', { fallas: 'autorizacion:en-proceso' });
    const p = app.db.sqlite
      .prepare("SELECT id FROM product WHERE unit = 'unidad' AND active = 1 LIMIT 1")
      .get() as { id: string };
    const venta = await llamar('ventas.cobrar', {
      ventaId: randomUUID(),
      comprador: null,
      lineas: [{ productoId: p.id, cantidad: '1' }],
      pagos: [{ formaPago: '01', montoCentavos: 10_000_000 }],
    });
    if (!venta.ok) throw new Error(venta.error.message);
    const id = (venta.value as { documentoId: string }).documentoId;
    await esperar(id, 'AUTHORIZATION_RETRY_SCHEDULED');
    // The supervisor decides it needs a look (the worker may be mid-query: try again).
    const entrada = { id, accion: 'revision_manual', motivo: 'El cliente reclama el total' };
    let marcado: Result<unknown> | null = null;
    for (let i = 0; i < 20 && marcado?.ok !== true; i++) {
      const t = await llamar('aprobaciones.solicitar', {
        usuarioId: usuarios.supervisor,
        pin: PIN.supervisor,
        accion: 'conciliacion.marcar',
        entrada,
      });
      if (!t.ok) throw new Error(t.error.message);
      marcado = await llamar('conciliacion.marcar', {
        ...entrada,
        autorizacion: { token: (t.value as { token: string }).token },
      });
    }
    expect(marcado?.ok).toBe(true);
    await llamar('simulador.configurar', { fallas: '' });

    const cajero = await llamar('conciliacion.reintentar', { id });
    expect(cajero.ok ? 'reenviado' : cajero.error.code).toBe('autorizacion_requerida');
    expect(await estado(id)).toBe('MANUAL_REVIEW_REQUIRED');
    // A cashier's own PIN cannot approve it.
    const propio = await llamar('aprobaciones.solicitar', {
      usuarioId: usuarios.cajero,
      pin: PIN.cajero,
      accion: 'conciliacion.reintentar',
      entrada: { id },
    });
    expect(propio.ok ? 'aprobado' : propio.error.code).toBe('rol_insuficiente');

    const t = await llamar('aprobaciones.solicitar', {
      usuarioId: usuarios.supervisor,
      pin: PIN.supervisor,
      accion: 'conciliacion.reintentar',
      entrada: { id },
    });
    if (!t.ok) throw new Error(t.error.message);
    const aprobado = await llamar('conciliacion.reintentar', {
      id,
      autorizacion: { token: (t.value as { token: string }).token },
    });
    expect(aprobado.ok, aprobado.ok ? '' : aprobado.error.message).toBe(true);
    await esperar(id, 'AUTHORIZED');
    expect(
      listAudit(app.db, { limit: 20 }).find((a) => a.action === 'documento.reintento'),
    ).toMatchObject({
      userId: usuarios.supervisor,
      detail: { documentoId: id, aprobadoPor: usuarios.supervisor, usuarioSesion: usuarios.cajero },
    });
  }, 60_000);
});
