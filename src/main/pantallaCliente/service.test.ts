import { describe, expect, it } from 'vitest';
import { MENSAJE_CORREO_INVALIDO } from '../../shared/contract/correo';
import type { PantallaCliente } from '../../shared/contract/pantallaCliente';
import type { Calculo, Cobro } from '../../shared/contract/ventas';
import { ok } from '../../shared/result';
import { createPantallaCliente, MAX_PROPUESTAS_POR_CARRITO, PAUSA_PROPUESTAS_MS } from './service';

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
  const propuestas: { ventaId: string; email: string }[] = [];
  const reloj = { ms: 0 };
  let solicitudes = 0;
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
    proponer: (p) => propuestas.push(p),
    nuevaSolicitud: () => `solicitud-${++solicitudes}`,
    ahora: () => reloj.ms,
  });
  return { pantalla, vistos, propuestas, reloj };
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

  describe('el correo que escribe el comprador', () => {
    const ANA = {
      tipoIdentificacion: '05' as const,
      identificacion: '1710034065',
      razonSocial: 'Ana Pérez',
    };
    const carrito = (
      ventaId: string,
      comprador: typeof ANA | (typeof ANA & { email: string }) | null,
    ) => ({
      ventaId,
      comprador,
      lineas: [{ productoId: 'leche', cantidad: '1', descuentoCentavos: 0 }],
      pagos: [],
    });

    it('se pide solo con un comprador identificado sin correo y un carrito con productos', () => {
      const { pantalla } = crear();
      pantalla.alGuardarCarrito(carrito(V1, null));
      expect(pantalla.estado().correo).toBeNull();
      pantalla.alGuardarCarrito(carrito(V1, { ...ANA, email: 'ana@correo.ec' }));
      expect(pantalla.estado().correo).toBeNull();
      pantalla.alGuardarCarrito({ ...carrito(V1, ANA), lineas: [] });
      expect(pantalla.estado().correo).toBeNull();
      pantalla.alGuardarCarrito(carrito(V1, ANA));
      const pedido = pantalla.estado().correo;
      expect(pedido).toEqual({ solicitud: 'solicitud-1' });
      // Another save of the same cart keeps the same request (a typed address stays valid).
      pantalla.alGuardarCarrito({
        ...carrito(V1, ANA),
        pagos: [{ formaPago: '01', montoCentavos: 500 }],
      });
      expect(pantalla.estado().correo).toEqual(pedido);
      // The sale ends the request.
      pantalla.alCobrar(
        {
          ventaId: V1,
          documentoId: 'd1',
          numero: '001-001-000000001',
          totales: { totalCentavos: 115 },
          vueltoCentavos: 0,
        } as unknown as Cobro,
        115,
      );
      expect(pantalla.estado().correo).toBeNull();
    });

    it('pasa a la caja el correo válido de la compra en pantalla, sin guardarlo', () => {
      const { pantalla, propuestas } = crear();
      pantalla.alGuardarCarrito(carrito(V1, ANA));
      const solicitud = pantalla.estado().correo?.solicitud ?? '';
      expect(pantalla.proponerCorreo({ solicitud, email: ' ana@correo.ec ' })).toEqual(
        ok({ enviado: true }),
      );
      expect(propuestas).toEqual([{ ventaId: V1, email: 'ana@correo.ec' }]);
      // Main wrote nothing: the cart still asks until the cashier saves it with the address.
      expect(pantalla.estado().correo).toEqual({ solicitud });
      pantalla.alGuardarCarrito(carrito(V1, { ...ANA, email: 'ana@correo.ec' }));
      expect(pantalla.estado().correo).toBeNull();
      expect(pantalla.proponerCorreo({ solicitud, email: 'otra@correo.ec' })).toMatchObject({
        ok: false,
        error: { code: 'correo_no_pedido' },
      });
      expect(propuestas).toHaveLength(1);
    });

    it('rechaza un correo inválido con el mensaje de Cobro, y lo que no es una propuesta', () => {
      const { pantalla, propuestas } = crear();
      pantalla.alGuardarCarrito(carrito(V1, ANA));
      const solicitud = pantalla.estado().correo?.solicitud ?? '';
      for (const email of ['ana', 'ana@correo', 'ana @correo.ec', `${'a'.repeat(250)}@correo.ec`]) {
        expect(pantalla.proponerCorreo({ solicitud, email })).toEqual({
          ok: false,
          error: { code: 'validacion', message: MENSAJE_CORREO_INVALIDO, field: 'email' },
        });
      }
      for (const entrada of [
        null,
        'ana@correo.ec',
        { email: 'ana@correo.ec' },
        { solicitud, email: 'ana@correo.ec', ventaId: V1 },
      ]) {
        expect(pantalla.proponerCorreo(entrada)).toMatchObject({ ok: false });
      }
      expect(propuestas).toEqual([]);
    });

    it('solo mientras hay una compra que lo pide, y para esa compra', () => {
      const { pantalla, propuestas } = crear();
      expect(pantalla.proponerCorreo({ solicitud: 'x', email: 'ana@correo.ec' })).toMatchObject({
        ok: false,
        error: { code: 'correo_no_pedido' },
      });
      pantalla.alGuardarCarrito(carrito(V1, ANA));
      const vieja = pantalla.estado().correo?.solicitud ?? '';
      // The cashier moves on to another buyer's cart: the old request no longer counts.
      pantalla.alGuardarCarrito(carrito(V2, ANA));
      expect(pantalla.estado().correo?.solicitud).not.toBe(vieja);
      expect(pantalla.proponerCorreo({ solicitud: vieja, email: 'ana@correo.ec' })).toMatchObject({
        ok: false,
        error: { code: 'correo_no_pedido' },
      });
      pantalla.alGuardarCarrito({ ...carrito(V2, ANA), lineas: [] });
      expect(pantalla.estado().correo).toBeNull();
      expect(propuestas).toEqual([]);
    });

    it('si el cajero la descarta, la pantalla vuelve a pedirlo con otra solicitud', () => {
      const { pantalla, propuestas, reloj } = crear();
      pantalla.alGuardarCarrito(carrito(V1, ANA));
      const primera = pantalla.estado().correo?.solicitud ?? '';
      expect(pantalla.proponerCorreo({ solicitud: primera, email: 'ana@correo.ec' }).ok).toBe(true);
      // another cart's discard changes nothing
      expect(pantalla.descartarCorreo(V2)).toBe(false);
      expect(pantalla.estado().correo).toEqual({ solicitud: primera });
      expect(pantalla.descartarCorreo(V1)).toBe(true);
      const segunda = pantalla.estado().correo?.solicitud ?? '';
      expect(segunda).not.toBe(primera);
      // the old request is spent; the new one still keeps the pace
      reloj.ms += PAUSA_PROPUESTAS_MS;
      expect(pantalla.proponerCorreo({ solicitud: primera, email: 'x@correo.ec' })).toMatchObject({
        ok: false,
        error: { code: 'correo_no_pedido' },
      });
      expect(pantalla.proponerCorreo({ solicitud: segunda, email: 'ana.p@correo.ec' }).ok).toBe(
        true,
      );
      expect(propuestas.map((p) => p.email)).toEqual(['ana@correo.ec', 'ana.p@correo.ec']);
      // once charged, nothing asks and a discard is refused
      pantalla.alCobrar(
        {
          ventaId: V1,
          documentoId: 'd1',
          numero: '001-001-000000001',
          totales: { totalCentavos: 115 },
          vueltoCentavos: 0,
        } as unknown as Cobro,
        115,
      );
      expect(pantalla.descartarCorreo(V1)).toBe(false);
      expect(pantalla.estado().correo).toBeNull();
    });

    it('una propuesta por pausa y pocas por carrito: la caja no se inunda', () => {
      const { pantalla, propuestas, reloj } = crear();
      pantalla.alGuardarCarrito(carrito(V1, ANA));
      const solicitud = pantalla.estado().correo?.solicitud ?? '';
      expect(pantalla.proponerCorreo({ solicitud, email: 'ana@correo.ec' }).ok).toBe(true);
      reloj.ms += PAUSA_PROPUESTAS_MS - 1;
      expect(pantalla.proponerCorreo({ solicitud, email: 'ana2@correo.ec' })).toMatchObject({
        ok: false,
        error: { code: 'limite' },
      });
      for (let i = 1; i < MAX_PROPUESTAS_POR_CARRITO; i++) {
        reloj.ms += PAUSA_PROPUESTAS_MS;
        expect(pantalla.proponerCorreo({ solicitud, email: `ana${i}@correo.ec` }).ok).toBe(true);
      }
      reloj.ms += PAUSA_PROPUESTAS_MS;
      expect(pantalla.proponerCorreo({ solicitud, email: 'ultima@correo.ec' })).toMatchObject({
        ok: false,
        error: { code: 'limite' },
      });
      expect(propuestas).toHaveLength(MAX_PROPUESTAS_POR_CARRITO);
    });
  });
});
