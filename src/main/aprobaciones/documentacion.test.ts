import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calls } from '../../shared/contract';
import { ROL_APROBACION } from './reglas';

/** `| \`call\` | rule |` rows of docs/security.md. */
const reglas = (): Map<string, string> => {
  const texto = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'security.md'), 'utf8');
  const filas = new Map<string, string>();
  for (const m of texto.matchAll(/^\|\s*`([A-Za-z]+\.[A-Za-z]+)`\s*\|\s*(.*?)\s*\|\s*$/gm)) {
    filas.set(m[1] ?? '', m[2] ?? '');
  }
  return filas;
};

describe('docs/security.md', () => {
  it('tiene una regla para cada llamada del contrato, y ninguna de más', () => {
    const filas = reglas();
    const sinRegla = Object.keys(calls).filter((c) => (filas.get(c) ?? '').length < 5);
    expect(sinRegla).toEqual([]);
    expect([...filas.keys()].filter((c) => !Object.hasOwn(calls, c))).toEqual([]);
  });

  it('cada llamada que lleva aprobación nombra el rol que main exige', () => {
    const filas = reglas();
    for (const [llamada, rol] of Object.entries(ROL_APROBACION)) {
      expect(filas.get(llamada), llamada).toContain(`aprobación de ${rol}`);
    }
  });
});
