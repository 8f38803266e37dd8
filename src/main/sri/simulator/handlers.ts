import { err, ok } from '../../../shared/result';
import type { HandlerGroup } from '../../rpc';
import type { ReglaFalla } from './faults';
import type { SriSimulator } from './server';

const comoTexto = (regla: ReglaFalla): string => {
  const f = regla.falla;
  const valor =
    f.tipo === 'latencia'
      ? `=${f.ms}`
      : f.tipo === 'devuelta' || f.tipo === 'no-autorizado'
        ? `=${f.codigo}`
        : f.tipo === 'en-proceso' && f.veces !== null
          ? `=${f.veces}`
          : '';
  const operacion = regla.operacion === 'ambas' ? '' : `${regla.operacion}:`;
  return `${operacion}${f.tipo}${valor}${regla.veces === null ? '' : `*${regla.veces}`}`;
};

/**
 * `simulador.configurar`: in training mode the trainer takes the built-in SRI down and up.
 * Outside training mode there is no simulator and the call says so.
 */
export const createSimuladorHandlers = (deps: {
  simulator: SriSimulator | null;
  /** The SRI "came back": let the outbox try at once instead of at its next probe. */
  onChange: () => void;
}): HandlerGroup<'simulador.configurar'> => ({
  'simulador.configurar': async (input) => {
    const { simulator } = deps;
    if (simulator === null) {
      return err(
        'sin_simulador',
        'El simulador del SRI solo existe en modo capacitación (mostrador serve --demo).',
      );
    }
    const actuales = simulator
      .faults()
      .filter((r) => r.falla.tipo !== 'caido')
      .map(comoTexto);
    const base =
      input.fallas === undefined
        ? actuales
        : input.fallas.split(',').filter((t) => t.trim() !== '');
    const caido = input.caido ?? simulator.faults().some((r) => r.falla.tipo === 'caido');
    const reglas = [...base.filter((t) => t.trim() !== 'caido'), ...(caido ? ['caido'] : [])];
    const applied = await simulator.setFaults(reglas.join(','));
    if (!applied.ok) return applied;
    deps.onChange();
    return ok({
      caido: simulator.faults().some((r) => r.falla.tipo === 'caido'),
      fallas: simulator.faults().map(comoTexto).join(','),
    });
  },
});
