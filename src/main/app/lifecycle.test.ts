import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log';
import { createLifecycle } from './lifecycle';

describe('createLifecycle', () => {
  it('arranca los servicios en orden y cierra todo en orden inverso', async () => {
    const log: string[] = [];
    const life = createLifecycle(createMemoryLogger());
    life.opened('base', () => {
      log.push('cierra base');
    });
    life.service(
      'sri',
      () => log.push('arranca sri'),
      () => {
        log.push('detiene sri');
      },
    );
    life.service(
      'impresion',
      () => log.push('arranca impresion'),
      async () => {
        log.push('detiene impresion');
      },
    );
    expect(log).toEqual([]);
    await life.start();
    await life.close();
    await life.close();
    expect(log).toEqual([
      'arranca sri',
      'arranca impresion',
      'detiene impresion',
      'detiene sri',
      'cierra base',
    ]);
  });

  it('si un servicio no arranca, detiene los ya arrancados y no toca los que faltan', async () => {
    const log: string[] = [];
    const life = createLifecycle(createMemoryLogger());
    life.opened('base', () => {
      log.push('cierra base');
    });
    life.service(
      'sri',
      () => log.push('arranca sri'),
      () => {
        log.push('detiene sri');
      },
    );
    life.service(
      'roto',
      () => {
        throw new Error('no arranca');
      },
      () => {
        log.push('detiene roto');
      },
    );
    life.service(
      'sync',
      () => log.push('arranca sync'),
      () => {
        log.push('detiene sync');
      },
    );
    await expect(life.start()).rejects.toThrow('no arranca');
    await life.close();
    expect(log).toEqual(['arranca sri', 'detiene sri', 'cierra base']);
  });

  it('un cierre que falla queda en el registro y no impide cerrar lo demás', async () => {
    const logger = createMemoryLogger();
    const log: string[] = [];
    const life = createLifecycle(logger);
    life.opened('base', () => {
      log.push('cierra base');
    });
    life.opened('simulador', () => {
      throw new Error('puerto ocupado');
    });
    await life.close();
    expect(log).toEqual(['cierra base']);
    expect(logger.entries).toContainEqual({
      level: 'error',
      message: 'Fallo al cerrar',
      data: { paso: 'simulador', error: 'puerto ocupado' },
    });
  });
});
