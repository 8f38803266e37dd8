import { describe, expect, it } from 'vitest';
import type { Local } from '../../shared/contract/ajustes';
import { err, ok, type Result } from '../../shared/result';
import { createLocalStore, type LocalApi } from './local';

/** A fake main: records each call and answers from a table the test fills. */
const fakeApi = (respuestas: Record<string, (input: unknown) => Result<unknown>>) => {
  const llamadas: { name: string; input: unknown }[] = [];
  const api: LocalApi = {
    call: async (name, input) => {
      llamadas.push({ name, input });
      const responder = respuestas[name];
      if (responder === undefined) return err('interno', `sin respuesta para ${name}`);
      return responder(input) as never;
    },
  };
  return { api, llamadas };
};

const aprobacion = { usuarioId: 'u1', pin: '9012' };

describe('store de Ajustes › Restaurante y ubicación', () => {
  it('guarda sin espacios, lo vacío como no dicho, publica y lo dice', async () => {
    const publicados: Local[] = [];
    const { api, llamadas } = fakeApi({
      'ajustes.guardarLocal': (input) => ok((input as { local: Local }).local),
    });
    const store = createLocalStore(api, (l) => publicados.push(l));
    const s = store.getState();
    const desenlace = await s.hacer(
      () => s.guardar({ esRestaurante: true, provincia: ' Manabí ', canton: '  ' }, aprobacion),
      'Guardado.',
    );
    const local = { esRestaurante: true, provincia: 'Manabí', canton: null };
    expect(desenlace).toBeNull();
    expect(llamadas).toEqual([
      { name: 'ajustes.guardarLocal', input: { local, autorizacion: aprobacion } },
    ]);
    expect(publicados).toEqual([local]);
    expect(store.getState()).toMatchObject({
      nota: { tipo: 'ok', texto: 'Guardado.' },
      enviando: false,
    });
  });

  it('un error de main queda en español y no publica nada; lo escrito no se toca', async () => {
    const publicados: Local[] = [];
    const { api } = fakeApi({
      'ajustes.guardarLocal': () => err('ajuste_invalido', 'El cantón no es de esa provincia.'),
    });
    const store = createLocalStore(api, (l) => publicados.push(l));
    const s = store.getState();
    const escrito = { esRestaurante: false, provincia: 'Azuay', canton: 'Manta' };
    const desenlace = await s.hacer(() => s.guardar(escrito), 'Guardado.');
    expect(desenlace).toMatchObject({ message: 'El cantón no es de esa provincia.' });
    expect(store.getState().nota).toEqual({
      tipo: 'error',
      texto: 'El cantón no es de esa provincia.',
    });
    expect(publicados).toEqual([]);
    expect(escrito).toEqual({ esRestaurante: false, provincia: 'Azuay', canton: 'Manta' });
  });

  it('cerrar el diálogo de aprobación no deja nota ni el botón esperando', async () => {
    const { api, llamadas } = fakeApi({});
    const store = createLocalStore(api, () => {});
    expect(await store.getState().hacer(async () => 'cancelado', 'Guardado.')).toBe('cancelado');
    expect(store.getState()).toMatchObject({ nota: null, enviando: false });
    expect(llamadas).toEqual([]);
  });
});
