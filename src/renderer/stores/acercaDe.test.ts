import { describe, expect, it } from 'vitest';
import { err, ok, type Result } from '../../shared/result';
import { type AcercaDeApi, createAcercaDeStore } from './acercaDe';

const llamadas: string[] = [];
const api = (respuesta: () => Result<unknown>): AcercaDeApi => ({
  call: async (name) => {
    llamadas.push(name);
    return respuesta() as never;
  },
});

describe('Ajustes › Acerca de', () => {
  it('muestra la versión y los avisos que main leyó', async () => {
    const datos = {
      version: '1.2.3',
      terceros: 'SumatraPDF 3.4.6 …',
      carpetaLicencias: '/opt/Mostrador/resources/resources/licencias',
    };
    const store = createAcercaDeStore(api(() => ok(datos)));
    await store.getState().cargar();
    expect(llamadas.at(-1)).toBe('app.acercaDe');
    expect(store.getState()).toMatchObject({ datos, error: null });
  });

  it('sin los avisos dice por qué en español, y lo deja al volver a cargar bien', async () => {
    let falla = true;
    const store = createAcercaDeStore(
      api(() =>
        falla
          ? err('licencias_no_encontradas', 'Esta instalación no trae los avisos de licencias.')
          : ok({ version: '1', terceros: 'x', carpetaLicencias: '/l' }),
      ),
    );
    await store.getState().cargar();
    expect(store.getState()).toMatchObject({
      datos: null,
      error: 'Esta instalación no trae los avisos de licencias.',
    });
    falla = false;
    await store.getState().cargar();
    expect(store.getState()).toMatchObject({ error: null, datos: { terceros: 'x' } });
  });
});
