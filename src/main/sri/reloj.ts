/**
 * The machine's clock against the SRI's. Every answer carries the SRI's time (the HTTP `Date`
 * header; `fechaAutorizacion` of an authorization just given): a difference over 5 minutes is
 * shown to the cashier, and a difference that puts today's date outside the SRI's emission
 * window (a clock set a month ahead) refuses the sale, since the SRI would answer 65 for it.
 * A monotonic clock notices a jump of the wall clock after the last answer, offline included.
 */
import { fueraDeVentanaEmision, hoyEcuador } from '../fiscal/ventanaEmision';

/** Beyond this the cashier is warned (issue 16). */
export const UMBRAL_DESFASE_MS = 5 * 60_000;

export type ObservacionHoraSri = {
  /** `http_date`: the SRI's clock when it answered (±1 s); `fecha_autorizacion`: a lower bound. */
  fuente: 'http_date' | 'fecha_autorizacion';
  instante: Date;
};

export type EstadoReloj = {
  /** SRI time minus machine time, in seconds (positive: the machine is late); null if unknown. */
  desfaseSegundos: number | null;
  /** |desfase| over 5 minutes. */
  desincronizado: boolean;
};

export type RelojSri = {
  observar: (observacion: ObservacionHoraSri) => void;
  estado: () => EstadoReloj;
  /**
   * Why a document dated today by the machine's clock would be outside the SRI's window, given
   * what is known of the SRI's time; null when it is fine or nothing is known.
   */
  problemaFechaEmision: (fechaEmision: string) => string | null;
};

/**
 * @example const reloj = crearRelojSri({ ahora: () => clock.now(), monotonoMs: () => performance.now(), alCambiar })
 */
export const crearRelojSri = (deps: {
  ahora: () => Date;
  /** Monotonic milliseconds (performance.now): unaffected by changes of the wall clock. */
  monotonoMs: () => number;
  /** Called when `desincronizado` changes. */
  alCambiar?: (estado: EstadoReloj) => void;
}): RelojSri => {
  /** SRI time at a monotonic instant: the reference the machine's clock is compared with. */
  let referencia: { sriMs: number; monotonoMs: number } | null = null;
  let ultimoAviso = false;

  /** SRI's time now, extrapolated from the last observation with the monotonic clock. */
  const horaSriMs = (): number | null =>
    referencia === null ? null : referencia.sriMs + (deps.monotonoMs() - referencia.monotonoMs);

  const estado = (): EstadoReloj => {
    const sri = horaSriMs();
    if (sri === null) return { desfaseSegundos: null, desincronizado: false };
    const desfase = sri - deps.ahora().getTime();
    return {
      desfaseSegundos: Math.round(desfase / 1000),
      desincronizado: Math.abs(desfase) > UMBRAL_DESFASE_MS,
    };
  };

  const avisar = (): void => {
    const actual = estado();
    if (actual.desincronizado !== ultimoAviso) {
      ultimoAviso = actual.desincronizado;
      deps.alCambiar?.(actual);
    }
  };

  return {
    observar: ({ fuente, instante }) => {
      const sriMs = instante.getTime();
      if (Number.isNaN(sriMs)) return;
      if (fuente === 'fecha_autorizacion') {
        // an authorization may be older than this answer: it only proves the SRI is at least there
        const actual = horaSriMs() ?? deps.ahora().getTime();
        if (sriMs <= actual) return;
      }
      referencia = { sriMs, monotonoMs: deps.monotonoMs() };
      avisar();
    },
    estado: () => {
      avisar();
      return estado();
    },
    problemaFechaEmision: (fechaEmision) => {
      const sri = horaSriMs();
      if (sri === null) return null;
      const fuera = fueraDeVentanaEmision(fechaEmision, new Date(sri));
      if (fuera === null) return null;
      return `La fecha de este equipo no coincide con la del SRI (hoy es ${hoyEcuador(new Date(sri)).split('-').reverse().join('/')} según el SRI). ${fuera}`;
    },
  };
};
