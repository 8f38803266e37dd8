import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SRI_SAMPLES_DIR } from '../../../../test/fixtures/paths';
import { formatCents, formatMicros, parseScaled } from './amounts';
import { parseRide, type Ride } from './model';

const repoRoot = resolve(__dirname, '../../../..');
const samples = SRI_SAMPLES_DIR;
const sample = (name: string): string => readFileSync(resolve(samples, name), 'utf8');
const fixture = (name: string): string =>
  readFileSync(resolve(repoRoot, 'test/fixtures/print', name), 'utf8');

const must = (xml: string, autorizacion = {}): Ride => {
  const result = parseRide(xml, autorizacion);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('parseRide', () => {
  it('lee la factura con tildes, eñes y varias tarifas de IVA', () => {
    const ride = must(fixture('factura-nanez.xml'));
    expect(ride.titulo).toBe('FACTURA');
    expect(ride.numero).toBe('001-002-000000123');
    expect(ride.claveAcceso).toBe('1503202501179001691900110010020000001231234567815');
    expect(ride.numeroAutorizacion).toBe(ride.claveAcceso);
    expect(ride.fechaAutorizacion).toBeNull();
    expect(ride.ambiente).toBe('PRUEBAS');
    expect(ride.emisor).toEqual({
      razonSocial: 'Ferretería y Bazar El Ñandú S.A.S.',
      nombreComercial: 'Bazar El Ñandú',
      ruc: '1790016919001',
      dirMatriz: 'Av. 10 de Agosto N21-255 y Jerónimo Carrión, Quito',
      dirEstablecimiento: 'Calle Sucre 4-56 y Bolívar, Cuenca',
      contribuyenteEspecial: '12345',
      obligadoContabilidad: 'SI',
      contribuyenteRimpe: 'CONTRIBUYENTE RÉGIMEN RIMPE',
      agenteRetencion: '1',
    });
    expect(ride.comprador.razonSocial).toBe('María José Ñañez Güemes');
    expect(ride.comprador.tipoIdentificacionNombre).toBe('CÉDULA');
    expect(ride.totales.subtotalesIva.map((s) => [s.etiqueta, s.baseImponible, s.valor])).toEqual([
      ['15 %', 2050, 308],
      ['5 %', 2475, 124],
      ['0 %', 315, 0],
      ['NO OBJETO DE IVA', 200, 0],
    ]);
    expect(ride.totales).toMatchObject({ iva: 432, total: 5472, totalDescuento: 50, propina: 0 });
    expect(ride.pagos.map((p) => [p.nombre, p.total])).toEqual([
      ['SIN UTILIZACIÓN DEL SISTEMA FINANCIERO', 2000],
      ['TARJETA DE CRÉDITO', 3472],
    ]);
    expect(ride.lineas[3]).toMatchObject({ cantidad: 1_500_000, precioUnitario: 2_100_000 });
    expect(ride.infoAdicional[1]).toEqual({
      nombre: 'Observación',
      valor: '¿Entrega a domicilio? ¡Sí, mañana!',
    });
  });

  it('lee la factura firmada de ejemplo igual que sin firma', () => {
    const firmada = must(sample('factura_V1.1.0_prueba_firmada-XAdES-BES.xml'));
    const sinFirma = must(sample('factura_V1.1.0_prueba_sin-firma.xml'));
    expect(firmada).toEqual(sinFirma);
    // The sample carries `&#013;` inside a text field: printed as plain spaces.
    expect(firmada.emisor.dirEstablecimiento).toBe('Quito Sur (Villaflora)');
  });

  it('separa ICE e IRBPNR del IVA en la factura de la ficha técnica', () => {
    const ride = must(sample('factura_V1.1.0_ejemplo-ficha-SRI_sin-firma.xml'));
    expect(ride.totales).toMatchObject({ ice: 1_475_000, irbpnr: 24_000, iva: 3_716_940 });
    expect(ride.lineas[0]?.detallesAdicionales).toHaveLength(3);
  });

  it('lee la nota de crédito con el documento modificado y el motivo', () => {
    const ride = must(sample('notaCredito_V1.1.0_prueba_firmada-XAdES-BES.xml'));
    expect(ride.titulo).toBe('NOTA DE CRÉDITO');
    expect(ride.notaCredito).toEqual({
      codDocModificado: '01',
      docModificadoNombre: 'FACTURA',
      numDocModificado: '001-001-000000012',
      fechaEmisionDocSustento: '19/12/2024',
      motivo: 'ANULACION',
    });
    expect(ride.totales.total).toBe(11_500);
    expect(ride.totales.subtotalesIva[0]?.etiqueta).toBe('15 %');
    expect(ride.pagos).toEqual([]);
  });

  it('toma la fecha de autorización de la respuesta AUTORIZADO del SRI', () => {
    const comprobante = fixture('factura-nanez.xml').replace(/^<\?xml[^>]*>\s*/, '');
    const escaped = comprobante.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const respuesta = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
      <ns2:autorizacionComprobanteResponse xmlns:ns2="http://ec.gob.sri.ws.autorizacion">
      <RespuestaAutorizacionComprobante><autorizaciones>
        <autorizacion><estado>NO AUTORIZADO</estado><comprobante>${escaped}</comprobante></autorizacion>
        <autorizacion><estado>AUTORIZADO</estado>
          <numeroAutorizacion>1503202501179001691900110010020000001231234567815</numeroAutorizacion>
          <fechaAutorizacion>2025-03-15T10:20:30-05:00</fechaAutorizacion><ambiente>PRUEBAS</ambiente>
          <comprobante><![CDATA[${comprobante}]]></comprobante></autorizacion>
      </autorizaciones></RespuestaAutorizacionComprobante>
      </ns2:autorizacionComprobanteResponse></soap:Body></soap:Envelope>`;
    const ride = must(respuesta);
    expect(ride.fechaAutorizacion).toBe('15/03/2025 10:20:30');
    expect(ride.comprador.razonSocial).toBe('María José Ñañez Güemes');
  });

  it('muestra la fecha de autorización guardada en hora del Ecuador', () => {
    const ride = must(fixture('factura-nanez.xml'), { fechaAutorizacion: '2025-03-16T02:05:00Z' });
    expect(ride.fechaAutorizacion).toBe('15/03/2025 21:05:00');
  });

  it('lee la fecha dd/mm/aaaa hh:mm:ss[.fff] del SRI sin cambiar día por mes ni la hora', () => {
    expect(
      must(fixture('factura-nanez.xml'), { fechaAutorizacion: '05/01/2026 10:11:12' })
        .fechaAutorizacion,
    ).toBe('05/01/2026 10:11:12');
    expect(
      must(fixture('factura-nanez.xml'), { fechaAutorizacion: '17/11/2026 07:55:09.000' })
        .fechaAutorizacion,
    ).toBe('17/11/2026 07:55:09');
  });

  it('rechaza un XML que no se puede leer', () => {
    const result = parseRide('<factura><infoTributaria></factura>');
    expect(result).toMatchObject({ ok: false, error: { code: 'ride_xml' } });
    if (!result.ok) expect(result.error.message).toMatch(/^El XML no se puede leer/);
  });

  it('rechaza una factura sin campos obligatorios, nombrando el campo', () => {
    const sinRuc = fixture('factura-nanez.xml').replace(/<ruc>.*<\/ruc>/, '');
    expect(parseRide(sinRuc)).toEqual({
      ok: false,
      error: {
        code: 'ride_campo_faltante',
        message: 'Falta el campo obligatorio «infoTributaria/ruc».',
        field: 'ruc',
      },
    });
    const sinTotal = fixture('factura-nanez.xml').replace(/<importeTotal>.*<\/importeTotal>/, '');
    expect(parseRide(sinTotal)).toMatchObject({ ok: false, error: { field: 'importeTotal' } });
  });

  it('rechaza importes con más decimales de los permitidos', () => {
    const xml = fixture('factura-nanez.xml').replace('<importeTotal>54.72', '<importeTotal>54.725');
    expect(parseRide(xml)).toMatchObject({ ok: false, error: { code: 'ride_importe' } });
  });

  it('rechaza otros comprobantes y claves que no tienen 49 dígitos', () => {
    expect(parseRide('<guiaRemision id="comprobante"/>')).toMatchObject({
      ok: false,
      error: { code: 'ride_tipo' },
    });
    const clave = fixture('factura-nanez.xml').replace(
      '1234567815</claveAcceso>',
      '123</claveAcceso>',
    );
    expect(parseRide(clave)).toMatchObject({ ok: false, error: { code: 'ride_clave' } });
  });

  it('rechaza una respuesta de autorización sin comprobante legible', () => {
    const result = parseRide(sample('soap_autorizacionComprobante_response_NO-AUTORIZADO-56.xml'));
    expect(result.ok).toBe(false);
  });
});

describe('importes', () => {
  it('convierte decimales sin pasar por coma flotante', () => {
    expect(parseScaled('0.29', 2)).toBe(29);
    expect(parseScaled('3.000000', 2)).toBe(300);
    expect(parseScaled('1.5', 6)).toBe(1_500_000);
    expect(parseScaled('1.234', 2)).toBeNull();
    expect(parseScaled('-1', 2)).toBeNull();
    expect(formatCents(5)).toBe('0.05');
    expect(formatMicros(1_500_000)).toBe('1.50');
    expect(formatMicros(1_234_567)).toBe('1.234567');
    expect(formatMicros(2_100_000)).toBe('2.10');
  });
});
