import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SRI_SAMPLES_DIR } from '../../../test/fixtures/paths';
import { leerRespuestaAutorizacion, leerRespuestaRecepcion } from './respuestas';
import { sobreSoap } from './soap';

const samples = SRI_SAMPLES_DIR;
const sample = (nombre: string): string => readFileSync(path.join(samples, nombre), 'utf8');

const CLAVE_56 = '0710202401179214673900110020010000000011234567810';

const respuestaAutorizacion = (autorizaciones: string, numero = '1', clave = CLAVE_56): string =>
  sobreSoap(
    `<ns2:autorizacionComprobanteResponse xmlns:ns2="http://ec.gob.sri.ws.autorizacion"><RespuestaAutorizacionComprobante><claveAccesoConsultada>${clave}</claveAccesoConsultada><numeroComprobantes>${numero}</numeroComprobantes><autorizaciones>${autorizaciones}</autorizaciones></RespuestaAutorizacionComprobante></ns2:autorizacionComprobanteResponse>`,
  );

const entrada = (estado: string, extra = ''): string =>
  `<autorizacion><estado>${estado}</estado>${extra}<mensajes/></autorizacion>`;

describe('leerRespuestaRecepcion', () => {
  it('lee la muestra DEVUELTA 35 con sus dos mensajes e informacionAdicional', () => {
    const r = leerRespuestaRecepcion(sample('soap_validarComprobante_response_DEVUELTA-35.xml'));
    expect(r).toEqual({
      kind: 'devuelta',
      claveAcceso: null,
      mensajes: [
        {
          identificador: '35',
          mensaje: 'ARCHIVO NO CUMPLE ESTRUCTURA XML',
          informacionAdicional: 'No existe un contribuyente registrado con el RUC 1704476523001',
          tipo: 'ERROR',
        },
        {
          identificador: '35',
          mensaje: 'ARCHIVO NO CUMPLE ESTRUCTURA XML',
          informacionAdicional:
            'Se encontró el siguiente error en la estructura del comprobante: 0 no corresponde a ningun tipo de ambiente.',
          tipo: 'ERROR',
        },
      ],
    });
  });

  it('lee RECIBIDA con comprobantes vacío', () => {
    const r = leerRespuestaRecepcion(
      sobreSoap(
        '<ns2:validarComprobanteResponse xmlns:ns2="http://ec.gob.sri.ws.recepcion"><RespuestaRecepcionComprobante><estado>RECIBIDA</estado><comprobantes/></RespuestaRecepcionComprobante></ns2:validarComprobanteResponse>',
      ),
    );
    expect(r).toEqual({ kind: 'recibida', claveAcceso: null, mensajes: [] });
  });

  it('trata una página HTML como respuesta inválida', () => {
    const r = leerRespuestaRecepcion(
      '<!DOCTYPE html><html><head><title>Mantenimiento</title></head><body><p>Servicio no disponible<br></p></body></html>',
    );
    expect(r).toMatchObject({ kind: 'transitorio', reason: 'respuesta_invalida' });
  });

  it('trata un XHTML bien formado como respuesta inválida', () => {
    const r = leerRespuestaRecepcion('<html><body><p>Servicio no disponible</p></body></html>');
    expect(r).toMatchObject({ kind: 'transitorio', reason: 'respuesta_invalida' });
  });

  it('trata la respuesta de la otra operación como inválida', () => {
    const r = leerRespuestaRecepcion(
      sample('soap_autorizacionComprobante_response_NO-AUTORIZADO-56.xml'),
    );
    expect(r).toMatchObject({ kind: 'transitorio', reason: 'respuesta_invalida' });
  });

  it('reconoce un SOAP Fault', () => {
    const r = leerRespuestaRecepcion(
      sobreSoap(
        '<soap:Fault><faultcode>soap:Server</faultcode><faultstring>Fault occurred while processing.</faultstring></soap:Fault>',
      ),
    );
    expect(r).toMatchObject({
      kind: 'transitorio',
      reason: 'soap_fault',
      message: expect.stringContaining('Fault occurred while processing.'),
    });
  });

  it.each([
    '',
    'garbage',
    '\u0000\u0001\u0002',
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">',
    '{"estado":"RECIBIDA"}',
  ])('no lanza con basura: %j', (basura) => {
    expect(leerRespuestaRecepcion(basura)).toMatchObject({ kind: 'transitorio' });
  });
});

describe('leerRespuestaAutorizacion', () => {
  it('lee la muestra NO AUTORIZADO 56 con informacionAdicional', () => {
    const r = leerRespuestaAutorizacion(
      sample('soap_autorizacionComprobante_response_NO-AUTORIZADO-56.xml'),
      CLAVE_56,
    );
    expect(r).toMatchObject({
      kind: 'no_autorizado',
      claveAcceso: CLAVE_56,
      fechaAutorizacion: '2024-10-07T13:48:46-05:00',
      mensajes: [
        {
          identificador: '56',
          mensaje: 'ERROR ESTABLECIMIENTO CERRADO',
          informacionAdicional: 'El establecimiento 002 está cerrado',
          tipo: 'ERROR',
        },
      ],
    });
  });

  it('rechaza una respuesta por otra clave', () => {
    const otra = `${CLAVE_56.slice(0, 48)}9`;
    const r = leerRespuestaAutorizacion(
      sample('soap_autorizacionComprobante_response_NO-AUTORIZADO-56.xml'),
      otra,
    );
    expect(r).toMatchObject({ kind: 'transitorio', reason: 'respuesta_invalida' });
  });

  it('elige la entrada AUTORIZADO entre varias y conserva el comprobante escapado', () => {
    const comprobante = '<?xml version="1.0"?>\r\n<factura id="comprobante">&amp;</factura>';
    const escapado = comprobante
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/\r/g, '&#13;');
    const r = leerRespuestaAutorizacion(
      respuestaAutorizacion(
        entrada(
          'NO AUTORIZADO',
          '<fechaAutorizacion>2024-10-07T13:00:00-05:00</fechaAutorizacion>',
        ) +
          `<autorizacion><estado>AUTORIZADO</estado><numeroAutorizacion>${CLAVE_56}</numeroAutorizacion><fechaAutorizacion>2024-10-07T13:48:46-05:00</fechaAutorizacion><ambiente>PRUEBAS</ambiente><comprobante>${escapado}</comprobante><mensajes><mensaje><identificador>60</identificador><mensaje>ESTE PROCESO FUE REALIZADO EN EL AMBIENTE DE PRUEBAS</mensaje><tipo>INFORMATIVO</tipo></mensaje></mensajes></autorizacion>`,
        '2',
      ),
      CLAVE_56,
    );
    expect(r).toMatchObject({
      kind: 'autorizado',
      numeroAutorizacion: CLAVE_56,
      fechaAutorizacion: '2024-10-07T13:48:46-05:00',
      ambiente: 'PRUEBAS',
      comprobante,
      mensajes: [{ identificador: '60', informacionAdicional: null, tipo: 'INFORMATIVO' }],
    });
    expect(r.kind === 'autorizado' && r.autorizaciones).toHaveLength(2);
  });

  it('conserva U+2028 y U+0085 del comprobante autorizado (XML 1.0: no son saltos de línea)', () => {
    const comprobante = '<factura id="comprobante">a\u2028b\u0085c</factura>';
    const r = leerRespuestaAutorizacion(
      respuestaAutorizacion(
        `<autorizacion><estado>AUTORIZADO</estado><numeroAutorizacion>${CLAVE_56}</numeroAutorizacion><fechaAutorizacion>2024-10-07T13:48:46-05:00</fechaAutorizacion><ambiente>PRUEBAS</ambiente><comprobante><![CDATA[${comprobante}]]></comprobante><mensajes/></autorizacion>`,
        '1',
      ),
      CLAVE_56,
    );
    expect(r).toMatchObject({ kind: 'autorizado', comprobante });
  });

  it('acepta el comprobante en CDATA', () => {
    const r = leerRespuestaAutorizacion(
      respuestaAutorizacion(
        entrada(
          'AUTORIZADO',
          `<numeroAutorizacion>${CLAVE_56}</numeroAutorizacion><fechaAutorizacion>2024-10-07T13:48:46-05:00</fechaAutorizacion><ambiente>PRUEBAS</ambiente><comprobante><![CDATA[<factura id="comprobante"/>]]></comprobante>`,
        ),
      ),
      CLAVE_56,
    );
    expect(r).toMatchObject({ kind: 'autorizado', comprobante: '<factura id="comprobante"/>' });
  });

  it('numeroComprobantes 0 es pendiente', () => {
    const r = leerRespuestaAutorizacion(respuestaAutorizacion('', '0'), CLAVE_56);
    expect(r).toMatchObject({ kind: 'pendiente', estado: null });
  });

  it('EN PROCESO es pendiente aunque haya un NO AUTORIZADO anterior', () => {
    const r = leerRespuestaAutorizacion(
      respuestaAutorizacion(entrada('EN PROCESO') + entrada('NO AUTORIZADO'), '2'),
      CLAVE_56,
    );
    expect(r).toMatchObject({ kind: 'pendiente', estado: 'EN PROCESO' });
  });

  it('AUTORIZADO sin fecha es una respuesta inválida', () => {
    const r = leerRespuestaAutorizacion(respuestaAutorizacion(entrada('AUTORIZADO')), CLAVE_56);
    expect(r).toMatchObject({ kind: 'transitorio', reason: 'respuesta_invalida' });
  });
});
