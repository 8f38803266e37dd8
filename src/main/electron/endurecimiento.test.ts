import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { opcionesVentana } from './opcionesVentana';

const raiz = join(__dirname, '..', '..', '..');

describe('endurecimiento de Electron (issue 15)', () => {
  it('el empaquetado apaga RunAsNode, NODE_OPTIONS e --inspect y exige el asar íntegro', () => {
    // The block as electron-builder reads it: `electronFuses:` and its indented `key: bool`.
    const texto = readFileSync(join(raiz, 'electron-builder.yml'), 'utf8');
    expect(texto).toMatch(/^asar: true$/m);
    const bloque = /^electronFuses:\n((?: {2}\w+: (?:true|false)\n)+)/m.exec(texto)?.[1] ?? '';
    const fuses = Object.fromEntries(
      [...bloque.matchAll(/^ {2}(\w+): (true|false)$/gm)].map((m) => [m[1], m[2] === 'true']),
    );
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('una ventana empaquetada no tiene DevTools; en desarrollo sí', () => {
    const base = {
      preload: 'p.cjs',
      bounds: { width: 1200, height: 800 },
      minimo: { width: 1, height: 1 },
    };
    const empaquetada = opcionesVentana({ ...base, empaquetada: true });
    expect(empaquetada.webPreferences).toMatchObject({
      devTools: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(opcionesVentana({ ...base, empaquetada: false }).webPreferences?.devTools).toBe(true);
  });
});
