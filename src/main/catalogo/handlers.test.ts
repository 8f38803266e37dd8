import { beforeEach, describe, expect, it } from 'vitest';
import { upsertProducts } from '../db';
import { openTestDatabase, type TestDatabase } from '../db/testing';
import { createMemoryLogger } from '../log';
import { guardarConfiguracionBalanza } from './balanza';
import { type CatalogoHandlers, createCatalogoHandlers } from './handlers';

let db: TestDatabase;
let handlers: CatalogoHandlers;

const valor = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

beforeEach(() => {
  db = openTestDatabase();
  handlers = createCatalogoHandlers({
    db,
    clock: db.clock,
    ids: db.ids,
    logger: createMemoryLogger(),
  });
  upsertProducts(
    db,
    [
      {
        code: 'TDL-001',
        description: 'Leche entera Vita 1 L',
        unitPriceMicro: 1_050_000,
        ivaCodigoPorcentaje: '0',
        barcodes: ['7861042100377'],
      },
      {
        code: 'TDL-002',
        description: 'Gaseosa Coca-Cola 3 L',
        unitPriceMicro: 2_600_000,
        ivaCodigoPorcentaje: '4',
        maxDiscountBp: 1000,
        barcodes: ['7861042100414'],
      },
      {
        code: 'TDL-003',
        description: 'Tomate riñón',
        unitPriceMicro: 1_800_000,
        ivaCodigoPorcentaje: '0',
        unit: 'kg',
        isWeighed: true,
      },
      {
        code: 'TDL-004',
        description: 'Leche condensada descontinuada',
        unitPriceMicro: 1_000_000,
        ivaCodigoPorcentaje: '0',
        active: false,
        barcodes: ['7861042100490'],
      },
    ],
    db,
  );
});

describe('catalogo.escanear', () => {
  it('encuentra el producto por su código de barras, con la tarifa de IVA', () => {
    const { producto } = valor(handlers['catalogo.escanear']({ codigo: '7861042100414' }));
    expect(producto).toMatchObject({
      codigo: 'TDL-002',
      descripcion: 'Gaseosa Coca-Cola 3 L',
      precioUnitarioMicros: 2_600_000,
      ivaCodigoPorcentaje: '4',
      tarifaIva: 1500,
      unidad: 'unidad',
      pesable: false,
      descuentoMaximoBp: 1000,
      codigosBarras: ['7861042100414'],
    });
  });

  it('encuentra el producto por su código principal escrito a mano', () => {
    const { producto } = valor(handlers['catalogo.escanear']({ codigo: 'TDL-003' }));
    expect(producto).toMatchObject({ descripcion: 'Tomate riñón', unidad: 'kg', pesable: true });
  });

  it('devuelve null para un código que no existe', () => {
    expect(valor(handlers['catalogo.escanear']({ codigo: '0000000000000' }))).toEqual({
      producto: null,
      cantidadMicros: null,
    });
  });

  it('rechaza un producto desactivado explicando qué hacer', () => {
    const r = handlers['catalogo.escanear']({ codigo: '7861042100490' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('producto_inactivo');
      expect(r.error.message).toContain('desactivado');
    }
  });
});

describe('catalogo.escanear con etiquetas de balanza', () => {
  const configurar = (contenido: 'peso' | 'precio') =>
    guardarConfiguracionBalanza(db, { tipo: 'preset', preset: 'cas', contenido }, db.clock);

  beforeEach(() =>
    upsertProducts(
      db,
      [
        {
          code: '123',
          description: 'Queso fresco',
          unitPriceMicro: 1_800_000,
          ivaCodigoPorcentaje: '0',
          unit: 'kg',
          isWeighed: true,
        },
        {
          code: '00045',
          description: 'Pan de yuca (funda)',
          unitPriceMicro: 2_600_000,
          ivaCodigoPorcentaje: '0',
        },
        {
          code: 'TDL-090',
          description: 'Carne molida',
          unitPriceMicro: 5_000_000,
          ivaCodigoPorcentaje: '0',
          unit: 'kg',
          isWeighed: true,
          barcodes: ['2000777000003'],
        },
        {
          code: 'PRE-1',
          description: 'Producto con código interno 20…',
          unitPriceMicro: 500_000,
          ivaCodigoPorcentaje: '0',
          barcodes: ['2000123012506'],
        },
      ],
      db,
    ),
  );

  it('sin formato configurado, una etiqueta es un código más', () => {
    expect(valor(handlers['catalogo.escanear']({ codigo: '2000123012599' }))).toEqual({
      producto: null,
      cantidadMicros: null,
    });
  });

  it('una etiqueta de peso da el producto del PLU (sin ceros a la izquierda) con los kg (3 decimales)', () => {
    configurar('peso');
    const r = valor(handlers['catalogo.escanear']({ codigo: '2000123012599' }));
    expect(r.producto).toMatchObject({
      descripcion: 'Queso fresco',
      precioUnitarioMicros: 1_800_000,
    });
    expect(r.cantidadMicros).toBe(1_259_000);
  });

  it('el producto también se halla por la etiqueta con peso cero como código de barras', () => {
    configurar('peso');
    expect(valor(handlers['catalogo.escanear']({ codigo: '2000777012501' }))).toMatchObject({
      producto: { codigo: 'TDL-090' },
      cantidadMicros: 1_250_000,
    });
  });

  it('una etiqueta de precio da la cantidad que da ese precio', () => {
    configurar('precio');
    const r = valor(handlers['catalogo.escanear']({ codigo: '2100123002252' }));
    expect(r.producto?.descripcion).toBe('Queso fresco');
    expect(r.cantidadMicros).toBe(1_250_000);
    const pan = valor(handlers['catalogo.escanear']({ codigo: '2900045007805' }));
    expect(pan).toMatchObject({ producto: { codigo: '00045' }, cantidadMicros: 3_000_000 });
  });

  it('un código de barras registrado gana sobre la lectura como etiqueta', () => {
    configurar('peso');
    expect(valor(handlers['catalogo.escanear']({ codigo: '2000123012506' }))).toMatchObject({
      producto: { codigo: 'PRE-1' },
      cantidadMicros: null,
    });
  });

  it.each([
    {
      caso: 'dígito verificador errado',
      codigo: '2000123012508',
      code: 'etiqueta_balanza_invalida',
    },
    { caso: 'PLU desconocido', codigo: '2000999012501', code: 'plu_no_existe' },
    {
      caso: 'peso de un producto por unidades',
      codigo: '2000045012509',
      code: 'etiqueta_balanza_unidad',
    },
  ])('$caso: se rechaza con un mensaje claro', ({ codigo, code }) => {
    configurar('peso');
    const r = handlers['catalogo.escanear']({ codigo });
    expect(r.ok ? null : r.error.code).toBe(code);
  });

  it('el mensaje del PLU desconocido dice qué PLU y qué hacer', () => {
    configurar('peso');
    const r = handlers['catalogo.escanear']({ codigo: '2000999012501' });
    expect(r.ok ? '' : r.error.message).toContain('PLU 00999');
  });
});

describe('catalogo.buscar', () => {
  it('busca por prefijo de palabras y deja fuera los inactivos', () => {
    const { productos } = valor(handlers['catalogo.buscar']({ texto: 'lech', limite: 20 }));
    expect(productos.map((p) => p.codigo)).toEqual(['TDL-001']);
  });

  it('pone primero la coincidencia exacta de código', () => {
    const { productos } = valor(handlers['catalogo.buscar']({ texto: 'TDL-002', limite: 20 }));
    expect(productos[0]?.descripcion).toBe('Gaseosa Coca-Cola 3 L');
  });

  it('respeta el límite', () => {
    const { productos } = valor(handlers['catalogo.buscar']({ texto: 'TDL', limite: 1 }));
    expect(productos).toHaveLength(1);
  });
});

describe('compradores', () => {
  it('valida una cédula con dígito verificador incorrecto y dice cuál debería ser', () => {
    const { validacion, comprador } = valor(
      handlers['catalogo.comprador']({ tipoIdentificacion: '05', identificacion: '1714307104' }),
    );
    expect(validacion.valida).toBe(false);
    expect(validacion.mensaje).toContain('debería terminar en 3');
    expect(comprador).toBeNull();
  });

  it('crea un comprador en línea y luego lo encuentra por su cédula y por su nombre', () => {
    const guardado = valor(
      handlers['catalogo.guardarComprador']({
        tipoIdentificacion: '05',
        identificacion: '1714307103',
        razonSocial: 'Ana Lucía Pérez',
        email: 'ana@example.com',
      }),
    );
    expect(guardado.comprador).toMatchObject({ identificacion: '1714307103', telefono: null });
    const consulta = valor(
      handlers['catalogo.comprador']({ tipoIdentificacion: '05', identificacion: '1714307103' }),
    );
    expect(consulta.validacion).toEqual({ valida: true, mensaje: null, advertencias: [] });
    expect(consulta.comprador?.razonSocial).toBe('Ana Lucía Pérez');
    const busqueda = valor(handlers['catalogo.buscarCompradores']({ texto: 'lucía', limite: 10 }));
    expect(busqueda.compradores.map((c) => c.identificacion)).toEqual(['1714307103']);
  });

  it('al actualizar sin correo conserva el correo que ya tenía', () => {
    const base = {
      tipoIdentificacion: '05',
      identificacion: '1714307103',
      razonSocial: 'Ana Pérez',
    } as const;
    valor(handlers['catalogo.guardarComprador']({ ...base, email: 'ana@example.com' }));
    const { comprador } = valor(
      handlers['catalogo.guardarComprador']({ ...base, razonSocial: 'Ana Lucía Pérez' }),
    );
    expect(comprador).toMatchObject({ razonSocial: 'Ana Lucía Pérez', email: 'ana@example.com' });
  });

  it('no guarda un comprador con RUC de longitud incorrecta', () => {
    const r = handlers['catalogo.guardarComprador']({
      tipoIdentificacion: '04',
      identificacion: '171430710300',
      razonSocial: 'Mal RUC',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('13 dígitos');
    expect(valor(handlers['catalogo.buscarCompradores']({ texto: 'Mal', limite: 10 }))).toEqual({
      compradores: [],
    });
  });

  it('guarda un RUC cuyo dígito verificador no cuadra, con la advertencia', () => {
    const { advertencias } = valor(
      handlers['catalogo.guardarComprador']({
        tipoIdentificacion: '04',
        identificacion: '1714307104001',
        razonSocial: 'Empresa Rara S.A.',
      }),
    );
    expect(advertencias[0]).toContain('dígito verificador');
  });
});
