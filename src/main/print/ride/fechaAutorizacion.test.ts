import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFechaAutorizacion } from './fechaAutorizacion';

const CASOS: [string, string | null][] = [
  ['05/01/2026 10:11:12', '05/01/2026 10:11:12'],
  ['17/11/2026 07:55:09.000', '17/11/2026 07:55:09'],
  ['31/12/2025 23:59:59.5', '31/12/2025 23:59:59'],
  ['2024-10-07T13:48:46-05:00', '07/10/2024 13:48:46'],
  ['2025-03-16T02:05:00Z', '15/03/2025 21:05:00'],
  ['2026-01-01T03:00:00.123+09:00', '31/12/2025 13:00:00'],
  ['2026-01-05T10:11:12', '05/01/2026 10:11:12'],
  ['31/02/2026 10:11:12', null],
  ['05/13/2026 10:11:12', null],
  ['2026-01-05 10:11', null],
  ['ayer', null],
];

describe('formatFechaAutorizacion', () => {
  for (const [texto, esperado] of CASOS) {
    it(`lee «${texto}»`, () => {
      expect(formatFechaAutorizacion(texto)).toBe(esperado);
    });
  }

  for (const zona of ['UTC', 'Asia/Tokyo', 'America/Guayaquil']) {
    it(`da lo mismo con la máquina en TZ=${zona}`, () => {
      const modulo = resolve(__dirname, 'fechaAutorizacion.ts');
      const codigo = `import { formatFechaAutorizacion } from ${JSON.stringify(modulo)};
        console.log(JSON.stringify(${JSON.stringify(CASOS.map(([t]) => t))}.map(formatFechaAutorizacion)));`;
      const hijo = spawnSync(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', codigo],
        {
          env: { ...process.env, TZ: zona },
          encoding: 'utf8',
        },
      );
      expect(hijo.stderr).toBe('');
      expect(JSON.parse(hijo.stdout)).toEqual(CASOS.map(([, esperado]) => esperado));
    });
  }
});
