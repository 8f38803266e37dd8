import { describe, expect, it } from 'vitest';
import { crearRelojSri, type EstadoReloj } from './reloj';

/** A wall clock the test sets and a monotonic clock that only moves forward. */
const relojes = (inicio: string) => {
  let pared = new Date(inicio).getTime();
  let monotono = 1_000;
  const cambios: EstadoReloj[] = [];
  const reloj = crearRelojSri({
    ahora: () => new Date(pared),
    monotonoMs: () => monotono,
    alCambiar: (e) => cambios.push(e),
  });
  return {
    reloj,
    cambios,
    pasar: (ms: number) => {
      pared += ms;
      monotono += ms;
    },
    saltarPared: (ms: number) => {
      pared += ms;
    },
  };
};

describe('reloj del SRI', () => {
  it('sin respuestas del SRI no sabe nada y no avisa', () => {
    const { reloj } = relojes('2026-12-02T15:00:00Z');
    expect(reloj.estado()).toEqual({ desfaseSegundos: null, desincronizado: false });
    expect(reloj.problemaFechaEmision('2026-12-02')).toBeNull();
  });

  it('la cabecera Date del SRI con 45 minutos de diferencia avisa; dentro de 5 minutos no', () => {
    const { reloj, cambios } = relojes('2026-12-02T15:00:00Z');
    reloj.observar({ fuente: 'http_date', instante: new Date('2026-12-02T15:04:00Z') });
    expect(reloj.estado()).toEqual({ desfaseSegundos: 240, desincronizado: false });
    reloj.observar({ fuente: 'http_date', instante: new Date('2026-12-02T14:15:00Z') });
    expect(reloj.estado()).toEqual({ desfaseSegundos: -2_700, desincronizado: true });
    expect(cambios).toEqual([{ desfaseSegundos: -2_700, desincronizado: true }]);
    reloj.observar({ fuente: 'http_date', instante: new Date('2026-12-02T15:00:01Z') });
    expect(cambios.at(-1)).toEqual({ desfaseSegundos: 1, desincronizado: false });
  });

  it('una fechaAutorizacion pasada no prueba nada; una futura muestra que el equipo va atrasado', () => {
    const { reloj } = relojes('2026-12-02T15:00:00Z');
    reloj.observar({ fuente: 'fecha_autorizacion', instante: new Date('2026-12-02T09:00:00Z') });
    expect(reloj.estado().desfaseSegundos).toBeNull();
    reloj.observar({ fuente: 'fecha_autorizacion', instante: new Date('2026-12-02T15:10:00Z') });
    expect(reloj.estado()).toEqual({ desfaseSegundos: 600, desincronizado: true });
  });

  it('si la hora del equipo salta un mes después de la última respuesta, rechaza la fecha de emisión', () => {
    const { reloj, pasar, saltarPared } = relojes('2026-12-02T15:00:00Z');
    reloj.observar({ fuente: 'http_date', instante: new Date('2026-12-02T15:00:00Z') });
    pasar(60_000);
    expect(reloj.problemaFechaEmision('2026-12-02')).toBeNull();
    saltarPared(31 * 86_400_000);
    expect(reloj.estado().desincronizado).toBe(true);
    expect(reloj.problemaFechaEmision('2027-01-02')).toMatch(
      /hoy es 02\/12\/2026 según el SRI.*02\/01\/2027 es posterior a hoy/,
    );
  });
});
