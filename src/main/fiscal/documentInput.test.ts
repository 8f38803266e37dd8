import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { facturaJsonEjemplo } from '../../../test/fixtures/fiscal';
import {
  comprobanteDesdeJson,
  documentoJsonSchema,
  leerDocumentoJsonRapido,
} from './documentInput';

type Json = Record<string, unknown>;

const conCambios = (cambiar: (doc: Json) => void): Json => {
  const doc = facturaJsonEjemplo();
  cambiar(doc);
  return doc;
};

const mensaje = (doc: unknown): string => {
  const r = comprobanteDesdeJson(doc);
  if (r.ok) throw new Error('se esperaba un rechazo');
  return r.error.message;
};

const impuestos = (doc: Json) => doc.taxes as Json[];
const lineas = (doc: Json) => doc.lines as Json[];

describe('comprobanteDesdeJson', () => {
  it('acepta el ejemplo: subtotal es antes de descuentos y total = subtotal − descuento + IVA', () => {
    const r = comprobanteDesdeJson(facturaJsonEjemplo());
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.totales.subtotal).toBe(1469);
    expect(r.value.totales.totalSinImpuestos).toBe(1419);
    expect(r.value.totales.importeTotal).toBe(1609);
    expect(r.value.comprador.direccion).toBe('Cdla. Kennedy Norte, Guayaquil');
  });

  it('lleva la propina (tip) a la factura, dentro del total, y la niega en una nota de crédito', () => {
    const doc = conCambios((d) => {
      d.tip = '1.42';
      d.total = '17.51';
      (d.payments as Json[]).splice(0, Infinity, { payment_method_code: '19', total: '17.51' });
    });
    const r = comprobanteDesdeJson(doc);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.totales).toMatchObject({ propina: 142, importeTotal: 1751 });
    expect(mensaje(conCambios((d) => (d.tip = '1.42')))).toBe(
      'pagos: suman 16.09 y el total de la factura es 17.51; deben ser iguales.',
    );
    const nota = conCambios((d) => {
      d.document_type = '04';
      d.tip = '1.00';
    });
    expect(mensaje(nota)).toBe('tip: una nota de crédito no lleva propina.');
  });

  it('nombra el impuesto que no cuadra con el valor esperado y el recibido', () => {
    const doc = conCambios((d) => {
      (impuestos(d)[0] as Json).tax_amount = '1.91';
    });
    expect(mensaje(doc)).toBe('taxes[0].tax_amount: se esperaba 1.90, se recibió 1.91.');
  });

  it('nombra el total que no cuadra', () => {
    expect(
      mensaje(
        conCambios((d) => {
          d.total = '16.10';
        }),
      ),
    ).toBe('total: se esperaba 16.09, se recibió 16.10.');
    expect(
      mensaje(
        conCambios((d) => {
          d.subtotal = '14.19';
        }),
      ),
    ).toBe('subtotal: se esperaba 14.69, se recibió 14.19.');
    expect(
      mensaje(
        conCambios((d) => {
          d.total_tax = '1.89';
        }),
      ),
    ).toBe('total_tax: se esperaba 1.90, se recibió 1.89.');
    expect(
      mensaje(
        conCambios((d) => {
          d.total_discount = '0';
        }),
      ),
    ).toBe('total_discount: se esperaba 0.50, se recibió 0.00.');
  });

  it('compara los impuestos por código, no por posición, y detecta los que faltan o sobran', () => {
    expect(
      comprobanteDesdeJson(
        conCambios((d) => {
          impuestos(d).reverse();
        }),
      ).ok,
    ).toBe(true);
    expect(
      mensaje(
        conCambios((d) => {
          impuestos(d).pop();
        }),
      ),
    ).toBe('taxes: falta el impuesto 2/0 con base 1.50.');
    expect(
      mensaje(
        conCambios((d) => {
          impuestos(d).push({ ...(impuestos(d)[0] as Json) });
        }),
      ),
    ).toContain('taxes[2]: el impuesto 2/4 no corresponde a ninguna línea');
    expect(
      mensaje(
        conCambios((d) => {
          (impuestos(d)[0] as Json).rate = 12;
        }),
      ),
    ).toBe('taxes[0].rate: se esperaba 15.00, se recibió 12.');
  });

  it('verifica el subtotal de línea cuando viene (después del descuento)', () => {
    expect(
      comprobanteDesdeJson(
        conCambios((d) => {
          (lineas(d)[2] as Json).subtotal = '5.69';
        }),
      ).ok,
    ).toBe(true);
    expect(
      mensaje(
        conCambios((d) => {
          (lineas(d)[2] as Json).subtotal = '6.19';
        }),
      ),
    ).toBe('lines[2].subtotal: se esperaba 5.69, se recibió 6.19.');
  });

  it('rechaza un código de impuesto desconocido nombrando el campo JSON', () => {
    expect(
      mensaje(
        conCambios((d) => {
          (lineas(d)[1] as Json).tax_rate_code = '9';
        }),
      ),
    ).toContain('lines[1].tax_rate_code: el código de porcentaje de IVA «9» no existe');
    expect(
      mensaje(
        conCambios((d) => {
          (lineas(d)[1] as Json).tax_code = '3';
        }),
      ),
    ).toContain('(ICE) no está admitido');
  });

  it('rechaza más de 6 decimales en una cantidad y más de 2 en un descuento', () => {
    expect(
      mensaje(
        conCambios((d) => {
          (lineas(d)[0] as Json).quantity = '2.0000001';
        }),
      ),
    ).toBe('lines[0].quantity: «2.0000001» tiene 7 decimales; se admiten como máximo 6.');
    expect(
      mensaje(
        conCambios((d) => {
          (lineas(d)[0] as Json).discount = '0.001';
        }),
      ),
    ).toContain('lines[0].discount');
  });

  it('acepta importes como números JSON sin aritmética de coma flotante', () => {
    const doc = conCambios((d) => {
      d.total = 16.09;
      d.subtotal = 14.69;
      (impuestos(d)[0] as Json).taxable_base = 12.69;
    });
    expect(comprobanteDesdeJson(doc).ok).toBe(true);
  });

  it('explica en español qué falta o tiene un tipo incorrecto', () => {
    const doc = conCambios((d) => {
      delete d.numeric_code;
    });
    expect(mensaje(doc)).toMatch(/^numeric_code: .*se esperaba texto/);
    expect(
      mensaje(
        conCambios((d) => {
          d.lines = [];
        }),
      ),
    ).toMatch(/^lines: /);
  });

  it('un comprador ausente es consumidor final, con el límite de USD 50', () => {
    const sinComprador = (d: Json) => {
      for (const k of ['buyer_id_type', 'buyer_id', 'buyer_name', 'buyer_email', 'buyer_address']) {
        delete d[k];
      }
    };
    const r = comprobanteDesdeJson(conCambios(sinComprador));
    expect(r.ok && r.value.comprador).toEqual({
      tipoIdentificacion: '07',
      identificacion: '9999999999999',
      razonSocial: 'CONSUMIDOR FINAL',
    });
    const caro = conCambios((d) => {
      sinComprador(d);
      (lineas(d)[0] as Json).unit_price = '30.00';
    });
    expect(mensaje(caro)).toContain('no puede superar USD 50.00');
  });

  it('rechaza una cédula de comprador con dígito verificador incorrecto', () => {
    expect(
      mensaje(
        conCambios((d) => {
          d.buyer_id = '0926687857';
        }),
      ),
    ).toContain('dígito verificador incorrecto');
  });

  it('traduce el régimen RIMPE a la leyenda del XSD y rechaza uno desconocido', () => {
    const r = comprobanteDesdeJson(
      conCambios((d) => {
        (d.issuer as Json).regimen = 'RIMPE_NEGOCIO_POPULAR';
      }),
    );
    expect(r.ok && r.value.emisor.contribuyenteRimpe).toBe(
      'CONTRIBUYENTE NEGOCIO POPULAR - RÉGIMEN RIMPE',
    );
    expect(
      mensaje(
        conCambios((d) => {
          (d.issuer as Json).regimen = 'OTRO';
        }),
      ),
    ).toContain('issuer.regimen');
  });

  it('una nota de crédito necesita el documento modificado y el motivo', () => {
    const doc = conCambios((d) => {
      d.document_type = '04';
      delete d.payments;
    });
    expect(mensaje(doc)).toBe(
      'modified_document_type: la nota de crédito necesita el documento modificado y el motivo.',
    );
  });

  it('IVA 8 % solo en los días de un decreto; fuera de ellos se rechaza nombrando la regla', () => {
    /** One $7.00 line at 8 % (IVA 0.56) dated `fecha`. */
    const alOcho = (fecha: string): Json =>
      conCambios((d) => {
        d.issue_date = fecha;
        d.lines = [{ ...(lineas(d)[0] as Json), tax_rate_code: '8' }];
        d.subtotal = '7.00';
        d.total_discount = '0.00';
        d.total_tax = '0.56';
        d.total = '7.56';
        d.taxes = [
          { tax_code: '2', tax_rate_code: '8', taxable_base: '7.00', rate: 8, tax_amount: '0.56' },
        ];
        d.payments = [{ payment_method_code: '01', total: '7.56' }];
      });
    const fuera = comprobanteDesdeJson(alOcho('2026-03-10'));
    expect(fuera).toMatchObject({ ok: false, error: { code: 'iva_8_fuera_de_feriado' } });
    const texto = mensaje(alOcho('2026-03-10'));
    expect(texto).toContain(
      'El IVA 8 % solo se aplica a servicios turísticos en los feriados decretados',
    );
    expect(texto).toContain('Decreto Ejecutivo 271');
    expect(texto).toContain('el 2026-03-10 no es ninguno de ellos');
    expect(comprobanteDesdeJson(alOcho('2026-01-02')).ok).toBe(true);
    // Decreto 196 covers only some cantons, and the JSON does not say where the store is:
    // the date alone decides (the counter also checks the place, from Ajustes).
    expect(comprobanteDesdeJson(alOcho('2025-11-02')).ok).toBe(true);
    // A credit note keeps its invoice's code: the invoice's date decides.
    const nota = (fechaFactura: string): Json => {
      const d = alOcho('2026-03-10');
      d.document_type = '04';
      delete d.payments;
      d.modified_document_type = '01';
      d.modified_document_number = '001-002-000000123';
      d.modified_document_issue_date = fechaFactura;
      d.reason = 'Devolución';
      return d;
    };
    expect(comprobanteDesdeJson(nota('2026-01-03')).ok).toBe(true);
    expect(comprobanteDesdeJson(nota('2026-03-01'))).toMatchObject({
      ok: false,
      error: { code: 'iva_8_fuera_de_feriado' },
    });
  });

  it('elige la versión 2.1.0 de la factura cuando se pide', () => {
    const r = comprobanteDesdeJson(facturaJsonEjemplo(), { versionFactura: '2.1.0' });
    expect(r.ok && r.value.tipo === 'factura' && r.value.version).toBe('2.1.0');
  });
});

describe('leerDocumentoJsonRapido', () => {
  /** A nota de crédito's shape: modified document and reason, no payments (as nota-credito.json). */
  const notaEjemplo = (): Json =>
    conCambios((d) => {
      d.document_type = '04';
      delete d.payments;
      d.modified_document_type = '01';
      d.modified_document_number = '001-002-000000123';
      d.modified_document_issue_date = '2026-11-20';
      d.reason = 'Devolución: producto en mal estado';
    });
  /** Without members left undefined: the schema's output and the fast reader's compare alike. */
  const normal = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

  /** A value of any JSON type, and a few that are not JSON (undefined, Infinity). */
  const valorArb = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.boolean(),
    fc.constantFrom('', ' 1.50 ', '01', '04', '1', '2', '2026-11-20', '12345678', '000000123', 'x'),
    fc.string({ maxLength: 6 }),
    fc.constantFrom(0, -1, 1.5, 15, 123, 2 ** 53, Number.POSITIVE_INFINITY, 1e21),
    fc.constant([]),
    fc.constant({}),
    fc.constant([{}]),
  );

  /** Every path of members in a document, e.g. ['lines', 0, 'quantity']. */
  const caminos = (v: unknown, prefijo: (string | number)[] = []): (string | number)[][] => {
    if (typeof v !== 'object' || v === null) return [prefijo];
    const hijos = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
    return [prefijo, ...hijos.flatMap((k) => caminos((v as Json)[k as string], [...prefijo, k]))];
  };

  const cambiar = (doc: Json, camino: (string | number)[], valor: unknown, borrar: boolean) => {
    if (camino.length === 0) return structuredClone(valor);
    let padre = doc as Record<string | number, unknown>;
    for (const k of camino.slice(0, -1)) padre = padre[k] as Record<string | number, unknown>;
    const ultimo = camino[camino.length - 1] as string | number;
    if (borrar && !Array.isArray(padre)) delete padre[ultimo];
    else padre[ultimo] = structuredClone(valor);
    return doc;
  };

  it('acepta lo mismo que el esquema, con la misma salida, y deja al esquema lo demás', () => {
    const ejemplos = [facturaJsonEjemplo(), notaEjemplo()];
    expect(ejemplos.every((e) => leerDocumentoJsonRapido(e) !== null)).toBe(true);
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1),
        fc.array(fc.tuple(fc.nat(), valorArb, fc.boolean()), { minLength: 0, maxLength: 3 }),
        fc.option(fc.string({ maxLength: 5 })),
        (cual, cambios, extra) => {
          let doc: unknown = cual === 0 ? facturaJsonEjemplo() : notaEjemplo();
          for (const [i, valor, borrar] of cambios) {
            const todos = caminos(doc);
            doc = cambiar(
              doc as Json,
              todos[i % todos.length] as (string | number)[],
              valor,
              borrar,
            );
          }
          if (extra !== null && typeof doc === 'object' && doc !== null) {
            (doc as Json)[`extra_${extra}`] = 1;
          }
          const rapido = leerDocumentoJsonRapido(doc);
          const esquema = documentoJsonSchema.safeParse(doc);
          if (rapido !== null) {
            expect(esquema.success).toBe(true);
            expect(normal(rapido)).toEqual(normal(esquema.data));
          }
          if (!esquema.success) expect(rapido).toBeNull();
        },
      ),
      { numRuns: 2000 },
    );
  });
});
