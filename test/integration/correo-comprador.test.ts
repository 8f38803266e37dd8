/**
 * The buyer's e-mail from Cobro (issue 19 §4), checked by main again (the renderer is
 * untrusted): an invalid address is refused with a Spanish message naming the field, the buyer's
 * record keeps the last good one, and the sale goes on without e-mail.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/main/app';
import { MENSAJE_CORREO_INVALIDO } from '../../src/shared/contract/correo';
import { startDemoApp } from './release-app';

let dataDir: string;
let app: App;

const llamar = (name: string, input: unknown) => app.call(name, input, 'interno');
const emailGuardado = async (): Promise<string | null> => {
  const r = await llamar('catalogo.comprador', {
    tipoIdentificacion: '05',
    identificacion: '1710034065',
  });
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { comprador: { email: string | null } | null }).comprador?.email ?? null;
};
const comprador = (email?: string) => ({
  tipoIdentificacion: '05',
  identificacion: '1710034065',
  razonSocial: 'María Cañar',
  ...(email === undefined ? {} : { email }),
});

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mostrador-correo-comprador-'));
  ({ app } = await startDemoApp(dataDir, { importCertificate: false }));
});
afterAll(async () => {
  await app?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('correo del comprador en main', () => {
  it('recuerda el correo del comprador y lo cambia cuando la caja escribe otro', async () => {
    expect((await llamar('catalogo.guardarComprador', comprador('maria@example.com'))).ok).toBe(
      true,
    );
    expect(await emailGuardado()).toBe('maria@example.com');
    expect((await llamar('catalogo.guardarComprador', comprador(' maria.c@example.com '))).ok).toBe(
      true,
    );
    expect(await emailGuardado()).toBe('maria.c@example.com');
  });

  it('rechaza un correo inválido en español, en el campo email, sin tocar el registro', async () => {
    const r = await llamar('catalogo.guardarComprador', comprador('maria arroba example'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain(MENSAJE_CORREO_INVALIDO);
      expect(r.error.field).toBe('email');
    }
    expect(await emailGuardado()).toBe('maria.c@example.com');
  });

  it('una venta con un correo inválido se rechaza; sin correo se cobra', async () => {
    const p = app.db.sqlite
      .prepare(
        "SELECT id, unit_price_micro AS precio FROM product WHERE unit = 'unidad' AND active = 1 ORDER BY code LIMIT 1",
      )
      .get() as { id: string; precio: number };
    const venta = (email?: string) => ({
      ventaId: randomUUID(),
      comprador: comprador(email),
      lineas: [{ productoId: p.id, cantidad: '1', precioUnitarioMicros: p.precio }],
      pagos: [{ formaPago: '01', montoCentavos: 100_000 }],
    });
    const mala = await llamar('ventas.cobrar', venta('maria@example'));
    expect(mala.ok ? null : mala.error.message).toContain(MENSAJE_CORREO_INVALIDO);
    const buena = await llamar('ventas.cobrar', venta());
    expect(buena.ok).toBe(true);
  });
});
