import { describe, expect, it } from 'vitest';
import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import type { CarritoObtenido } from '../../shared/contract/carrito';
import type { ProductoCaja } from '../../shared/contract/catalogo';
import { err, ok, type Result } from '../../shared/result';
import { persistirCarrito } from './carritoPersistente';
import { createCobroStore } from './cobro';

const leche: ProductoCaja = {
  id: 'p-leche',
  codigo: 'TDL-001',
  codigoAuxiliar: null,
  descripcion: 'Leche entera 1 L',
  precioUnitarioMicros: 1_050_000,
  ivaCodigoPorcentaje: '0',
  tarifaIva: 0,
  unidad: 'unidad',
  pesable: false,
  descuentoMaximoBp: 0,
  codigosBarras: ['7861234567895'],
};

/** A fake main: keeps what `carrito.guardar` was sent and answers `carrito.obtener`. */
const montar = (guardado: CarritoObtenido | null) => {
  const guardados: CallInput<'carrito.guardar'>[] = [];
  let n = 0;
  const api = {
    call: async <K extends CallName>(name: K, input: CallInput<K>) => {
      if (name === 'carrito.guardar') guardados.push(input as CallInput<'carrito.guardar'>);
      if (name === 'carrito.obtener') return ok(guardado) as Result<CallOutput<K>>;
      if (name === 'carrito.guardar') return ok({ guardado: true }) as Result<CallOutput<K>>;
      // Totals and the print job are not what these tests are about.
      return err('interno', 'Sin respuesta en la prueba.') as Result<CallOutput<K>>;
    },
    subscribe: () => () => {},
  };
  const store = createCobroStore({
    api,
    nuevoId: () => `00000000-0000-4000-8000-00000000000${n++}`,
    esperaBusquedaMs: 0,
  });
  return { store, api, guardados };
};

const hasta = async (cond: () => boolean): Promise<void> => {
  for (let i = 0; i < 100 && !cond(); i++) await new Promise((r) => setTimeout(r, 1));
};

describe('el carrito en curso se guarda en main', () => {
  it('trae el carrito guardado con su ventaId, y una ráfaga de escaneos se guarda una vez', async () => {
    const { store, api, guardados } = montar({
      ventaId: 'aaaaaaaa-0000-4000-8000-000000000001',
      comprador: null,
      lineas: [{ producto: leche, cantidad: '2', descuentoCentavos: 0 }],
      pagos: [],
      registrada: null,
    });
    await persistirCarrito(store, api, 0);
    expect(store.getState().ventaId).toBe('aaaaaaaa-0000-4000-8000-000000000001');
    expect(store.getState().lineas.map((l) => l.cantidadMicros)).toEqual([2_000_000]);
    await hasta(() => guardados.length > 0);
    guardados.length = 0;
    for (let i = 0; i < 5; i++) store.getState().agregarProducto(leche);
    await hasta(() => guardados.length > 0);
    await new Promise((r) => setTimeout(r, 5));
    expect(guardados.length).toBe(1);
    expect(guardados[0]?.lineas).toEqual([
      { productoId: 'p-leche', cantidad: '7', descuentoCentavos: 0 },
    ]);
  });

  it('una venta ya registrada se muestra hecha y empieza un carrito nuevo', async () => {
    const { store, api, guardados } = montar({
      ventaId: 'aaaaaaaa-0000-4000-8000-000000000001',
      comprador: null,
      lineas: [{ producto: leche, cantidad: '1', descuentoCentavos: 0 }],
      pagos: [],
      registrada: {
        documentoId: 'd1',
        numero: '001-001-000000023',
        totalCentavos: 105,
        vueltoCentavos: 0,
        estado: 'SIGNED',
      },
    });
    await persistirCarrito(store, api, 0);
    const s = store.getState();
    expect(s.lineas).toEqual([]);
    expect(s.ventaId).not.toBe('aaaaaaaa-0000-4000-8000-000000000001');
    expect(s.mensaje?.texto).toBe('Venta 001-001-000000023 ya registrada: no se cobró otra vez.');
    expect(s.recientes[0]?.numero).toBe('001-001-000000023');
    await hasta(() => guardados.length > 0);
    expect(guardados[0]?.ventaId).toBe(s.ventaId);
  });
});
