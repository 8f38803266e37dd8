/**
 * Training mode keeps the built-in SRI's memory in the data folder (issue 16, item 5): what it
 * received and authorized is replayed when the app starts again.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/main/app/createApp';
import { silentLogger, systemClock } from '../../src/main/log';
import { ARCHIVO_SIMULADOR, leerRegistroSimulador } from '../../src/main/sri/simulator';

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
    });
    if (!primera.ok) throw new Error(primera.error.message);
    await primera.value.close();
    const archivo = join(dataDir, ARCHIVO_SIMULADOR);
    expect(existsSync(archivo)).toBe(true);
    const antes = leerRegistroSimulador(archivo).length;
    const segunda = await createApp({
      dataDir,
      demo: true,
      logger: silentLogger,
      clock: systemClock,
    });
    if (!segunda.ok) throw new Error(segunda.error.message);
    await segunda.value.close();
    expect(leerRegistroSimulador(archivo).length).toBeGreaterThanOrEqual(antes);
  });
});
