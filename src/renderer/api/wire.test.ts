import { describe, expect, it } from 'vitest';
import { checkEvent, checkOutput, decodeEventData, parseEnvelope } from './wire';

const estado = {
  version: '0.1.0',
  ambiente: 'pruebas',
  backendSri: 'simulador',
  enLinea: true,
  outboxPendientes: 2,
  ultimoErrorSri: null,
  tienda: null,
};

describe('lectura del cable', () => {
  it('lee un Result correcto y uno con error', () => {
    expect(parseEnvelope(JSON.stringify({ ok: true, value: 5 }))).toEqual({ ok: true, value: 5 });
    expect(
      parseEnvelope(
        JSON.stringify({
          ok: false,
          error: { code: 'validacion', message: 'Falta el RUC', field: 'ruc' },
        }),
      ),
    ).toEqual({ ok: false, error: { code: 'validacion', message: 'Falta el RUC', field: 'ruc' } });
  });

  it('un cuerpo que no es un Result (HTML, JSON ajeno) da null', () => {
    expect(parseEnvelope('<html>502</html>')).toBeNull();
    expect(parseEnvelope('{"status":"fail"}')).toBeNull();
    expect(parseEnvelope('{"ok":false,"error":{"code":1}}')).toBeNull();
  });

  it('acepta la salida de app.estado que cumple el contrato', () => {
    expect(checkOutput('app.estado', { ok: true, value: estado })).toEqual({
      ok: true,
      value: estado,
    });
  });

  it('rechaza una salida que no cumple el contrato con un mensaje en español', () => {
    const r = checkOutput('app.estado', { ok: true, value: { ...estado, outboxPendientes: -1 } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('respuesta_invalida');
      expect(r.error.message).toMatch(/servicio local/);
    }
  });

  it('pasa tal cual un error de la llamada', () => {
    const fallo = {
      ok: false as const,
      error: { code: 'interno' as const, message: 'No se pudo' },
    };
    expect(checkOutput('app.estado', fallo)).toBe(fallo);
  });

  it('decodifica y valida los eventos conectividad y outbox', () => {
    const datos = decodeEventData('{"pendientes":3,"ultimoErrorSri":"Tiempo agotado"}');
    expect(datos.ok).toBe(true);
    if (datos.ok) {
      expect(checkEvent('outbox', datos.value)).toEqual({
        ok: true,
        value: { pendientes: 3, ultimoErrorSri: 'Tiempo agotado' },
      });
    }
    expect(checkEvent('conectividad', { enLinea: false })).toEqual({
      ok: true,
      value: { enLinea: false },
    });
  });

  it('un evento con JSON roto o con la forma equivocada es un error, no un valor', () => {
    expect(decodeEventData('{pendientes').ok).toBe(false);
    expect(decodeEventData(42).ok).toBe(false);
    expect(checkEvent('conectividad', { enLinea: 'sí' }).ok).toBe(false);
    expect(checkEvent('outbox', { pendientes: 1.5, ultimoErrorSri: null }).ok).toBe(false);
  });
});
