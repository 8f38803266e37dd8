import type { Usuario } from '../../../shared/contract/sesion';

/**
 * Who a PIN dialog starts on, so the person can type the PIN at once: the first of `preferidos`
 * (most likely first: who is at the counter, who was picked last) that is in `usuarios`, else
 * the only one in `usuarios`, else nobody (the dialog then starts on the list).
 * @example usuarioInicial([jorge, rosa], [null, rosa.id]) // rosa.id
 */
export const usuarioInicial = (
  usuarios: readonly Usuario[],
  preferidos: readonly (string | null | undefined)[],
): string | null => {
  for (const id of preferidos) {
    if (id != null && usuarios.some((u) => u.id === id)) return id;
  }
  return usuarios.length === 1 ? (usuarios[0]?.id ?? null) : null;
};
