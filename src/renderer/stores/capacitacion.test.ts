import { describe, expect, it } from 'vitest';
import { err, ok } from '../../shared/result';
import { type CapacitacionApi, createCapacitacionStore, textoGuionadas } from './capacitacion';

describe('store de Ajustes › Capacitación', () => {
  it('envía el cambio al simulador y dice qué respuestas guionadas quedan', async () => {
    const llamadas: unknown[] = [];
    const api: CapacitacionApi = {
      call: async (_name, input) => {
        llamadas.push(input);
        return ok({ caido: true, fallas: 'caido, devuelta=35' }) as never;
      },
    };
    const store = createCapacitacionStore(api);
    await store.getState().aplicar({ caido: true }, 'El SRI simulado no responde.');
    expect(llamadas).toEqual([{ caido: true }]);
    expect(store.getState()).toMatchObject({
      enviando: false,
      nota: {
        tipo: 'ok',
        texto: 'El SRI simulado no responde. Respuestas guionadas: devuelta=35.',
      },
    });
  });

  it('muestra el error de main', async () => {
    const api: CapacitacionApi = {
      call: async () => err('interno', 'Solo en modo capacitación.') as never,
    };
    const store = createCapacitacionStore(api);
    await store.getState().aplicar({ fallas: 'x' }, 'Cambiadas.');
    expect(store.getState().nota).toEqual({ tipo: 'error', texto: 'Solo en modo capacitación.' });
    expect(store.getState().enviando).toBe(false);
  });

  it('«caido» no cuenta como respuesta guionada', () => {
    expect(textoGuionadas('caido')).toBe('Sin respuestas guionadas.');
    expect(textoGuionadas('')).toBe('Sin respuestas guionadas.');
  });
});
