import { describe, expect, it } from 'vitest';
import type { PantallaCliente } from '../../shared/contract/pantallaCliente';
import type { Calculo, Cobro } from '../../shared/contract/ventas';
import { ok } from '../../shared/result';
import { createPantallaCliente } from './service';

const V1 = '00000000-0000-4000-8000-000000000001';
const V2 = '00000000-0000-4000-8000-000000000002';

const calculo = (total: number, pagado: number): Calculo => ({
  lineas: [{ subtotalCentavos: 100, totalSinImpuestoCentavos: 100, ivaCentavos: 15, tarifa: 1500 }],
  totales: {
    subtotalCentavos: 100,
    descuentoCentavos: 0,
    subtotalSinImpuestosCentavos: 100,
    impuestos: [],
    ivaCentavos: 15,
    totalCentavos: total,
  } as unknown as Calculo['totales'],
  pagadoCentavos: pagado,
  faltaCentavos: Math.max(0, total - pagado),
  vueltoCentavos: Math.max(0, pagado - total),
  avisos: [],
});

const crear = () => {
  const vistos: PantallaCliente[] = [];
  const pantalla = createPantallaCliente({
    calcular: (carrito) =>
      ok(
        calculo(
          115,
          carrito.pagos.reduce((a, p) => a + p.montoCentavos, 0),
        ),
      ),
    descripcion: (id) => (id === 'leche' ? 'Leche entera Vita 1 L' : null),
    tienda: () => ({ nombre: 'Tienda Don Lucho', logo: null }),
    claveDe: () => '1'.repeat(49),
    emitir: (p) => vistos.push(p),
  });
  return { pantalla, vistos };
};

describe('pantalla del cliente', () => {
  it('muestra las líneas con el precio de main, el pago, el vuelto y luego el QR', () => {
    const { pantalla, vistos } = crear();
    expect(pantalla.estado()).toMatchObject({ tienda: { nombre: 'Tienda Don Lucho' }, lineas: [] });
    pantalla.alGuardarCarrito({
      ventaId: V1,
      comprador: null,
      lineas: [{ productoId: 'leche', cantidad: '1.000', descuentoCentavos: 0 }],
      pagos: [{ formaPago: '01', montoCentavos: 2000 }],
    });
    expect(vistos.at(-1)).toMatchObject({
      lineas: [{ descripcion: 'Leche entera Vita 1 L', cantidad: '1', totalCentavos: 115 }],
      totalCentavos: 115,
      pagadoCentavos: 2000,
      vueltoCentavos: 1885,
      venta: null,
    });
    pantalla.alCobrar(
      {
        ventaId: V1,
        documentoId: 'd1',
        numero: '001-001-000000001',
        totales: { totalCentavos: 115 },
        vueltoCentavos: 1885,
      } as unknown as Cobro,
      2000,
    );
    // A save of the charged cart that arrives late, then the next cart, empty: the sale stays.
    pantalla.alGuardarCarrito({
      ventaId: V1,
      comprador: null,
      lineas: [{ productoId: 'leche', cantidad: '1.000', descuentoCentavos: 0 }],
      pagos: [{ formaPago: '01', montoCentavos: 2000 }],
    });
    pantalla.alGuardarCarrito({ ventaId: V2, comprador: null, lineas: [], pagos: [] });
    expect(pantalla.estado()).toMatchObject({
      vueltoCentavos: 1885,
      venta: { numero: '001-001-000000001', autorizada: false },
      qr: null,
    });
    pantalla.alAutorizar('otro');
    expect(pantalla.estado().qr).toBeNull();
    pantalla.alAutorizar('d1');
    const qr = pantalla.estado().qr;
    expect(qr?.columnas).toBe(25);
    expect(qr?.modulos).toMatch(/^[01]{625}$/);
    // The next scan replaces the sale with the new cart.
    pantalla.alGuardarCarrito({
      ventaId: V2,
      comprador: null,
      lineas: [{ productoId: 'leche', cantidad: '2', descuentoCentavos: 0 }],
      pagos: [],
    });
    expect(pantalla.estado()).toMatchObject({ venta: null, qr: null, pagadoCentavos: 0 });
  });
});
