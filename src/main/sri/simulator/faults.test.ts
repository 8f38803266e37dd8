import { describe, expect, it } from 'vitest';
import { crearEstadoFallas, describirFallas, parsearFallas, type ReglaFalla } from './faults';

const reglas = (texto: string): ReglaFalla[] => {
  const r = parsearFallas(texto);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('parsearFallas', () => {
  it('lee el ejemplo documentado', () => {
    expect(reglas('latencia=50,recepcion:http500*2,autorizacion:en-proceso=3,devuelta=35')).toEqual(
      [
        { falla: { tipo: 'latencia', ms: 50 }, operacion: 'ambas', veces: null },
        { falla: { tipo: 'http500' }, operacion: 'recepcion', veces: 2 },
        { falla: { tipo: 'en-proceso', veces: 3 }, operacion: 'autorizacion', veces: null },
        { falla: { tipo: 'devuelta', codigo: '35' }, operacion: 'recepcion', veces: null },
      ],
    );
  });

  it('no-autorizado usa 39 por omisión y solo vale para autorización', () => {
    expect(reglas('no-autorizado')).toEqual([
      { falla: { tipo: 'no-autorizado', codigo: '39' }, operacion: 'autorizacion', veces: null },
    ]);
  });

  it('una lista vacía no tiene fallas', () => {
    expect(reglas(' ')).toEqual([]);
  });

  it.each([
    ['latencia', 'necesita'],
    ['latencia=-1', 'entero'],
    ['devuelta', 'necesita'],
    ['devuelta=abc', 'código'],
    ['autorizacion:devuelta=35', 'no se aplica'],
    ['recepcion:en-proceso', 'no se aplica'],
    ['caido*2', 'no admite'],
    ['http500=3', 'no lleva valor'],
    ['explotar', 'desconocida'],
    ['http500*0', '≥ 1'],
  ])('rechaza «%s» con un mensaje en español', (texto, fragmento) => {
    const r = parsearFallas(texto);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toContain(fragmento);
  });
});

describe('describirFallas', () => {
  it('vuelve al mismo texto que se leyó', () => {
    const texto =
      'latencia=50,recepcion:http500*2,en-proceso=3,devuelta=35,no-autorizado=56,autorizacion:cortar,caido';
    expect(describirFallas(reglas(texto))).toBe(texto);
    expect(reglas(describirFallas(reglas(texto)))).toEqual(reglas(texto));
  });
});

describe('crearEstadoFallas', () => {
  it('suma latencias y aplica la primera falla que corresponde a la operación', () => {
    const estado = crearEstadoFallas(
      reglas('latencia=5,autorizacion:latencia=7,recepcion:html,http500'),
    );
    expect(estado.tomar('recepcion', () => 0)).toEqual({ latenciaMs: 5, falla: { tipo: 'html' } });
    expect(estado.tomar('autorizacion', () => 0)).toEqual({
      latenciaMs: 12,
      falla: { tipo: 'http500' },
    });
  });

  it('*N se agota y la falla deja de aplicarse', () => {
    const estado = crearEstadoFallas(reglas('cortar*2'));
    expect(estado.tomar('recepcion', () => 0).falla).toEqual({ tipo: 'cortar' });
    expect(estado.tomar('autorizacion', () => 0).falla).toEqual({ tipo: 'cortar' });
    expect(estado.tomar('recepcion', () => 0).falla).toBeNull();
  });

  it('en-proceso=N cuenta por clave', () => {
    const estado = crearEstadoFallas(reglas('en-proceso=2'));
    expect(estado.tomar('autorizacion', () => 1).falla).toEqual({ tipo: 'en-proceso', veces: 2 });
    expect(estado.tomar('autorizacion', () => 2).falla).toBeNull();
  });

  it('caido se informa aparte y no decide llamadas', () => {
    const estado = crearEstadoFallas(reglas('caido'));
    expect(estado.caido()).toBe(true);
    expect(estado.tomar('recepcion', () => 0).falla).toBeNull();
    estado.reemplazar([]);
    expect(estado.caido()).toBe(false);
  });
});
