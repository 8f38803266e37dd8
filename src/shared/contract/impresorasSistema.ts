import { z } from 'zod';
import { defineCall, emptyInput } from './define';

export const estadoColaSchema = z.enum([
  'lista',
  'imprimiendo',
  'apagada',
  'sin_papel',
  'detenida',
  'desconocido',
]);

export const impresorasSistemaCalls = {
  'ajustes.impresorasSistema': defineCall({
    description:
      'Las impresoras (colas) del sistema operativo con su estado, para elegir una en vez de escribir su nombre.',
    input: emptyInput,
    output: z.object({
      colas: z.array(z.object({ nombre: z.string(), estado: estadoColaSchema })),
    }),
  }),
};
