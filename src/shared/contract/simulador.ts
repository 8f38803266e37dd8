import * as z from 'zod';
import { defineCall } from './define';

export const simuladorEstadoSchema = z.object({
  /** The simulator refuses connections, as the SRI does when it is down. */
  caido: z.boolean(),
  /** Active fault rules in the `--faults` text form. */
  fallas: z.string(),
});

/**
 * Training mode only (`serve --demo`): the trainer takes the built-in SRI simulator down and up
 * to show cashiers that sales go on offline and drain when it returns.
 */
export const simuladorCalls = {
  'simulador.configurar': defineCall({
    description: 'Modo capacitación: simula que el SRI se cae o vuelve, o aplica fallas guionadas.',
    input: z.strictObject({
      caido: z.boolean().optional(),
      /** e.g. `devuelta=35` or `autorizacion:en-proceso=3`; empty clears every fault. */
      fallas: z.string().max(500).optional(),
    }),
    output: simuladorEstadoSchema,
  }),
};
