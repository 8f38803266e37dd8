import { describe, expect, it } from 'vitest';
import type { CallInput, CallName, CallOutput, EventPayload } from '../../shared/contract';
import type { ProductoCaja } from '../../shared/contract/catalogo';
import type { Calculo } from '../../shared/contract/ventas';
import { err, ok, type Result } from '../../shared/result';
import { parseCantidadMicros, subtotalLineaCentavos } from '../screens/cobro/dinero';
import { type CobroApi, createCobroStore } from './cobro';

const producto = (over: Partial<ProductoCaja> = {}): ProductoCaja => ({
  id: 'p-leche',
  codigo: 'TDL-001',
  codigoAuxiliar: null,
  descripcion: 'Leche entera Vita 1 L',
  precioUnitarioMicros: 1_050_000,
  ivaCodigoPorcentaje: '0',
  tarifaIva: 0,
  unidad: 'unidad',
  pesable: false,
  descuentoMaximoBp: 1000,
  codigosBarras: ['7861042100377'],
  ...over,
});

const tomate = producto({
  id: 'p-tomate',
  codigo: 'TDL-020',
  descripcion: 'Tomate riñón',
  unidad: 'kg',
  pesable: true,
  codigosBarras: ['2000020000003'],
});

const calculo = (totalCentavos: number, over: Partial<Calculo> = {}): Calculo => ({
  lineas: [],
  totales: {
    subtotalCentavos: totalCentavos,
    descuentoCentavos: 0,
    totalSinImpuestosCentavos: totalCentavos,
    impuestos: [],
    ivaCentavos: 0,
    totalCentavos,
  },
  pagadoCentavos: 0,
  faltaCentavos: totalCentavos,
  vueltoCentavos: 0,
  avisos: [],
  ...over,
});

type Responder = { [K in CallName]?: (input: CallInput<K>) => Promise<Result<CallOutput<K>>> };

/** A fake service: each call answers with what the test says, and is recorded. */
const fakeApi = (responder: Responder) => {
  const llamadas: { name: CallName; input: unknown }[] = [];
  const oyentes = new Map<string, (p: never) => void>();
  const api: CobroApi = {
    call: <K extends CallName>(name: K, input: CallInput<K>) => {
      llamadas.push({ name, input });
      const r = responder[name] as
        | ((input: CallInput<K>) => Promise<Result<CallOutput<K>>>)
        | undefined;
      if (r === undefined) throw new Error(`llamada no esperada: ${name}`);
      return r(input);
    },
    subscribe: (name, listener) => {
      oyentes.set(name, listener as (p: never) => void);
      return () => {
        oyentes.delete(name);
      };
    },
  };
  return {
    api,
    llamadas,
    de: (name: CallName) => llamadas.filter((l) => l.name === name),
    emitir: (p: EventPayload<'documento'>) =>
      (oyentes.get('documento') as ((p: EventPayload<'documento'>) => void) | undefined)?.(p),
    emitirImpresion: (p: EventPayload<'impresion'>) =>
      (oyentes.get('impresion') as ((p: EventPayload<'impresion'>) => void) | undefined)?.(p),
    emitirCorreo: (p: EventPayload<'pantallaCliente.correoPropuesto'>) =>
      (
        oyentes.get('pantallaCliente.correoPropuesto') as
          | ((p: EventPayload<'pantallaCliente.correoPropuesto'>) => void)
          | undefined
      )?.(p),
  };
};

const crear = (responder: Responder) => {
  // After a sale the store asks for its print job; these tests are not about printing.
  const fake = fakeApi({
    'documentos.obtener': async () => err('no_encontrado', 'Sin documento en la prueba.'),
    ...responder,
  });
  let n = 0;
  const store = createCobroStore({
    api: fake.api,
    nuevoId: () => `00000000-0000-4000-8000-00000000000${n++}`,
    esperaBusquedaMs: 0,
  });
  return { ...fake, store };
};

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

const catalogo =
  (productos: ProductoCaja[]): NonNullable<Responder['catalogo.escanear']> =>
  async ({ codigo }) =>
    ok({
      producto:
        productos.find((p) => p.codigosBarras.includes(codigo) || p.codigo === codigo) ?? null,
      cantidadMicros: null,
    });

const calcularTotal: NonNullable<Responder['ventas.calcular']> = async (carrito) => {
  const total = carrito.lineas.reduce(
    (a, l) =>
      a +
      subtotalLineaCentavos(
        parseCantidadMicros(l.cantidad) ?? 0,
        // Like main: the catalog's price, never one the cart carries.
        (l.productoId === tomate.id ? tomate : producto()).precioUnitarioMicros,
      ),
    0,
  );
  const pagado = (carrito.pagos ?? []).reduce((a, p) => a + p.montoCentavos, 0);
  return ok(
    calculo(total, {
      pagadoCentavos: pagado,
      faltaCentavos: Math.max(0, total - pagado),
      vueltoCentavos: Math.max(0, pagado - total),
    }),
  );
};

describe('escanear', () => {
  it('un código repetido suma uno a la cantidad sin volver a consultar el catálogo', async () => {
    const { store, de } = crear({
      'catalogo.escanear': catalogo([producto()]),
      'ventas.calcular': calcularTotal,
    });
    await store.getState().escanear('7861042100377');
    await store.getState().escanear('7861042100377');
    await store.getState().escanear(' 7861042100377 ');
    const { lineas } = store.getState();
    expect(lineas).toHaveLength(1);
    expect(lineas[0]?.cantidadMicros).toBe(3_000_000);
    expect(de('catalogo.escanear')).toHaveLength(1);
  });

  it('un producto pesable va en su propia línea y pide el peso', async () => {
    const { store } = crear({
      'catalogo.escanear': catalogo([tomate]),
      'ventas.calcular': calcularTotal,
    });
    await store.getState().escanear('2000020000003');
    await store.getState().escanear('2000020000003');
    expect(store.getState().lineas).toHaveLength(2);
    expect(store.getState().mensaje?.texto).toContain('escriba el peso con F9');
  });

  it('una etiqueta de balanza agrega la línea con la cantidad que main leyó', async () => {
    const { store } = crear({
      'catalogo.escanear': async () => ok({ producto: tomate, cantidadMicros: 1_250_000 }),
      'ventas.calcular': calcularTotal,
    });
    await store.getState().escanear('2000020012503');
    await store.getState().escanear('2000020012503');
    const { lineas, mensaje } = store.getState();
    expect(lineas.map((l) => l.cantidadMicros)).toEqual([1_250_000, 1_250_000]);
    expect(mensaje).toBeNull();
  });

  it('un código desconocido lo explica y abre la búsqueda con ese código', async () => {
    const { store, de } = crear({
      'catalogo.escanear': catalogo([]),
      'catalogo.buscar': async () => ok({ productos: [] }),
    });
    await store.getState().escanear('123456');
    await tick();
    const s = store.getState();
    expect(s.mensaje).toMatchObject({ tipo: 'error', code: 'producto_no_encontrado' });
    expect(s.mensaje?.texto).toContain('«123456»');
    expect(s.panel).toBe('busqueda');
    expect(s.busqueda.texto).toBe('123456');
    expect(de('catalogo.buscar')[0]?.input).toEqual({ texto: '123456', limite: 20 });
  });

  it('las lecturas rápidas quedan en el orden en que se leyeron aunque las respuestas lleguen al revés', async () => {
    const cafe = producto({ id: 'p-cafe', codigo: 'TDL-030', codigosBarras: ['111'] });
    const pan = producto({ id: 'p-pan', codigo: 'TDL-031', codigosBarras: ['222'] });
    const { store } = crear({
      'catalogo.escanear': async ({ codigo }) => {
        // The first answer is the slowest.
        await new Promise((r) => setTimeout(r, codigo === '111' ? 20 : 0));
        return catalogo([cafe, pan])({ codigo });
      },
      'ventas.calcular': calcularTotal,
    });
    const a = store.getState().escanear('111');
    const b = store.getState().escanear('222');
    await Promise.all([a, b]);
    expect(store.getState().lineas.map((l) => l.producto.id)).toEqual(['p-cafe', 'p-pan']);
  });

  it('los totales muestran la respuesta del último carrito, no la de uno anterior', async () => {
    const respuestas: ((r: Result<Calculo>) => void)[] = [];
    const { store } = crear({
      'catalogo.escanear': catalogo([producto()]),
      'ventas.calcular': () => new Promise((resolve) => respuestas.push(resolve)),
    });
    await store.getState().escanear('7861042100377');
    await store.getState().escanear('7861042100377');
    expect(respuestas).toHaveLength(2);
    respuestas[1]?.(ok(calculo(210)));
    await tick();
    respuestas[0]?.(ok(calculo(105)));
    await tick();
    expect(store.getState().calculo?.totales.totalCentavos).toBe(210);
    expect(store.getState().calculando).toBe(false);
  });
});

describe('líneas', () => {
  const conLeche = async (p = producto()) => {
    const c = crear({
      'catalogo.escanear': catalogo([p, tomate]),
      'ventas.calcular': calcularTotal,
    });
    await c.store.getState().escanear(p.codigosBarras[0] ?? '');
    return c;
  };

  it('rechaza decimales en un producto que se vende por unidades', async () => {
    const { store } = await conLeche();
    const clave = store.getState().lineas[0]?.clave ?? '';
    expect(store.getState().cambiarCantidad(clave, '1.5')).toBe(false);
    expect(store.getState().mensaje?.code).toBe('cantidad_fraccionada');
    expect(store.getState().lineas[0]?.cantidadMicros).toBe(1_000_000);
  });

  it('acepta un peso con decimales y coma en un producto por kilo', async () => {
    const { store } = crear({
      'catalogo.escanear': catalogo([tomate]),
      'ventas.calcular': calcularTotal,
    });
    await store.getState().escanear('2000020000003');
    const clave = store.getState().lineas[0]?.clave ?? '';
    expect(store.getState().cambiarCantidad(clave, '0,750')).toBe(true);
    expect(store.getState().lineas[0]?.cantidadMicros).toBe(750_000);
  });

  it('no deja poner un descuento mayor al límite del producto', async () => {
    const { store } = await conLeche();
    const clave = store.getState().lineas[0]?.clave ?? '';
    // 10 % of $1.05 is 10 cents.
    expect(store.getState().cambiarDescuento(clave, 11)).toBe(false);
    expect(store.getState().mensaje?.texto).toContain('$0.10');
    expect(store.getState().cambiarDescuento(clave, 10)).toBe(true);
    expect(store.getState().lineas[0]?.descuentoCentavos).toBe(10);
  });

  it('quitar la línea elegida deja el carrito vacío y sin totales', async () => {
    const { store } = await conLeche();
    const clave = store.getState().lineas[0]?.clave ?? '';
    store.getState().quitarLinea(clave);
    await tick();
    expect(store.getState().lineas).toEqual([]);
    expect(store.getState().calculo).toBeNull();
  });
});

describe('cobrar', () => {
  it('si el cobro falla, el carrito, los pagos y el identificador de la venta se conservan', async () => {
    let intentos = 0;
    const { store, de } = crear({
      'catalogo.escanear': catalogo([producto()]),
      'ventas.calcular': calcularTotal,
      'ventas.cobrar': async () => {
        intentos += 1;
        return err(
          'consumidor_final_excede_limite',
          'Una venta a consumidor final no puede superar USD 50.00; el total es USD 60.00. Identifique al comprador.',
        );
      },
    });
    await store.getState().escanear('7861042100377');
    store.getState().agregarPago('01', 2000);
    const ventaId = store.getState().ventaId;
    expect(await store.getState().cobrar()).toBe(false);
    expect(await store.getState().cobrar()).toBe(false);
    const s = store.getState();
    expect(intentos).toBe(2);
    expect(s.lineas).toHaveLength(1);
    expect(s.pagos).toHaveLength(1);
    expect(s.mensaje?.texto).toContain('Identifique al comprador');
    expect(s.cobrando).toBe(false);
    expect(de('ventas.cobrar').map((l) => (l.input as { ventaId: string }).ventaId)).toEqual([
      ventaId,
      ventaId,
    ]);
  });

  it('sin pagos registrados cobra el total exacto en efectivo y empieza una venta nueva', async () => {
    const { store, de } = crear({
      'catalogo.escanear': catalogo([producto()]),
      'ventas.calcular': calcularTotal,
      'ventas.cobrar': async (carrito) =>
        ok({
          ventaId: carrito.ventaId,
          documentoId: 'doc-1',
          claveAcceso: '1'.repeat(49),
          numero: '001-001-000000007',
          fechaEmision: '2025-03-14',
          totales: calculo(105).totales,
          vueltoCentavos: 0,
          estado: 'SIGNED',
          advertencias: [],
          repetida: false,
        }),
    });
    await store.getState().escanear('7861042100377');
    const ventaId = store.getState().ventaId;
    expect(await store.getState().cobrar()).toBe(true);
    expect(de('ventas.cobrar')[0]?.input).toMatchObject({
      ventaId,
      comprador: null,
      lineas: [{ productoId: 'p-leche', cantidad: '1', descuentoCentavos: 0 }],
      pagos: [{ formaPago: '01', montoCentavos: 105 }],
    });
    // Main prices the line from its catalog: the renderer sends no price.
    expect(JSON.stringify(de('ventas.cobrar')[0]?.input)).not.toContain('precioUnitarioMicros');
    const s = store.getState();
    expect(s.lineas).toEqual([]);
    expect(s.pagos).toEqual([]);
    expect(s.ventaId).not.toBe(ventaId);
    expect(s.recientes[0]).toMatchObject({
      numero: '001-001-000000007',
      totalCentavos: 105,
      pagadoCentavos: 105,
      estado: 'SIGNED',
    });
  });

  it('un pago mixto de tarjeta y efectivo guarda lo recibido y el evento del documento actualiza su estado', async () => {
    const { store, emitir } = crear({
      'catalogo.escanear': catalogo([producto()]),
      'ventas.calcular': calcularTotal,
      'ventas.cobrar': async (carrito) =>
        ok({
          ventaId: carrito.ventaId,
          documentoId: 'doc-9',
          claveAcceso: '1'.repeat(49),
          numero: '001-001-000000009',
          fechaEmision: '2025-03-14',
          totales: calculo(1050).totales,
          vueltoCentavos: 950,
          estado: 'SIGNED',
          advertencias: [],
          repetida: false,
        }),
    });
    const dejar = store.getState().escucharDocumentos();
    await store.getState().escanear('7861042100377');
    store.getState().agregarPago('19', 500);
    store.getState().agregarPago('01', 1500);
    expect(await store.getState().cobrar()).toBe(true);
    expect(store.getState().recientes[0]).toMatchObject({
      pagadoCentavos: 2000,
      vueltoCentavos: 950,
    });
    emitir({ documentoId: 'doc-9', estado: 'AUTHORIZED', detalle: null });
    expect(store.getState().recientes[0]?.estado).toBe('AUTHORIZED');
    dejar();
  });

  it('la última venta sigue los eventos de impresión y «Reintentar» reintenta el mismo trabajo', async () => {
    const noSalio = {
      trabajoId: 7,
      documentoId: 'doc-9',
      tipo: 'ride' as const,
      resultado: 'no_impreso' as const,
      mensaje: 'No se imprimió: la impresora «Caja» está apagada o desconectada.',
      reintentable: true,
    };
    const { store, emitirImpresion, de } = crear({
      'catalogo.escanear': catalogo([producto()]),
      'ventas.calcular': calcularTotal,
      'ventas.cobrar': async (carrito) =>
        ok({
          ventaId: carrito.ventaId,
          documentoId: 'doc-9',
          claveAcceso: '1'.repeat(49),
          numero: '001-001-000000009',
          fechaEmision: '2025-03-14',
          totales: calculo(1050).totales,
          vueltoCentavos: 0,
          estado: 'SIGNED',
          advertencias: [],
          repetida: false,
        }),
      'impresion.reintentar': async ({ trabajoId }) =>
        ok({
          ...noSalio,
          trabajoId,
          resultado: 'en_cola',
          mensaje: 'En cola.',
          reintentable: false,
        }),
    });
    const dejar = store.getState().escucharDocumentos();
    await store.getState().escanear('7861042100377');
    expect(await store.getState().cobrar()).toBe(true);
    // Another document's event changes nothing here.
    emitirImpresion({ ...noSalio, documentoId: 'otro' });
    expect(store.getState().recientes[0]?.impresion).toBeNull();
    emitirImpresion(noSalio);
    expect(store.getState().recientes[0]?.impresion).toEqual(noSalio);
    await store.getState().reintentarImpresion();
    expect(de('impresion.reintentar').map((l) => l.input)).toEqual([{ trabajoId: 7 }]);
    expect(store.getState().recientes[0]?.impresion?.resultado).toBe('en_cola');
    emitirImpresion({ ...noSalio, resultado: 'impreso', mensaje: 'Impreso.', reintentable: false });
    expect(store.getState().recientes[0]?.impresion?.mensaje).toBe('Impreso.');
    // The answer to «Reintentar» arriving after the queue's events does not undo them.
    emitirImpresion(noSalio);
    const respuesta = store.getState().reintentarImpresion();
    emitirImpresion({ ...noSalio, resultado: 'impreso', mensaje: 'Impreso.', reintentable: false });
    await respuesta;
    expect(store.getState().recientes[0]?.impresion?.mensaje).toBe('Impreso.');
    // An older job's late event never replaces a newer one's.
    emitirImpresion({ ...noSalio, trabajoId: 3 });
    expect(store.getState().recientes[0]?.impresion?.mensaje).toBe('Impreso.');
    dejar();
  });

  it('con el carrito vacío no llama al servicio y lo dice', async () => {
    const { store, llamadas } = crear({});
    expect(await store.getState().cobrar()).toBe(false);
    expect(llamadas).toEqual([]);
    expect(store.getState().mensaje?.code).toBe('vacio');
  });
});

describe('comprador', () => {
  it('con 13 dígitos pasa de cédula a RUC y muestra el comprador guardado', async () => {
    const { store, de } = crear({
      'catalogo.comprador': async ({ identificacion }) =>
        ok({
          validacion: { valida: true, mensaje: null, advertencias: [] },
          comprador: {
            id: 'b1',
            tipoIdentificacion: '04',
            identificacion,
            razonSocial: 'DISTRIBUIDORA ANDINA DEL PACIFICO S.A.',
            email: 'compras@example.com',
            telefono: null,
            direccion: null,
          },
        }),
    });
    store.getState().abrirComprador();
    store.getState().editarComprador({ identificacion: '1792453186001' });
    await tick();
    const e = store.getState().edicionComprador;
    expect(e.tipo).toBe('04');
    expect(de('catalogo.comprador')[0]?.input).toEqual({
      tipoIdentificacion: '04',
      identificacion: '1792453186001',
    });
    expect(e.razonSocial).toBe('DISTRIBUIDORA ANDINA DEL PACIFICO S.A.');
    expect(e.email).toBe('compras@example.com');
  });

  it('una cédula inválida no se puede usar y el carrito sigue igual', async () => {
    const { store, de } = crear({
      'catalogo.escanear': catalogo([producto()]),
      'ventas.calcular': calcularTotal,
      'catalogo.comprador': async () =>
        ok({
          validacion: {
            valida: false,
            mensaje:
              'La cédula «1714307104» tiene un dígito verificador incorrecto: debería terminar en 3.',
            advertencias: [],
          },
          comprador: null,
        }),
    });
    await store.getState().escanear('7861042100377');
    store.getState().abrirComprador();
    store.getState().editarComprador({ identificacion: '1714307104', razonSocial: 'Ana' });
    await tick();
    expect(await store.getState().usarComprador()).toBe(false);
    expect(store.getState().edicionComprador.error).toContain('debería terminar en 3');
    expect(de('catalogo.guardarComprador')).toEqual([]);
    expect(store.getState().comprador).toBeNull();
    expect(store.getState().lineas).toHaveLength(1);
  });

  it('un comprador nuevo se guarda y queda en el carrito', async () => {
    const { store } = crear({
      'ventas.calcular': calcularTotal,
      'catalogo.comprador': async () =>
        ok({ validacion: { valida: true, mensaje: null, advertencias: [] }, comprador: null }),
      'catalogo.guardarComprador': async (c) =>
        ok({
          comprador: {
            id: 'b2',
            tipoIdentificacion: c.tipoIdentificacion,
            identificacion: c.identificacion,
            razonSocial: c.razonSocial,
            email: c.email ?? null,
            telefono: null,
            direccion: null,
          },
          advertencias: [],
        }),
    });
    store.getState().abrirComprador();
    store.getState().editarComprador({ identificacion: '1714307103' });
    await tick();
    store.getState().editarComprador({ razonSocial: 'Ana Pérez', email: 'ana@example.com' });
    expect(await store.getState().usarComprador()).toBe(true);
    expect(store.getState().comprador).toEqual({
      tipoIdentificacion: '05',
      identificacion: '1714307103',
      razonSocial: 'Ana Pérez',
      email: 'ana@example.com',
    });
    expect(store.getState().panel).toBe('ninguno');
  });
});

describe('propina y efectivo sobre USD 500', () => {
  const cobroOk: NonNullable<Responder['ventas.cobrar']> = async (carrito) =>
    ok({
      ventaId: carrito.ventaId,
      documentoId: 'doc-1',
      claveAcceso: '1'.repeat(49),
      numero: '001-001-000000008',
      fechaEmision: '2026-11-25',
      totales: calculo(105).totales,
      vueltoCentavos: 0,
      estado: 'SIGNED',
      advertencias: [],
      repetida: false,
    });

  it('la propina viaja con el carrito a calcular y a cobrar, y la venta nueva empieza sin ella', async () => {
    const { store, de } = crear({
      'catalogo.escanear': catalogo([producto()]),
      'ventas.calcular': calcularTotal,
      'ventas.cobrar': cobroOk,
    });
    await store.getState().escanear('7861042100377');
    store.getState().fijarPropina(11);
    await tick();
    expect(de('ventas.calcular').at(-1)?.input).toMatchObject({ propinaCentavos: 11 });
    store.getState().agregarPago('19', 116);
    expect(await store.getState().cobrar()).toBe(true);
    expect(de('ventas.cobrar')[0]?.input).toMatchObject({ propinaCentavos: 11 });
    expect(store.getState().propinaCentavos).toBe(0);
  });

  it('en efectivo sobre USD 500 a un comprador identificado avisa; un segundo F12 cobra igual', async () => {
    const aviso = {
      code: 'efectivo_sobre_500',
      message: 'Sugiera tarjeta (F6, F7) o transferencia (F8)',
    };
    const { store, de } = crear({
      'catalogo.escanear': catalogo([producto({ precioUnitarioMicros: 600_000_000 })]),
      'ventas.calcular': async (c) => {
        const r = await calcularTotal(c);
        return r.ok && c.comprador !== null ? ok({ ...r.value, avisos: [aviso] }) : r;
      },
      'ventas.cobrar': cobroOk,
    });
    await store.getState().escanear('7861042100377');
    store.setState({
      comprador: { tipoIdentificacion: '05', identificacion: '1714307103', razonSocial: 'María' },
    });
    store.getState().agregarPago('01', 60_000);
    expect(await store.getState().cobrar()).toBe(false);
    expect(store.getState().mensaje).toMatchObject({ code: 'efectivo_sobre_500' });
    expect(de('ventas.cobrar')).toHaveLength(0);
    expect(await store.getState().cobrar()).toBe(true);
    expect(de('ventas.cobrar')[0]?.input).toMatchObject({
      pagos: [{ formaPago: '01', montoCentavos: 60_000 }],
    });
  });
});

describe('correo del comprador (issue 19)', () => {
  const guardado =
    (emailGuardado: string | null): NonNullable<Responder['catalogo.guardarComprador']> =>
    async (c) =>
      ok({
        comprador: {
          id: 'b3',
          tipoIdentificacion: c.tipoIdentificacion,
          identificacion: c.identificacion,
          razonSocial: c.razonSocial,
          // The record keeps the e-mail it had when the cashier sends none.
          email: c.email ?? emailGuardado,
          telefono: null,
          direccion: null,
        },
        advertencias: [],
      });
  const valida: NonNullable<Responder['catalogo.comprador']> = async () =>
    ok({ validacion: { valida: true, mensaje: null, advertencias: [] }, comprador: null });

  it('un correo inválido se rechaza en español sin llamar a main y el carrito sigue', async () => {
    const { store, de } = crear({
      'ventas.calcular': calcularTotal,
      'catalogo.comprador': valida,
      'catalogo.guardarComprador': guardado(null),
    });
    store.getState().abrirComprador();
    store.getState().editarComprador({ identificacion: '1714307103' });
    await tick();
    store.getState().editarComprador({ razonSocial: 'Ana Pérez', email: 'ana arroba correo' });
    expect(await store.getState().usarComprador()).toBe(false);
    expect(store.getState().edicionComprador.errorCorreo).toMatch(
      /correo electrónico no es válido/,
    );
    expect(de('catalogo.guardarComprador')).toEqual([]);
    expect(store.getState().panel).toBe('comprador');
  });

  it('«Seguir sin correo» usa al comprador sin correo aunque el registro tenga uno', async () => {
    const { store, de } = crear({
      'ventas.calcular': calcularTotal,
      'catalogo.comprador': valida,
      'catalogo.guardarComprador': guardado('viejo@example.com'),
    });
    store.getState().abrirComprador();
    store.getState().editarComprador({ identificacion: '1714307103' });
    await tick();
    store.getState().editarComprador({ razonSocial: 'Ana Pérez', email: 'ana@correo' });
    expect(await store.getState().usarComprador()).toBe(false);
    expect(await store.getState().usarSinCorreo()).toBe(true);
    expect(de('catalogo.guardarComprador')[0]?.input).not.toHaveProperty('email');
    expect(store.getState().comprador).toEqual({
      tipoIdentificacion: '05',
      identificacion: '1714307103',
      razonSocial: 'Ana Pérez',
    });
  });

  it('un correo válido se guarda recortado y va en el carrito', async () => {
    const { store, de } = crear({
      'ventas.calcular': calcularTotal,
      'catalogo.comprador': valida,
      'catalogo.guardarComprador': guardado(null),
    });
    store.getState().abrirComprador();
    store.getState().editarComprador({ identificacion: '1714307103' });
    await tick();
    store.getState().editarComprador({ razonSocial: 'Ana', email: '  ana@correo.ec ' });
    expect(await store.getState().usarComprador()).toBe(true);
    expect(de('catalogo.guardarComprador')[0]?.input).toMatchObject({ email: 'ana@correo.ec' });
    expect(store.getState().comprador?.email).toBe('ana@correo.ec');
  });

  describe('el correo que el comprador escribe en su pantalla', () => {
    const conComprador = async (responder: Responder = {}) => {
      const r = crear({
        'ventas.calcular': calcularTotal,
        'catalogo.comprador': valida,
        'catalogo.guardarComprador': guardado(null),
        'pantallaCliente.descartarCorreo': async () => ok({ descartado: true }),
        ...responder,
      });
      r.store.getState().escucharDocumentos();
      r.store.getState().abrirComprador();
      r.store.getState().editarComprador({ identificacion: '1714307103' });
      await tick();
      r.store.getState().editarComprador({ razonSocial: 'Ana Pérez' });
      expect(await r.store.getState().usarComprador()).toBe(true);
      return r;
    };

    it('aceptarlo lo guarda para el comprador y lo pone en el carrito, como si se escribiera', async () => {
      const { store, de, emitirCorreo } = await conComprador();
      const ventaId = store.getState().ventaId;
      emitirCorreo({ ventaId, email: 'ana@correo.ec' });
      expect(store.getState().correoPropuesto).toEqual({ ventaId, email: 'ana@correo.ec' });
      expect(await store.getState().aceptarCorreoPropuesto()).toBe(true);
      expect(de('catalogo.guardarComprador').at(-1)?.input).toMatchObject({
        identificacion: '1714307103',
        razonSocial: 'Ana Pérez',
        email: 'ana@correo.ec',
      });
      expect(store.getState().comprador).toMatchObject({ email: 'ana@correo.ec' });
      expect(store.getState().correoPropuesto).toBeNull();
      expect(store.getState().panel).toBe('ninguno');
    });

    it('descartarlo no cambia nada; uno de otro carrito o sin comprador no se ofrece', async () => {
      const { store, de, emitirCorreo } = await conComprador();
      const guardados = de('catalogo.guardarComprador').length;
      emitirCorreo({ ventaId: '00000000-0000-4000-8000-0000000000ff', email: 'otro@correo.ec' });
      expect(store.getState().correoPropuesto).toBeNull();
      emitirCorreo({ ventaId: store.getState().ventaId, email: 'ana@correo.ec' });
      store.getState().descartarCorreoPropuesto();
      expect(store.getState().correoPropuesto).toBeNull();
      // main is told, so the buyer's display asks again instead of saying «Listo»
      expect(de('pantallaCliente.descartarCorreo').map((l) => l.input)).toEqual([
        { ventaId: store.getState().ventaId },
      ]);
      expect(await store.getState().aceptarCorreoPropuesto()).toBe(false);
      expect(de('catalogo.guardarComprador')).toHaveLength(guardados);
      expect(store.getState().comprador).not.toHaveProperty('email');
      store.getState().consumidorFinal();
      emitirCorreo({ ventaId: store.getState().ventaId, email: 'ana@correo.ec' });
      expect(store.getState().correoPropuesto).toBeNull();
    });

    it('con F3 abierto solo llena el campo, que el cajero confirma', async () => {
      const { store, de, emitirCorreo } = await conComprador();
      const guardados = de('catalogo.guardarComprador').length;
      store.getState().abrirComprador();
      emitirCorreo({ ventaId: store.getState().ventaId, email: 'ana@correo.ec' });
      expect(await store.getState().aceptarCorreoPropuesto()).toBe(true);
      expect(store.getState().edicionComprador.email).toBe('ana@correo.ec');
      expect(de('catalogo.guardarComprador')).toHaveLength(guardados);
    });
  });
});
