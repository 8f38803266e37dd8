import { describe, expect, it } from 'vitest';
import type { Impresoras, Logo } from '../../shared/contract/ajustes';
import { err, ok, type Result } from '../../shared/result';
import { createImpresorasStore, type ImpresorasApi } from './impresoras';

const lista = (nombres: string[]): Impresoras => ({
  impresoras: nombres.map((nombre, i) => ({
    id: `p${i}`,
    nombre,
    tipo: 'escpos_spooler',
    host: null,
    puerto: null,
    cola: 'TM20',
    perfil: 'tm-t20iii',
    papel: '80mm',
    predeterminada: i === 0,
    abrirCajon: true,
  })),
  perfiles: [{ id: 'tm-t20iii', nombre: 'Epson TM-T20III' }],
  trabajosPendientes: 0,
});

/** A fake main: records each call and answers from a table the test fills. */
const fakeApi = (respuestas: Record<string, (input: unknown) => Result<unknown>>) => {
  const llamadas: { name: string; input: unknown }[] = [];
  const api: ImpresorasApi = {
    call: async (name, input) => {
      llamadas.push({ name, input });
      const responder = respuestas[name];
      if (responder === undefined) return err('interno', `sin respuesta para ${name}`);
      return responder(input) as never;
    },
  };
  return { api, llamadas };
};

describe('store de Ajustes › Impresoras', () => {
  it('carga la lista y las colas del sistema; sin CUPS dice por qué no hay colas', async () => {
    let conCups = true;
    const { api } = fakeApi({
      'ajustes.impresoras': () => ok(lista(['Caja USB'])),
      'ajustes.impresorasSistema': () =>
        conCups
          ? ok({ colas: [{ nombre: 'TM20', estado: 'lista' }] })
          : err('spooler_no_disponible', 'No se encontró el comando «lpstat» (CUPS).'),
    });
    const store = createImpresorasStore(api, () => {});
    await store.getState().cargar();
    await store.getState().cargarColas();
    expect(store.getState().datos?.impresoras.map((i) => i.nombre)).toEqual(['Caja USB']);
    expect(store.getState().colas).toEqual([{ nombre: 'TM20', estado: 'lista' }]);
    conCups = false;
    await store.getState().cargarColas();
    expect(store.getState()).toMatchObject({
      colas: [],
      avisoColas: 'No se encontró el comando «lpstat» (CUPS).',
    });
  });

  it('guardar y quitar llevan la aprobación y reemplazan la lista; un error no la toca', async () => {
    const { api, llamadas } = fakeApi({
      'ajustes.guardarImpresora': () => ok(lista(['Caja USB', 'Oficina'])),
      'ajustes.eliminarImpresora': () => err('impresora_desconocida', 'La impresora ya no existe.'),
    });
    const store = createImpresorasStore(api, () => {});
    const entrada = {
      nombre: 'Oficina',
      tipo: 'pdf_spooler' as const,
      host: null,
      puerto: null,
      cola: 'HP',
      perfil: 'tm-t20iii' as const,
      papel: 'a4' as const,
      predeterminada: false,
      abrirCajon: false,
    };
    expect(await store.getState().guardar(entrada, { token: 'a'.repeat(32) })).toBeNull();
    expect(llamadas[0]).toEqual({
      name: 'ajustes.guardarImpresora',
      input: { impresora: entrada, autorizacion: { token: 'a'.repeat(32) } },
    });
    expect(store.getState().datos?.impresoras).toHaveLength(2);
    expect(await store.getState().eliminar('p1')).toMatchObject({
      code: 'impresora_desconocida',
    });
    expect(llamadas[1]).toEqual({ name: 'ajustes.eliminarImpresora', input: { id: 'p1' } });
    expect(store.getState().datos?.impresoras).toHaveLength(2);
  });

  it('la página de prueba deja su resultado en la fila de esa impresora', async () => {
    const { api } = fakeApi({
      'ajustes.probarImpresora': (input) =>
        (input as { id: string }).id === 'p0'
          ? ok({ mensaje: 'La página de prueba salió por «Caja USB».' })
          : err('impresora_apagada', 'La impresora «USB80» está apagada o desconectada.'),
      'ajustes.impresoras': () => ok(lista(['Caja USB'])),
    });
    const store = createImpresorasStore(api, () => {});
    await store.getState().probar('p0');
    await store.getState().probar('p1');
    expect(store.getState().pruebas).toEqual({
      p0: { tipo: 'ok', texto: 'La página de prueba salió por «Caja USB».' },
      p1: { tipo: 'error', texto: 'La impresora «USB80» está apagada o desconectada.' },
    });
    expect(store.getState().probando).toBeNull();
  });

  it('el logo: guardado con la aprobación se publica; un error se dice en español; cancelar no deja nota', async () => {
    const publicados: Logo[] = [];
    const logo: Logo = { imagenBase64: 'iVBO', tipo: 'image/png', ancho: 200, alto: 80 };
    let respuesta: Result<Logo> = ok(logo);
    const { api, llamadas } = fakeApi({ 'ajustes.guardarLogo': () => respuesta });
    const store = createImpresorasStore(api, (l) => publicados.push(l));
    const s = store.getState();
    const aprobacion = { usuarioId: 'u1', pin: '9012' };
    await s.cambiarLogo(() => s.guardarLogo('iVBO', aprobacion), 'Logo guardado: sale en el RIDE.');
    expect(llamadas).toEqual([
      { name: 'ajustes.guardarLogo', input: { imagenBase64: 'iVBO', autorizacion: aprobacion } },
    ]);
    expect(publicados).toEqual([logo]);
    expect(store.getState().notaLogo).toEqual({
      tipo: 'ok',
      texto: 'Logo guardado: sale en el RIDE.',
    });

    respuesta = err('logo_grande', 'El logo pasa de 512 KB.');
    await s.cambiarLogo(() => s.guardarLogo(null), 'Logo quitado.');
    expect(store.getState().notaLogo).toEqual({ tipo: 'error', texto: 'El logo pasa de 512 KB.' });
    expect(publicados).toHaveLength(1);

    await s.cambiarLogo(async () => 'cancelado', 'Logo quitado.');
    expect(store.getState().notaLogo).toBeNull();
    expect(llamadas).toHaveLength(2);
  });
});
