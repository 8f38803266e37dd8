import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_SIZE,
  loadWindowState,
  MIN_WINDOW_SIZE,
  type Rect,
  restoreWindowState,
  saveWindowState,
} from './windowState';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('restoreWindowState', () => {
  it('abre centrado y con el tamaño por omisión la primera vez', () => {
    const state = restoreWindowState(null, [laptop], laptop);
    expect(state).toEqual({
      bounds: {
        x: 320,
        y: 120,
        width: DEFAULT_WINDOW_SIZE.width,
        height: DEFAULT_WINDOW_SIZE.height,
      },
      maximized: false,
    });
  });

  it('respeta la posición guardada cuando sigue dentro de una pantalla', () => {
    const saved = { bounds: { x: 2000, y: 50, width: 1400, height: 900 }, maximized: true };
    expect(restoreWindowState(saved, [laptop, rightMonitor], laptop)).toEqual(saved);
  });

  it('vuelve a la pantalla principal si el monitor donde estaba ya no existe', () => {
    const saved = { bounds: { x: 2000, y: 50, width: 1400, height: 900 }, maximized: false };
    const state = restoreWindowState(saved, [laptop], laptop);
    expect(state.bounds).toEqual({ x: 260, y: 70, width: 1400, height: 900 });
  });

  it('mete del todo en la pantalla una ventana que asomaba por un borde', () => {
    const saved = { bounds: { x: 1500, y: -200, width: 1000, height: 700 }, maximized: false };
    const state = restoreWindowState(saved, [laptop], laptop);
    expect(state.bounds).toEqual({ x: 920, y: 0, width: 1000, height: 700 });
  });

  it('achica una ventana más grande que la pantalla y agranda una menor que el mínimo', () => {
    const big = { bounds: { x: 0, y: 0, width: 4000, height: 3000 }, maximized: false };
    expect(restoreWindowState(big, [laptop], laptop).bounds).toEqual(laptop);
    const tiny = { bounds: { x: 10, y: 10, width: 300, height: 200 }, maximized: false };
    const grown = restoreWindowState(tiny, [laptop], laptop).bounds;
    expect(grown.width).toBe(MIN_WINDOW_SIZE.width);
    expect(grown.height).toBe(MIN_WINDOW_SIZE.height);
  });

  it('en una pantalla más chica que el mínimo usa la pantalla entera', () => {
    const small: Rect = { x: 0, y: 0, width: 800, height: 480 };
    const state = restoreWindowState(null, [small], small);
    expect(state.bounds).toEqual(small);
  });
});

describe('loadWindowState / saveWindowState', () => {
  it('guarda y recupera el estado, e ignora un archivo dañado o ausente', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mostrador-ventana-'));
    try {
      const file = join(dir, 'ventana.json');
      expect(await loadWindowState(file)).toBeNull();
      const state = { bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: true };
      await saveWindowState(file, state);
      expect(await loadWindowState(file)).toEqual(state);
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(state);
      await writeFile(file, '{"bounds":{"x":1');
      expect(await loadWindowState(file)).toBeNull();
      await writeFile(file, '{"bounds":{"x":1,"y":2,"width":-5,"height":7},"maximized":false}');
      expect(await loadWindowState(file)).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
