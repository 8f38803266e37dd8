import { describe, expect, it } from 'vitest';
import type { RespaldosEstado } from '../../shared/contract/mantenimiento';
import { err, ok, type Result } from '../../shared/result';
import { createRespaldosStore, type RespaldosApi } from './respaldos';

const estado = (carpeta: string): RespaldosEstado => ({
  carpeta,
  respaldos: [],
  pendiente: null,
  aviso: null,
});

/** A fake main: records each call and answers from a table the test fills. */
const fakeApi = (respuestas: Record<string, (input: unknown) => Result<unknown>>) => {
  const llamadas: { name: string; input: unknown }[] = [];
  const api: RespaldosApi = {
    call: async (name, input) => {
      llamadas.push({ name, input });
      const responder = respuestas[name];
      if (responder === undefined) return err('interno', `sin respuesta para ${name}`);
      // The fake answers what the real call would; the store only reads the shapes it declares.
      return responder(input) as never;
    },
  };
  return { api, llamadas };
};

describe('store de Respaldos', () => {
  it('carga el estado de los respaldos y de las actualizaciones', async () => {
    const { api } = fakeApi({
      'respaldos.estado': () => ok(estado('/media/usb')),
      'actualizaciones.estado': () =>
        ok({ version: '0.1.0', canal: 'estable', url: null, estado: { fase: 'sin_configurar' } }),
    });
    const store = createRespaldosStore(api);
    await store.getState().cargar();
    expect(store.getState().estado?.carpeta).toBe('/media/usb');
    expect(store.getState().actualizacion?.version).toBe('0.1.0');
  });

  it('muestra el error de la acción y recarga la sección', async () => {
    let cargas = 0;
    const { api } = fakeApi({
      'respaldos.estado': () => {
        cargas += 1;
        return ok(estado('/datos/backups'));
      },
      'actualizaciones.estado': () => err('sin_actualizador', 'Sin actualizador.'),
      'respaldos.tomar': () => err('disco_lleno', 'El disco está lleno.'),
    });
    const store = createRespaldosStore(api);
    await store.getState().hacer(() => store.getState().tomar(), 'Respaldo tomado.');
    expect(store.getState().nota).toEqual({ tipo: 'error', texto: 'El disco está lleno.' });
    expect(store.getState().ocupado).toBe(false);
    expect(cargas).toBe(1);
  });

  it('no muestra nada cuando la persona cierra el diálogo de aprobación', async () => {
    const { api } = fakeApi({
      'respaldos.estado': () => ok(estado('/d')),
      'actualizaciones.estado': () => err('sin_actualizador', 'Sin actualizador.'),
    });
    const store = createRespaldosStore(api);
    await store.getState().hacer(async () => 'cancelado', 'Hecho.');
    expect(store.getState().nota).toBeNull();
  });

  it('envía la carpeta sin espacios y la aprobación solo cuando la hay', async () => {
    const { api, llamadas } = fakeApi({ 'respaldos.elegirCarpeta': () => ok(estado('/x')) });
    const store = createRespaldosStore(api);
    await store.getState().elegirCarpeta('  /media/usb  ');
    await store.getState().elegirCarpeta('', { usuarioId: 'u1', pin: '9012' });
    expect(llamadas).toEqual([
      { name: 'respaldos.elegirCarpeta', input: { carpeta: '/media/usb' } },
      {
        name: 'respaldos.elegirCarpeta',
        input: { autorizacion: { usuarioId: 'u1', pin: '9012' } },
      },
    ]);
  });

  it('dice cómo termina la restauración según el reinicio que hará main', async () => {
    const { api } = fakeApi({ 'respaldos.restaurar': () => ok({ reinicio: 'manual' }) });
    const store = createRespaldosStore(api);
    const r = await store.getState().restaurar('/backups/a.sqlite');
    expect(r).toEqual(ok(expect.stringMatching(/Cierre Mostrador y vuelva a iniciarlo/)));
  });
});
