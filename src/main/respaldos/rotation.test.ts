import { describe, expect, it } from 'vitest';
import { backupsToKeep } from './rotation';

const everyDay = (from: string, to: string): { name: string; at: Date }[] => {
  const list: { name: string; at: Date }[] = [];
  for (
    let t = Date.parse(`${from}T03:00:00Z`);
    t <= Date.parse(`${to}T03:00:00Z`);
    t += 86_400_000
  ) {
    const at = new Date(t);
    list.push({ name: at.toISOString().slice(0, 10), at });
  }
  return list;
};

describe('rotación de respaldos', () => {
  it('conserva 7 diarios, 4 semanales y 12 mensuales: exactamente estos 20', () => {
    const keep = backupsToKeep(everyDay('2024-01-01', '2025-03-14'));
    expect([...keep].sort()).toEqual(
      [
        // the last 7 days
        '2025-03-08',
        '2025-03-09',
        '2025-03-10',
        '2025-03-11',
        '2025-03-12',
        '2025-03-13',
        '2025-03-14',
        // newest of the ISO weeks starting 03-03 (03-09, already kept), 02-24 and 02-17
        '2025-03-02',
        '2025-02-23',
        // newest of each month back to April 2024
        '2025-02-28',
        '2025-01-31',
        '2024-12-31',
        '2024-11-30',
        '2024-10-31',
        '2024-09-30',
        '2024-08-31',
        '2024-07-31',
        '2024-06-30',
        '2024-05-31',
        '2024-04-30',
      ].sort(),
    );
  });

  it('con pocos respaldos los conserva todos', () => {
    const few = everyDay('2025-03-10', '2025-03-14');
    expect(backupsToKeep(few).size).toBe(5);
  });

  it('de dos respaldos del mismo día conserva el más reciente', () => {
    const keep = backupsToKeep(
      [
        { name: 'temprano', at: new Date('2025-03-14T01:00:00Z') },
        { name: 'tarde', at: new Date('2025-03-14T22:00:00Z') },
      ],
      { diarios: 7, semanales: 0, mensuales: 0 },
    );
    expect([...keep]).toEqual(['tarde']);
  });
});
