import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ARCHIVO_BLOQUEO, bloquearCarpeta, procesoVivo } from './bloqueo';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mostrador-bloqueo-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The PID of a process that has already exited: a crashed owner. */
const pidMuerto = (): number => {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
};

describe('bloquearCarpeta', () => {
  it('toma la carpeta una sola vez y la libera', () => {
    const primero = bloquearCarpeta(dir);
    expect(primero.ok).toBe(true);
    const dueno = JSON.parse(readFileSync(path.join(dir, ARCHIVO_BLOQUEO), 'utf8'));
    expect(dueno).toMatchObject({ pid: process.pid, equipo: hostname() });

    const segundo = bloquearCarpeta(dir);
    expect(segundo).toEqual({
      ok: false,
      error: {
        code: 'ya_abierto',
        message: expect.stringContaining(
          `Mostrador ya está abierto con esta carpeta de datos (PID ${process.pid})`,
        ),
      },
    });
    if (primero.ok) primero.value.liberar();
    expect(bloquearCarpeta(dir).ok).toBe(true);
  });

  it('respeta el bloqueo de otro proceso vivo', () => {
    // This test's parent process is alive and is not us.
    const otro = process.ppid;
    writeFileSync(
      path.join(dir, ARCHIVO_BLOQUEO),
      JSON.stringify({ pid: otro, equipo: hostname(), desde: new Date().toISOString() }),
    );
    const r = bloquearCarpeta(dir);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain(`(PID ${otro})`);
  });

  it('toma un bloqueo abandonado por un proceso que ya no existe', () => {
    const muerto = pidMuerto();
    expect(procesoVivo(muerto)).toBe(false);
    writeFileSync(
      path.join(dir, ARCHIVO_BLOQUEO),
      JSON.stringify({ pid: muerto, equipo: hostname(), desde: '2026-01-01T00:00:00.000Z' }),
    );
    const r = bloquearCarpeta(dir);
    expect(r.ok).toBe(true);
    const dueno = JSON.parse(readFileSync(path.join(dir, ARCHIVO_BLOQUEO), 'utf8'));
    expect(dueno.pid).toBe(process.pid);
  });

  it('no toma el bloqueo de otro equipo (carpeta compartida), aunque el PID no exista aquí', () => {
    writeFileSync(
      path.join(dir, ARCHIVO_BLOQUEO),
      JSON.stringify({ pid: pidMuerto(), equipo: 'otra-caja', desde: '2026-01-01T00:00:00.000Z' }),
    );
    const r = bloquearCarpeta(dir);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('en el equipo otra-caja');
  });

  it('un archivo ilegible reciente puede estar escribiéndose; uno viejo está abandonado', () => {
    const archivo = path.join(dir, ARCHIVO_BLOQUEO);
    writeFileSync(archivo, '');
    expect(bloquearCarpeta(dir).ok).toBe(false);
    const viejo = new Date(Date.now() - 60_000);
    utimesSync(archivo, viejo, viejo);
    expect(bloquearCarpeta(dir).ok).toBe(true);
  });

  it('liberar no borra un bloqueo que ya es de otro', () => {
    const r = bloquearCarpeta(dir);
    if (!r.ok) throw new Error(r.error.message);
    const ajeno = JSON.stringify({ pid: process.ppid, equipo: hostname(), desde: 'x' });
    writeFileSync(path.join(dir, ARCHIVO_BLOQUEO), ajeno);
    r.value.liberar();
    expect(readFileSync(path.join(dir, ARCHIVO_BLOQUEO), 'utf8')).toBe(ajeno);
  });
});
