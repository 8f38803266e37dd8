import { describe, expect, it } from 'vitest';
import type { Usuario } from '../../../shared/contract/sesion';
import { usuarioInicial } from './usuarioInicial';

const rosa: Usuario = { id: 'u1', nombre: 'Rosa', rol: 'administrador', activo: true };
const jorge: Usuario = { id: 'u2', nombre: 'Jorge', rol: 'supervisor', activo: true };

describe('usuarioInicial', () => {
  it('elige al primero de los preferidos que está en la lista', () => {
    expect(usuarioInicial([rosa, jorge], [null, 'u9', jorge.id, rosa.id])).toBe(jorge.id);
  });

  it('con uno solo en la lista lo elige aunque no sea preferido', () => {
    expect(usuarioInicial([jorge], ['u9'])).toBe(jorge.id);
  });

  it('con varios y sin preferido en la lista no elige a nadie', () => {
    expect(usuarioInicial([rosa, jorge], [undefined, 'u9'])).toBeNull();
    expect(usuarioInicial([], [rosa.id])).toBeNull();
  });
});
