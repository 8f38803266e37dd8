import { describe, expect, it } from 'vitest';
import { parseSmtpUrl } from './config';
import { clasificarFallo, MENSAJE_CREDENCIALES, MENSAJE_TLS } from './envio';

describe('parseSmtpUrl', () => {
  it('lee usuario, contraseña, servidor y puerto; fuera del equipo exige TLS', () => {
    expect(parseSmtpUrl('smtp://ventas%40tienda.ec:s%C3%B1cr%40t@mail.tienda.ec:2525')).toEqual({
      ok: true,
      value: {
        host: 'mail.tienda.ec',
        port: 2525,
        secure: false,
        loopback: false,
        user: 'ventas@tienda.ec',
        pass: 'sñcr@t',
        remitente: 'ventas@tienda.ec',
      },
    });
    expect(parseSmtpUrl('smtps://u:p@mail.tienda.ec?from=caja@tienda.ec')).toMatchObject({
      ok: true,
      value: { port: 465, secure: true, remitente: 'caja@tienda.ec' },
    });
    expect(parseSmtpUrl('smtp://127.0.0.1:1025')).toMatchObject({
      ok: true,
      value: { port: 1025, loopback: true, user: null, remitente: 'facturacion@127.0.0.1' },
    });
  });

  it('rechaza en español lo que no es un servidor de correo, sin repetir la contraseña', () => {
    const r = parseSmtpUrl('http://u:secreto@mail.tienda.ec');
    expect(r).toMatchObject({ ok: false, error: { code: 'correo_config' } });
    expect(JSON.stringify(r)).not.toContain('secreto');
    expect(parseSmtpUrl('no es una dirección secreto')).toMatchObject({ ok: false });
    expect(JSON.stringify(parseSmtpUrl('no es una dirección secreto'))).not.toContain('secreto');
  });
});

describe('clasificarFallo', () => {
  it('5xx es un rechazo definitivo con las palabras del servidor', () => {
    expect(
      clasificarFallo({ code: 'EENVELOPE', responseCode: 550, response: '550 No existe' }, null),
    ).toEqual({ kind: 'rechazado', motivo: '550 No existe' });
    // A 5xx to STARTTLS or EHLO is not about the message: wait for the configuration to be fixed.
    expect(clasificarFallo({ code: 'ETLS', responseCode: 502, response: '502 no' }, null)).toEqual({
      kind: 'reintentar',
      detalle: MENSAJE_TLS,
    });
    expect(
      clasificarFallo({ code: 'EPROTOCOL', responseCode: 500, response: '500 EHLO' }, null),
    ).toMatchObject({ kind: 'reintentar' });
  });
  it('usuario o contraseña: mensaje fijo, se reintenta', () => {
    expect(
      clasificarFallo({ code: 'EAUTH', responseCode: 535, response: '535 bad pw' }, 'pw'),
    ).toEqual({ kind: 'reintentar', detalle: MENSAJE_CREDENCIALES });
  });
  it('4xx, conexión o tiempo agotado: se reintenta, sin la contraseña en el detalle', () => {
    expect(clasificarFallo({ responseCode: 451, response: '451 luego' }, null)).toMatchObject({
      kind: 'reintentar',
    });
    const r = clasificarFallo(new Error('connect ECONNREFUSED con clave x1y2'), 'x1y2');
    expect(r).toEqual({
      kind: 'reintentar',
      detalle: 'No se pudo enviar el correo: connect ECONNREFUSED con clave ***',
    });
  });
});
