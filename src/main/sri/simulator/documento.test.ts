import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SRI_SAMPLES_DIR } from '../../../../test/fixtures/paths';
import { construirClaveAcceso, type PartesClaveAcceso } from '../../fiscal/claveAcceso';
import { revisarComprobante } from './documento';

const samples = SRI_SAMPLES_DIR;
const sample = (nombre: string): string => readFileSync(path.join(samples, nombre), 'utf8');

/** Puts a valid clave (from the document's own parts) into a sample. */
const conClaveValida = (xml: string, partes: PartesClaveAcceso): { xml: string; clave: string } => {
  const clave = construirClaveAcceso(partes);
  if (!clave.ok) throw new Error(clave.error.message);
  return {
    xml: xml.replace(
      /<claveAcceso>\d+<\/claveAcceso>/,
      `<claveAcceso>${clave.value}</claveAcceso>`,
    ),
    clave: clave.value,
  };
};

const PARTES_FACTURA: PartesClaveAcceso = {
  fechaEmision: '2024-04-18',
  codDoc: '01',
  ruc: '1234567890001',
  ambiente: '1',
  estab: '001',
  ptoEmi: '001',
  secuencial: '000000005',
  codigoNumerico: '12345678',
  tipoEmision: '1',
};

describe('revisarComprobante', () => {
  it('acepta la factura de muestra con una clave válida y da la llave del secuencial', () => {
    const { xml, clave } = conClaveValida(
      sample('factura_V1.1.0_prueba_sin-firma.xml'),
      PARTES_FACTURA,
    );
    expect(revisarComprobante(xml, '1')).toEqual({
      ok: true,
      comprobante: {
        claveAcceso: clave,
        codDoc: '01',
        secuencialKey: '1234567890001-01-001-001-000000005',
      },
    });
  });

  it('acepta la nota de crédito firmada de muestra con una clave válida', () => {
    const { xml } = conClaveValida(sample('notaCredito_V1.1.0_prueba_firmada-XAdES-BES.xml'), {
      ...PARTES_FACTURA,
      fechaEmision: '2024-12-27',
      codDoc: '04',
      ruc: '1234567891001',
      secuencial: '000000002',
      codigoNumerico: '86945602',
    });
    expect(revisarComprobante(xml, '1')).toMatchObject({ ok: true });
  });

  it('la muestra real con dígito verificador errado es 35', () => {
    expect(
      revisarComprobante(sample('factura_V1.1.0_prueba_firmada-XAdES-BES.xml'), '1'),
    ).toMatchObject({
      ok: false,
      rechazo: { codigo: '35', claveAcceso: '1804202401123456789000110010010000000051234567816' },
    });
  });

  it('una fecha de emisión distinta de la clave es 58', () => {
    const { xml } = conClaveValida(sample('factura_V1.1.0_prueba_sin-firma.xml'), PARTES_FACTURA);
    const r = revisarComprobante(xml.replace('18/04/2024', '19/04/2024'), '1');
    expect(r).toMatchObject({
      ok: false,
      rechazo: { codigo: '58', informacionAdicional: expect.stringContaining('fechaEmision') },
    });
  });

  it('un comprobante de producción enviado a pruebas es 35', () => {
    const { xml } = conClaveValida(
      sample('factura_V1.1.0_prueba_sin-firma.xml').replace(
        '<ambiente>1</ambiente>',
        '<ambiente>2</ambiente>',
      ),
      { ...PARTES_FACTURA, ambiente: '2' },
    );
    expect(revisarComprobante(xml, '1')).toMatchObject({ ok: false, rechazo: { codigo: '35' } });
    expect(revisarComprobante(xml, '2')).toMatchObject({ ok: true });
  });

  it('una línea sin impuestos es 35 y nombra la línea', () => {
    const { xml } = conClaveValida(sample('factura_V1.1.0_prueba_sin-firma.xml'), PARTES_FACTURA);
    const r = revisarComprobante(
      xml.replace(/<impuestos>[\s\S]*?<\/impuestos>/, '<impuestos/>'),
      '1',
    );
    expect(r).toMatchObject({
      ok: false,
      rechazo: { codigo: '35', informacionAdicional: 'detalle[1]/impuestos no tiene impuesto.' },
    });
  });

  it('un comprobante con namespace en la raíz es 35', () => {
    const { xml } = conClaveValida(sample('factura_V1.1.0_prueba_sin-firma.xml'), PARTES_FACTURA);
    const r = revisarComprobante(xml.replace('<factura ', '<factura xmlns="urn:x" '), '1');
    expect(r).toMatchObject({ ok: false, rechazo: { codigo: '35', claveAcceso: 'N/A' } });
  });

  it('52 si importeTotal, los pagos, una base o un IVA no cuadran con las líneas', () => {
    const { xml } = conClaveValida(sample('factura_V1.1.0_prueba_sin-firma.xml'), PARTES_FACTURA);
    const cambios: [RegExp, (m: string) => string, RegExp][] = [
      [/<importeTotal>[^<]*/, () => '<importeTotal>1.00', /importeTotal/],
      [
        /<pago>\s*<formaPago>(\d+)<\/formaPago>\s*<total>[^<]*/,
        (m) => m.replace(/<total>[^<]*/, '<total>0.01'),
        /pagos/,
      ],
      [/<totalSinImpuestos>[^<]*/, () => '<totalSinImpuestos>0.01', /totalSinImpuestos/],
      [/<precioTotalSinImpuesto>[^<]*/, () => '<precioTotalSinImpuesto>999.99', /detalle 1/],
    ];
    for (const [patron, cambio, mensaje] of cambios) {
      const alterado = xml.replace(patron, cambio);
      expect(alterado, String(patron)).not.toBe(xml);
      const r = revisarComprobante(alterado, '1');
      expect(r, String(patron)).toMatchObject({
        ok: false,
        rechazo: { codigo: '52', mensaje: 'ERROR EN DIFERENCIAS' },
      });
      if (!r.ok) expect(r.rechazo.informacionAdicional).toMatch(mensaje);
    }
  });

  it('65 si la fecha de emisión es futura o tiene más de 90 días', () => {
    const { xml } = conClaveValida(sample('factura_V1.1.0_prueba_sin-firma.xml'), PARTES_FACTURA);
    expect(revisarComprobante(xml, '1', new Date('2024-04-18T15:00:00Z')).ok).toBe(true);
    expect(revisarComprobante(xml, '1', new Date('2024-07-17T15:00:00Z')).ok).toBe(true);
    for (const ahora of ['2024-07-18T15:00:00Z', '2024-04-18T04:59:00Z', '2026-12-02T12:00:00Z']) {
      expect(revisarComprobante(xml, '1', new Date(ahora)), ahora).toMatchObject({
        ok: false,
        rechazo: { codigo: '65', mensaje: 'FECHA DE EMISIÓN EXTEMPORANEA' },
      });
    }
  });
});
