import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { autorizacionXml } from './autorizacion';
import { validarRango } from './exportar';
import { centsToDecimal, indiceCsv } from './indice';

describe('autorización archivada', () => {
  it('devuelve el comprobante intacto aunque contenga ]]>', () => {
    const comprobante =
      '<?xml version="1.0"?><factura id="comprobante"><a>x]]>y &amp; ñ</a></factura>';
    const xml = autorizacionXml({
      numeroAutorizacion: '1'.repeat(49),
      fechaAutorizacion: '2025-03-14T10:20:30-05:00',
      ambiente: 'PRODUCCIÓN',
      comprobante,
    });
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    expect(doc.getElementsByTagName('comprobante')[0]?.textContent).toBe(comprobante);
    expect(doc.getElementsByTagName('estado')[0]?.textContent).toBe('AUTORIZADO');
    expect(doc.getElementsByTagName('ambiente')[0]?.textContent).toBe('PRODUCCIÓN');
  });
});

describe('indice.csv', () => {
  it('escribe montos exactos y entrecomilla comas y comillas', () => {
    const csv = indiceCsv([
      {
        tipo: 'Factura',
        numero: '001-001-000000001',
        fechaEmision: '2025-03-14',
        claveAcceso: 'c',
        numeroAutorizacion: 'c',
        fechaAutorizacion: 'f',
        estado: 'AUTHORIZED',
        identificacionComprador: '9999999999999',
        razonSocialComprador: 'Ferretería "El Tornillo", S.A.',
        totalCentavos: 100_005,
        xml: 'x',
        autorizacion: 'a',
        ride: 'r',
      },
    ]);
    expect(csv.startsWith('\uFEFFtipo,numero,')).toBe(true);
    expect(csv).toContain(',"Ferretería ""El Tornillo"", S.A.",1000.05,');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('convierte centavos sin pasar por flotantes', () => {
    expect(centsToDecimal(0)).toBe('0.00');
    expect(centsToDecimal(7)).toBe('0.07');
    expect(centsToDecimal(-1234)).toBe('-12.34');
    expect(centsToDecimal(900_719_925_474_099)).toBe('9007199254740.99');
  });
});

describe('rango de fechas', () => {
  it('acepta un día y rechaza fechas inexistentes o invertidas', () => {
    expect(validarRango({ desde: '2025-03-14', hasta: '2025-03-14' }).ok).toBe(true);
    const invalid = validarRango({ desde: '2025-02-29', hasta: '2025-03-01' });
    expect(invalid.ok ? null : invalid.error).toMatchObject({
      code: 'fecha_invalida',
      field: 'desde',
    });
    const reversed = validarRango({ desde: '2025-03-15', hasta: '2025-03-14' });
    expect(reversed.ok ? null : reversed.error.code).toBe('rango_invalido');
  });
});
