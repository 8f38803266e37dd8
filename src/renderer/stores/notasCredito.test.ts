import { describe, expect, it } from 'vitest';
import type { FacturaParaNota } from '../../shared/contract/notasCredito';
import { createNotasCreditoStore, lineasPedidas, type NotasCreditoApi } from './notasCredito';

const factura: FacturaParaNota = {
  id: 'f1',
  numero: '001-001-000000007',
  claveAcceso: '1'.repeat(49),
  fechaEmision: '2026-11-25',
  comprador: { tipoIdentificacion: '05', identificacion: '0923456784', razonSocial: 'María' },
  totalCentavos: 575,
  estado: 'AUTHORIZED',
  noElegible: null,
  lineas: [
    {
      linea: 1,
      codigo: 'A',
      descripcion: 'Leche',
      cantidadMicros: 3_000_000,
      precioUnitarioMicros: 1_050_000,
      descuentoCentavos: 0,
      subtotalCentavos: 315,
      ivaCodigoPorcentaje: '0',
      tarifa: 0,
      devueltaMicros: 1_000_000,
      disponibleMicros: 2_000_000,
    },
  ],
  reembolsos: ['01', '19'],
  notas: [],
};

const api = (llamadas: string[]): NotasCreditoApi =>
  ({
    call: async (name: string) => {
      llamadas.push(name);
      if (name === 'notasCredito.factura') return { ok: true, value: factura };
      if (name === 'notasCredito.buscar') return { ok: true, value: [factura] };
      return { ok: false, error: { code: 'x', message: 'x' } };
    },
    subscribe: () => () => {},
  }) as unknown as NotasCreditoApi;

describe('notas de crédito en el renderer', () => {
  it('manda las cantidades con punto decimal y sin las líneas en cero', () => {
    expect(lineasPedidas({ 1: '1,5', 2: '0', 3: '', 4: '2' })).toEqual([
      { linea: 1, cantidad: '1.5' },
      { linea: 4, cantidad: '2' },
    ]);
  });

  it('una búsqueda con un solo resultado abre la factura', async () => {
    const llamadas: string[] = [];
    const store = createNotasCreditoStore(api(llamadas));
    store.getState().setTexto('001-001-7');
    await store.getState().buscar();
    expect(llamadas).toEqual(['notasCredito.buscar', 'notasCredito.factura']);
    expect(store.getState().factura?.id).toBe('f1');
  });

  it('marca una cantidad mayor a lo que queda y no pide autorización', async () => {
    const store = createNotasCreditoStore(api([]));
    await store.getState().abrir('f1');
    store.getState().setCantidad(1, '3');
    expect(store.getState().erroresLinea[1]).toBe('Quedan 2 por devolver.');
    store.getState().setMotivo('Dañado');
    store.getState().pedirAutorizacion();
    expect(store.getState().autorizando).toBe(false);
    expect(store.getState().mensaje?.texto).toBe('Corrija las cantidades marcadas.');
  });

  it('sin motivo no abre la autorización del supervisor', async () => {
    const store = createNotasCreditoStore(api([]));
    await store.getState().abrir('f1');
    store.getState().setCantidad(1, '1');
    store.getState().pedirAutorizacion();
    expect(store.getState().mensaje?.texto).toBe('Escriba el motivo de la devolución.');
    store.getState().setMotivo('Producto dañado');
    store.getState().pedirAutorizacion();
    expect(store.getState().autorizando).toBe(true);
  });
});
