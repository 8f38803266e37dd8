import { describe, expect, it } from 'vitest';
import { clasificarDevuelta, resumirMensajes } from './clasificacion';
import type { MensajeSri } from './types';

const m = (identificador: string, tipo = 'ERROR'): MensajeSri => ({
  identificador,
  mensaje: `MENSAJE ${identificador}`,
  informacionAdicional: null,
  tipo,
});

describe('clasificarDevuelta', () => {
  it.each([
    ['43', { accion: 'consultar_autorizacion', codigo: '43', esperarAntes: false }],
    ['70', { accion: 'consultar_autorizacion', codigo: '70', esperarAntes: true }],
    ['45', { accion: 'verificar_secuencial', codigo: '45' }],
    ['50', { accion: 'reintentar', codigo: '50', backoff: 'normal' }],
    ['33', { accion: 'reintentar', codigo: '33', backoff: 'largo' }],
    ['35', { accion: 'corregir', codigo: '35' }],
    ['58', { accion: 'corregir', codigo: '58' }],
    ['39', { accion: 'corregir', codigo: '39' }],
    ['65', { accion: 'revision_manual', codigo: '65', conocido: true }],
    ['56', { accion: 'revision_manual', codigo: '56', conocido: true }],
    ['999', { accion: 'revision_manual', codigo: '999', conocido: false }],
  ])('el código %s lleva a la acción de la tabla de docs/sri.md §7', (codigo, accion) => {
    expect(clasificarDevuelta([m(codigo)])).toMatchObject(accion);
  });

  it('43 manda aunque venga con otros errores', () => {
    expect(clasificarDevuelta([m('35'), m('43')])).toMatchObject({
      accion: 'consultar_autorizacion',
    });
  });

  it('no reintenta si además hay un error de estructura', () => {
    expect(clasificarDevuelta([m('50'), m('35')])).toEqual({
      accion: 'corregir',
      evento: 'devuelta_permanente',
      codigo: '35',
    });
  });

  it('un código desconocido junto a un 50 va a revisión manual', () => {
    expect(clasificarDevuelta([m('50'), m('81')])).toMatchObject({ accion: 'revision_manual' });
  });

  it('ignora las advertencias al decidir', () => {
    expect(clasificarDevuelta([m('60', 'ADVERTENCIA'), m('50')])).toMatchObject({
      accion: 'reintentar',
    });
    expect(clasificarDevuelta([m('99', 'ADVERTENCIA')])).toEqual({
      accion: 'revision_manual',
      evento: 'revision_manual',
      codigo: null,
      conocido: false,
    });
  });

  it('una DEVUELTA sin mensajes va a revisión manual', () => {
    expect(clasificarDevuelta([])).toEqual({
      accion: 'revision_manual',
      evento: 'revision_manual',
      codigo: null,
      conocido: false,
    });
  });

  it('da el evento de la máquina de estados fiscal', () => {
    expect(clasificarDevuelta([m('43')]).evento).toBe('devuelta_consultar');
    expect(clasificarDevuelta([m('45')]).evento).toBe('devuelta_45');
    expect(clasificarDevuelta([m('50')]).evento).toBe('devuelta_transitoria');
    expect(clasificarDevuelta([m('58')]).evento).toBe('devuelta_permanente');
    expect(clasificarDevuelta([m('81')]).evento).toBe('revision_manual');
  });
});

describe('resumirMensajes', () => {
  it('incluye código, mensaje e información adicional', () => {
    expect(
      resumirMensajes([
        {
          identificador: '39',
          mensaje: 'FIRMA INVALIDA',
          informacionAdicional: 'x',
          tipo: 'ERROR',
        },
        m('60', 'ADVERTENCIA'),
      ]),
    ).toBe('39 FIRMA INVALIDA (x); 60 MENSAJE 60');
  });
});
