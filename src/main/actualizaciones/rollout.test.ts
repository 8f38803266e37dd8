import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTempDir } from '../db/testing';
import { evaluarActualizacion } from './policy';
import { INSTALL_ID_FILE, inRollout, installId, rolloutPosition } from './rollout';

const SHA = `${'A'.repeat(86)}==`;
const info = (version: string, stagingPercentage: number | null = null) => ({
  version,
  files: [{ url: 'M.exe', sha512: SHA, size: 1 }],
  releaseDate: null,
  stagingPercentage,
  releaseNotes: null,
});
const LOW = '00000000-0000-4000-8000-000000000000';
const HIGH = '00000000-0000-4000-8000-0000ffffffff';
const MID = '00000000-0000-4000-8000-00007fffffff';

describe('lanzamiento escalonado', () => {
  it('ubica cada instalación con los últimos 4 bytes de su UUID, como electron-updater', () => {
    expect(rolloutPosition(LOW)).toBe(0);
    expect(rolloutPosition(HIGH)).toBe(1);
    expect(rolloutPosition(MID)).toBeCloseTo(0.5, 6);
  });

  it('respeta el porcentaje publicado', () => {
    expect(inRollout(MID, 49)).toBe(false);
    expect(inRollout(MID, 51)).toBe(true);
    expect(inRollout(HIGH, 100)).toBe(false);
    expect(inRollout(HIGH, null)).toBe(true);
    expect(inRollout(LOW, 0)).toBe(false);
  });

  it('guarda un id estable por instalación', () => {
    const tmp = createTempDir();
    try {
      const first = installId(tmp.dir);
      expect(installId(tmp.dir)).toBe(first);
      expect(readFileSync(path.join(tmp.dir, INSTALL_ID_FILE), 'utf8')).toBe(first);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('decisión de actualizar', () => {
  const base = { actual: '1.2.0', canal: 'estable' as const, idInstalacion: MID };
  it('toma una versión más nueva', () => {
    expect(evaluarActualizacion(info('1.3.0'), base)).toEqual({ kind: 'nueva' });
  });
  it('rechaza una versión anterior', () => {
    expect(evaluarActualizacion(info('1.1.9'), base)).toEqual({ kind: 'anterior' });
  });
  it('no reinstala la misma versión', () => {
    expect(evaluarActualizacion(info('1.2.0'), base)).toEqual({ kind: 'al_dia' });
  });
  it('el canal estable ignora versiones de prueba y el beta las toma', () => {
    expect(evaluarActualizacion(info('1.3.0-beta.1'), base)).toEqual({ kind: 'pre_lanzamiento' });
    expect(evaluarActualizacion(info('1.3.0-beta.1'), { ...base, canal: 'beta' })).toEqual({
      kind: 'nueva',
    });
  });
  it('deja fuera a quien no entra en el porcentaje', () => {
    expect(evaluarActualizacion(info('1.3.0', 10), base)).toEqual({
      kind: 'fuera_de_lanzamiento',
      porcentaje: 10,
    });
  });
});
