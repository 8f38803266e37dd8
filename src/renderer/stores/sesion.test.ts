import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../shared/contract';
import type { Usuario } from '../../shared/contract/sesion';
import { alcanzaRol, createSesionStore, type SesionApi } from './sesion';

const andrea: Usuario = { id: 'u1', nombre: 'Andrea', rol: 'cajero', activo: true };
const jorge: Usuario = { id: 'u2', nombre: 'Jorge', rol: 'supervisor', activo: true };

const fakeApi = () => {
  let oyente: ((p: EventPayload<'sesion'>) => void) | null = null;
  let actual: Usuario | null = null;
  const api = {
    call: async (name: string, input: unknown) => {
      switch (name) {
        case 'sesion.actual':
          return { ok: true, value: { usuario: actual } };
        case 'usuarios.listar':
          return { ok: true, value: [andrea, jorge] };
        case 'sesion.iniciar': {
          const { pin } = input as { pin: string };
          if (pin !== '1234') {
            return { ok: false, error: { code: 'pin_incorrecto', message: 'PIN incorrecto.' } };
          }
          actual = andrea;
          return { ok: true, value: { usuario: andrea } };
        }
        default:
          throw new Error(name);
      }
    },
    subscribe: (_: 'sesion', l: (p: EventPayload<'sesion'>) => void) => {
      oyente = l;
      return () => {};
    },
  } as unknown as SesionApi;
  return { api, emitir: (p: EventPayload<'sesion'>) => oyente?.(p) };
};

describe('sesión en el renderer', () => {
  it('devuelve el error en español de un PIN incorrecto y no abre la sesión', async () => {
    const { api } = fakeApi();
    const store = createSesionStore(api);
    await store.getState().recargar();
    expect(store.getState()).toMatchObject({ cargada: true, usuario: null });
    const fallo = await store.getState().iniciar('u1', '0000');
    expect(fallo?.message).toBe('PIN incorrecto.');
    expect(store.getState().usuario).toBeNull();
    expect(await store.getState().iniciar('u1', '1234')).toBeNull();
    expect(store.getState().usuario?.nombre).toBe('Andrea');
  });

  it('sigue el evento sesion de main (por ejemplo, un usuario desactivado)', async () => {
    const { api, emitir } = fakeApi();
    const store = createSesionStore(api);
    emitir({ usuario: jorge });
    expect(store.getState().usuario?.id).toBe('u2');
    emitir({ usuario: null });
    expect(store.getState().usuario).toBeNull();
  });

  it('recuerda quién estuvo en el mostrador y quién aprobó, para empezar por ellos', async () => {
    const { api, emitir } = fakeApi();
    const store = createSesionStore(api);
    expect(store.getState()).toMatchObject({ ultimoUsuario: null, ultimoAprobador: null });
    await store.getState().iniciar('u1', '1234');
    emitir({ usuario: null });
    // Nobody at the counter now; the login starts on who was.
    expect(store.getState()).toMatchObject({ usuario: null, ultimoUsuario: 'u1' });
    emitir({ usuario: jorge });
    expect(store.getState().ultimoUsuario).toBe('u2');
    store.getState().recordarAprobador('u2');
    expect(store.getState().ultimoAprobador).toBe('u2');
  });

  it('ordena los roles como main', () => {
    expect(alcanzaRol('administrador', 'supervisor')).toBe(true);
    expect(alcanzaRol('cajero', 'supervisor')).toBe(false);
  });
});
