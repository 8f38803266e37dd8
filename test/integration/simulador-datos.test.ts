/**
 * Training mode keeps the built-in SRI's memory in the data folder (issue 16, item 5): what it
 * received and authorized is replayed when the app starts again.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/main/app/createApp';
import { silentLogger, systemClock } from '../../src/main/log';
import {
  ARCHIVO_SIMULADOR,
  contarAutorizaciones,
  leerRegistroSimulador,
} from '../../src/main/sri/simulator';
import { createMemoryKeychain } from '../fakes/memoryKeychain';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('simulador del SRI en modo capacitación', () => {
  it('guarda su registro en la carpeta de datos y lo conserva al reiniciar la app', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'mostrador-sim-datos-'));
    dirs.push(dataDir);
    const primera = await createApp({
      dataDir,
      demo: true,
      logger: silentLogger,
      clock: systemClock,
      keychain: createMemoryKeychain(),
    });
    if (!primera.ok) throw new Error(primera.error.message);
    const app = primera.value;
    // Selling needs an open cash shift (issue 15).
    const turno = await app.call('caja.abrir', { fondoCentavos: 0 }, 'interno');
    if (!turno.ok) throw new Error(turno.error.message);
    const producto = app.db.sqlite
      .prepare(
        "SELECT id, unit_price_micro AS precio FROM product WHERE unit = 'unidad' AND active = 1 LIMIT 1",
      )
      .get() as { id: string; precio: number };
    const cobro = await app.call(
      'ventas.cobrar',
      {
        ventaId: randomUUID(),
        comprador: null,
        lineas: [{ productoId: producto.id, cantidad: '1', precioUnitarioMicros: producto.precio }],
        pagos: [{ formaPago: '01', montoCentavos: 5000 }],
      },
      'interno',
    );
    if (!cobro.ok) throw new Error(cobro.error.message);
    const { documentoId, claveAcceso } = cobro.value as {
      documentoId: string;
      claveAcceso: string;
    };
    const limite = Date.now() + 30_000;
    for (;;) {
      const d = await app.call('documentos.obtener', { id: documentoId }, 'interno');
      if (d.ok && (d.value as { estado: string }).estado === 'AUTHORIZED') break;
      if (Date.now() > limite) throw new Error('El documento no se autorizó a tiempo');
      await new Promise((r) => setTimeout(r, 50));
    }
    await app.close();
    const archivo = join(dataDir, ARCHIVO_SIMULADOR);
    expect(existsSync(archivo)).toBe(true);
    expect(contarAutorizaciones(archivo).get(claveAcceso)).toBe(1);

    // the restarted simulator replays it: a second start neither loses nor repeats it
    const segunda = await createApp({
      dataDir,
      demo: true,
      logger: silentLogger,
      clock: systemClock,
      keychain: createMemoryKeychain(),
    });
    if (!segunda.ok) throw new Error(segunda.error.message);
    await segunda.value.close();
    expect(contarAutorizaciones(archivo).get(claveAcceso)).toBe(1);
    expect(
      leerRegistroSimulador(archivo).some(
        (e) => e.tipo === 'recibido' && e.claveAcceso === claveAcceso,
      ),
    ).toBe(true);
  });
});
