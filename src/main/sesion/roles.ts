import type { Rol } from '../db';

/** Each role can do what the roles before it can (cajero < supervisor < administrador). */
export const ORDEN_ROLES: readonly Rol[] = ['cajero', 'supervisor', 'administrador'];

/** @example rolAlcanza('supervisor', 'cajero') // true */
export const rolAlcanza = (rol: Rol, minimo: Rol): boolean =>
  ORDEN_ROLES.indexOf(rol) >= ORDEN_ROLES.indexOf(minimo);

/** How a role is named in messages: «un supervisor», «un administrador». */
export const nombreRol = (rol: Rol): string => {
  switch (rol) {
    case 'cajero':
      return 'un cajero';
    case 'supervisor':
      return 'un supervisor';
    case 'administrador':
      return 'un administrador';
    default: {
      const nunca: never = rol;
      return nunca;
    }
  }
};
