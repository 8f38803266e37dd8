import { describe, expect, it } from 'vitest';
import type { DocumentoFila } from '../../shared/contract/conciliacion';
import { err, ok } from '../../shared/result';
import { ventana } from '../screens/conciliacion/ListaVirtual';
import { type ConciliacionApi, createConciliacionStore, hoyEcuador } from './conciliacion';

const fila = (i: number): DocumentoFila => ({
  id: `d${String(1000 - i).padStart(4, '0')}`,
  codDoc: '01',
  numero: `001-001-${String(i).padStart(9, '0')}`,
  claveAcceso: '1'.repeat(49),
  fechaEmision: '2026-11-25',
  estado: 'AUTHORIZED',
  comprador: { identificacion: '9999999999999', razonSocial: 'CONSUMIDOR FINAL' },
  totalCentavos: 100,
  ultimoMensajeSri: null,
  creadoEn: '2026-11-25T15:00:00.000Z',
  actualizadoEn: '2026-11-25T15:00:00.000Z',
  entrega: null,
  impresion: null,
});

/** 250 documents served 100 at a time, like main does. */
const fakeApi = (llamadas: string[]): ConciliacionApi => {
  const todas = Array.from({ length: 250 }, (_, i) => fila(i));
  const call = async (name: string, input: unknown) => {
    llamadas.push(name);
    switch (name) {
      case 'conciliacion.listar': {
        const { cursor } = input as { cursor: { id: string } | null };
        const desde = cursor === null ? 0 : todas.findIndex((f) => f.id === cursor.id) + 1;
        const pagina = todas.slice(desde, desde + 100);
        const ultima = pagina.at(-1);
        return ok({
          documentos: pagina,
          siguiente:
            desde + 100 < todas.length && ultima !== undefined
              ? { fechaEmision: ultima.fechaEmision, id: ultima.id }
              : null,
        });
      }
      case 'conciliacion.reintentar':
        return err('requiere_correccion', 'Debe corregirse y firmarse de nuevo.');
      default:
        return err('no_en_prueba', name);
    }
  };
  return { call: call as ConciliacionApi['call'], subscribe: () => () => {} };
};

describe('lista de Conciliación', () => {
  it('la ventana visible incluye un margen y nunca pasa del total', () => {
    expect(ventana(0, 400, 40, 1000)).toEqual({ inicio: 0, fin: 18 });
    expect(ventana(4000, 400, 40, 1000)).toEqual({ inicio: 92, fin: 118 });
    expect(ventana(39_800, 400, 40, 1000)).toEqual({ inicio: 987, fin: 1000 });
  });

  it('pide las páginas siguientes con el cursor hasta el final, sin repetir filas', async () => {
    const llamadas: string[] = [];
    const store = createConciliacionStore(fakeApi(llamadas), '2026-11-25');
    await store.getState().cargar();
    expect(store.getState().filas).toHaveLength(100);
    await store.getState().masFilas();
    await store.getState().masFilas();
    await store.getState().masFilas();
    const ids = store.getState().filas.map((f) => f.id);
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    expect(store.getState().siguiente).toBeNull();
    expect(llamadas.filter((n) => n === 'conciliacion.listar')).toHaveLength(3);
  });

  it('muestra el mensaje del servicio cuando un reintento no procede', async () => {
    const store = createConciliacionStore(fakeApi([]), '2026-11-25');
    await store.getState().reintentar('d1000');
    expect(store.getState().mensaje).toEqual({
      tipo: 'error',
      texto: 'Debe corregirse y firmarse de nuevo.',
    });
  });

  it('el día de hoy es el de Ecuador (UTC−5)', () => {
    expect(hoyEcuador(new Date('2026-11-26T04:59:00.000Z'))).toBe('2026-11-25');
    expect(hoyEcuador(new Date('2026-11-26T05:00:00.000Z'))).toBe('2026-11-26');
  });
});
