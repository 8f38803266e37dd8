import { describe, expect, it } from 'vitest';
import {
  type AccionSri,
  clasificarCodigoSri,
  ESTADOS,
  ESTADOS_FINALES,
  type Estado,
  EVENTOS,
  eventoDevuelta,
  eventosPosibles,
  TRANSICIONES,
  transicion,
} from './estados';

describe('máquina de estados del documento', () => {
  it.each(TRANSICIONES)('$desde —$evento→ $hacia', (t) => {
    expect(transicion(t.desde, t.evento)).toEqual({ ok: true, value: t.hacia });
  });

  it('rechaza todo par (estado, evento) que no está en la tabla, con un mensaje en español', () => {
    const permitidas = new Set(TRANSICIONES.map((t) => `${t.desde}|${t.evento}`));
    let rechazadas = 0;
    for (const estado of ESTADOS) {
      for (const evento of EVENTOS) {
        if (permitidas.has(`${estado}|${evento}`)) continue;
        const r = transicion(estado, evento);
        expect(r.ok, `${estado} —${evento}→`).toBe(false);
        if (!r.ok)
          expect(r.error.message).toBe(
            `El evento «${evento}» no es posible en el estado ${estado}.`,
          );
        rechazadas++;
      }
    }
    expect(rechazadas).toBe(ESTADOS.length * EVENTOS.length - TRANSICIONES.length);
  });

  it('la tabla no tiene dos destinos para el mismo estado y evento', () => {
    const claves = TRANSICIONES.map((t) => `${t.desde}|${t.evento}`);
    expect(new Set(claves).size).toBe(claves.length);
  });

  it('sigue el camino feliz de docs/architecture.md §4 desde SIGNED hasta AUTHORIZED', () => {
    let estado: Estado = 'SIGNED';
    for (const evento of [
      'encolado',
      'envio_iniciado',
      'recibida',
      'consulta_iniciada',
      'autorizado',
    ] as const) {
      const r = transicion(estado, evento);
      if (!r.ok) throw new Error(r.error.message);
      estado = r.value;
    }
    expect(estado).toBe('AUTHORIZED');
  });

  it('un envío sin respuesta se resuelve consultando la autorización, nunca reenviando a ciegas', () => {
    expect(transicion('SUBMITTED_TO_SRI', 'sin_respuesta')).toEqual({
      ok: true,
      value: 'RECEPTION_UNKNOWN',
    });
    expect(transicion('RECEPTION_UNKNOWN', 'envio_iniciado').ok).toBe(false);
    expect(transicion('RECEPTION_UNKNOWN', 'no_encontrado')).toEqual({
      ok: true,
      value: 'RECEPTION_RETRY_SCHEDULED',
    });
  });

  it('los estados finales no tienen salida y todo estado es alcanzable desde DRAFT', () => {
    for (const estado of ESTADOS_FINALES) expect(eventosPosibles(estado)).toEqual([]);
    const alcanzados = new Set<Estado>(['DRAFT']);
    let cambio = true;
    while (cambio) {
      cambio = false;
      for (const t of TRANSICIONES) {
        if (alcanzados.has(t.desde) && !alcanzados.has(t.hacia)) {
          alcanzados.add(t.hacia);
          cambio = true;
        }
      }
    }
    expect([...alcanzados].sort()).toEqual([...ESTADOS].sort());
  });

  it('todo evento se usa en alguna transición', () => {
    const usados = new Set(TRANSICIONES.map((t) => t.evento));
    expect(EVENTOS.filter((e) => !usados.has(e))).toEqual([]);
  });
});

describe('clasificación de códigos del SRI (docs/sri.md §7)', () => {
  it('asigna la acción de la tabla a cada código', () => {
    const esperado: Record<AccionSri, string[]> = {
      QUERY: ['43', '70', '45'],
      RETRY: ['50', '33'],
      FIX: ['35', '26', '36', '47', '48', '49', '39', '52', '58', '64', '67', '69'],
      MANUAL: ['65', '40', '42', '2', '10', '27', '28', '37', '46', '56', '57', '63'],
      LOG: ['59', '60', '62', '68'],
    };
    for (const [accion, codigos] of Object.entries(esperado)) {
      for (const codigo of codigos) expect(clasificarCodigoSri(codigo), codigo).toBe(accion);
    }
  });

  it('acepta números y ceros a la izquierda, y un código desconocido va a revisión manual', () => {
    expect(clasificarCodigoSri(70)).toBe('QUERY');
    expect(clasificarCodigoSri('002')).toBe('MANUAL');
    expect(clasificarCodigoSri('999')).toBe('MANUAL');
  });

  it('elige el evento de una respuesta DEVUELTA según sus códigos', () => {
    expect(eventoDevuelta(['43'])).toBe('devuelta_consultar');
    expect(eventoDevuelta(['70', '35'])).toBe('devuelta_consultar');
    expect(eventoDevuelta(['45'])).toBe('devuelta_45');
    expect(eventoDevuelta(['35', '60'])).toBe('devuelta_permanente');
    expect(eventoDevuelta(['56', '35'])).toBe('revision_manual');
    expect(eventoDevuelta(['50'])).toBe('devuelta_transitoria');
    expect(eventoDevuelta(['60'])).toBe('revision_manual');
    expect(eventoDevuelta([])).toBe('revision_manual');
  });
});
