import { describe, expect, it } from 'vitest';
import { ERROR_CODES, esRechazoDeAprobacion, isErrorCode } from './errores';

describe('códigos de error', () => {
  it('no repite ningún código', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it('reconoce un código declarado y rechaza uno desconocido', () => {
    expect(isErrorCode('pin_incorrecto')).toBe(true);
    expect(isErrorCode('codigo_que_nadie_declaro')).toBe(false);
  });

  it('trata como rechazo de la aprobación los errores del PIN, del rol y de quien aprueba', () => {
    expect(esRechazoDeAprobacion({ code: 'pin_incorrecto' })).toBe(true);
    expect(esRechazoDeAprobacion({ code: 'usuario_inactivo' })).toBe(true);
    expect(esRechazoDeAprobacion({ code: 'validacion', field: 'autorizacion.pin' })).toBe(true);
    expect(esRechazoDeAprobacion({ code: 'validacion', field: 'usuarioId' })).toBe(true);
  });

  it('no retiene el diálogo por un error que no es de quien aprueba', () => {
    expect(esRechazoDeAprobacion({ code: 'factura_inexistente' })).toBe(false);
    expect(esRechazoDeAprobacion({ code: 'validacion', field: 'motivo' })).toBe(false);
  });
});
