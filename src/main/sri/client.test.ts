import { describe, expect, it } from 'vitest';
import { createMemoryLogger, silentLogger } from '../log';
import { createSriClient } from './client';
import { endpointsSri } from './endpoints';
import { SOAP_HEADERS } from './soap';

const errorDeRed = (code: string): TypeError =>
  new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });

const clienteCon = (fetchFalso: typeof fetch, logger = silentLogger) =>
  createSriClient({
    endpoints: endpointsSri('pruebas'),
    fetch: fetchFalso,
    timeouts: { connectMs: 50, responseMs: 50 },
    logger,
  });

describe('createSriClient con fetch inyectado', () => {
  it('hace POST SOAP 1.1 al endpoint sin ?wsdl', async () => {
    const vistas: { url: string; init: RequestInit | undefined }[] = [];
    const cliente = clienteCon(async (url, init) => {
      vistas.push({ url: String(url), init });
      return new Response('basura', { status: 200 });
    });
    await cliente.validarComprobante('<factura/>');
    await cliente.autorizacionComprobante('1'.repeat(49));
    expect(vistas.map((v) => v.url)).toEqual([
      'https://celcer.sri.gob.ec/comprobantes-electronicos-ws/RecepcionComprobantesOffline',
      'https://celcer.sri.gob.ec/comprobantes-electronicos-ws/AutorizacionComprobantesOffline',
    ]);
    for (const v of vistas) {
      expect(v.init?.method).toBe('POST');
      expect(v.init?.headers).toEqual(SOAP_HEADERS);
    }
  });

  it.each([
    ['ECONNREFUSED', 'conexion_rechazada'],
    ['ENOTFOUND', 'sin_conexion'],
    ['EAI_AGAIN', 'sin_conexion'],
    ['UND_ERR_CONNECT_TIMEOUT', 'sin_conexion'],
  ])('%s antes de conectar no es desconocido (%s)', async (code, reason) => {
    const cliente = clienteCon(async () => {
      throw errorDeRed(code);
    });
    expect(await cliente.validarComprobante('<x/>')).toMatchObject({
      kind: 'transitorio',
      reason,
      unknown: false,
    });
  });

  it.each(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE'])(
    '%s puede haber llegado al SRI: desconocido',
    async (code) => {
      const cliente = clienteCon(async () => {
        throw errorDeRed(code);
      });
      expect(await cliente.validarComprobante('<x/>')).toMatchObject({
        kind: 'transitorio',
        reason: 'conexion_cortada',
        unknown: true,
      });
    },
  );

  it('un error sin código es desconocido y no lanza', async () => {
    const cliente = clienteCon(() => {
      throw new Error('algo raro');
    });
    expect(await cliente.validarComprobante('<x/>')).toMatchObject({
      kind: 'transitorio',
      unknown: true,
    });
    expect((await cliente.autorizacionComprobante('1'.repeat(49))).kind).toBe('transitorio');
  });

  it('sin respuesta en el plazo: timeout desconocido, con aviso en el log', async () => {
    const logger = createMemoryLogger();
    const cliente = clienteCon(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
      logger,
    );
    expect(await cliente.validarComprobante('<x/>')).toMatchObject({
      kind: 'transitorio',
      reason: 'timeout',
      unknown: true,
    });
    expect(logger.entries).toMatchObject([{ level: 'warn', data: { reason: 'timeout' } }]);
  });

  it('HTTP 503 sin SOAP es http_error con el estado', async () => {
    const cliente = clienteCon(async () => new Response('<html/>', { status: 503 }));
    expect(await cliente.autorizacionComprobante('1'.repeat(49))).toMatchObject({
      kind: 'transitorio',
      reason: 'http_error',
      httpStatus: 503,
    });
  });

  it('el sondeo exige el WSDL: un 200 con HTML no cuenta como en línea', async () => {
    const cliente = clienteCon(async () => new Response('<html><body/></html>', { status: 200 }));
    expect(await cliente.probe()).toMatchObject({ online: false, reason: 'respuesta_invalida' });
  });
});
