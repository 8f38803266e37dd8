/** A screen as Electron's `screen` module describes it (only what is needed here). */
export type Pantalla = {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
};

/**
 * Where the customer display goes: the first screen that is not the cashier's, or null.
 * @example pantallaSecundaria([{ id: 1, bounds }, { id: 2, bounds: b2 }], 1) // b2
 */
export const pantallaSecundaria = (
  pantallas: readonly Pantalla[],
  principal: number,
): Pantalla['bounds'] | null => pantallas.find((p) => p.id !== principal)?.bounds ?? null;
