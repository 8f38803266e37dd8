import { describe, expect, it } from 'vitest';
import type { ConfiguracionBalanza } from '../../shared/contract/balanza';
import { err, ok, type Result } from '../../shared/result';
import {
  type BalanzaApi,
  configuracionDe,
  createBalanzaStore,
  type FormularioBalanza,
  formularioDe,
} from './balanza';

/** A fake main: records each call and answers from a table the test fills. */
const fakeApi = (respuestas: Record<string, (input: unknown) => Result<unknown>>) => {
  const llamadas: { name: string; input: unknown }[] = [];
  const api: BalanzaApi = {
    call: async (name, input) => {
      llamadas.push({ name, input });
      const responder = respuestas[name];
      if (responder === undefined) return err('interno', `sin respuesta para ${name}`);
      return responder(input) as never;
    },
  };
  return { api, llamadas };
};

const personalizado: FormularioBalanza = {
  tipo: 'personalizado',
  contenido: 'precio',
  prefijos: '21, 22  23',
  digitosPlu: '4',
  digitosValor: '6',
};

const aprobacion = { usuarioId: 'u1', pin: '9012' };

describe('store de Ajustes › Balanza', () => {
  it('guarda lo que dice el formulario con la aprobación, publica la configuración y lo dice', async () => {
    const publicadas: { configuracion: ConfiguracionBalanza | null }[] = [];
    const { api, llamadas } = fakeApi({
      'ajustes.guardarEtiquetaBalanza': (input) =>
        ok({ configuracion: (input as { configuracion: ConfiguracionBalanza }).configuracion }),
    });
    const store = createBalanzaStore(api, (b) => publicadas.push(b));
    const s = store.getState();
    const desenlace = await s.hacer(() => s.guardar(personalizado, aprobacion), 'Guardado.');
    const configuracion = {
      tipo: 'personalizado',
      prefijos: ['21', '22', '23'],
      digitosPlu: 4,
      digitosValor: 6,
      contenido: 'precio',
    };
    expect(desenlace).toBeNull();
    expect(llamadas).toEqual([
      {
        name: 'ajustes.guardarEtiquetaBalanza',
        input: { configuracion, autorizacion: aprobacion },
      },
    ]);
    expect(publicadas).toEqual([{ configuracion }]);
    expect(store.getState()).toMatchObject({
      nota: { tipo: 'ok', texto: 'Guardado.' },
      enviando: false,
    });
  });

  it('un error de main queda en español y no publica nada; el formulario sigue en la pantalla', async () => {
    const publicadas: unknown[] = [];
    const { api } = fakeApi({
      'ajustes.guardarEtiquetaBalanza': () =>
        err('ajuste_invalido', 'El PLU y el valor suman 10 dígitos.'),
    });
    const store = createBalanzaStore(api, (b) => publicadas.push(b));
    const s = store.getState();
    const desenlace = await s.hacer(() => s.guardar(personalizado), 'Guardado.');
    expect(desenlace).toMatchObject({ message: 'El PLU y el valor suman 10 dígitos.' });
    expect(store.getState().nota).toEqual({
      tipo: 'error',
      texto: 'El PLU y el valor suman 10 dígitos.',
    });
    expect(publicadas).toEqual([]);
    // The store never touches the form: what was typed is the component's, untouched.
    expect(personalizado.prefijos).toBe('21, 22  23');
  });

  it('cerrar el diálogo de aprobación no deja nota ni el botón esperando', async () => {
    const { api, llamadas } = fakeApi({});
    const store = createBalanzaStore(api, () => {});
    expect(await store.getState().hacer(async () => 'cancelado', 'Guardado.')).toBe('cancelado');
    expect(store.getState()).toMatchObject({ nota: null, enviando: false });
    expect(llamadas).toEqual([]);
  });

  it('el formulario va y vuelve de la configuración guardada', () => {
    expect(configuracionDe(formularioDe(null))).toBeNull();
    const preset: ConfiguracionBalanza = { tipo: 'preset', preset: 'digi', contenido: 'peso' };
    expect(configuracionDe(formularioDe(preset))).toEqual(preset);
    expect(formularioDe(configuracionDe(personalizado))).toEqual({
      ...personalizado,
      prefijos: '21 22 23',
    });
  });
});
