import { describe, expect, it } from 'vitest';
import type { CorreoEstado } from '../../shared/contract/correo';
import { err, ok, type Result } from '../../shared/result';
import { type CorreoApi, createCorreoStore, formularioDe } from './correo';

const estado: CorreoEstado = {
  origen: 'ajustes',
  servidor: 'smtp.tienda.ec',
  puerto: 587,
  seguridad: 'starttls',
  usuario: 'caja@tienda.ec',
  conContrasena: true,
  remitenteNombre: null,
  remitenteCorreo: 'facturas@tienda.ec',
  proveedor: 'smtp',
  pendientes: 0,
  ultimoError: null,
};

const fakeApi = (respuestas: Record<string, (input: unknown) => Result<unknown>>) => {
  const llamadas: { name: string; input: unknown }[] = [];
  const api: CorreoApi = {
    call: async (name, input) => {
      llamadas.push({ name, input });
      const responder = respuestas[name];
      if (responder === undefined) return err('interno', `sin respuesta para ${name}`);
      return responder(input) as never;
    },
  };
  return { api, llamadas };
};

describe('store de Ajustes › Correo', () => {
  it('no envía la contraseña si no se escribió otra, y la aprobación solo cuando la hay', async () => {
    const { api, llamadas } = fakeApi({ 'correo.configurar': () => ok(estado) });
    const store = createCorreoStore(api);
    const form = formularioDe(estado);
    await store.getState().guardar(form);
    await store.getState().guardar({ ...form, contrasena: 'nueva' }, { token: 't'.repeat(32) });
    expect(llamadas[0]?.input).not.toHaveProperty('contrasena');
    expect(llamadas[0]?.input).not.toHaveProperty('autorizacion');
    expect(llamadas[1]?.input).toMatchObject({
      contrasena: 'nueva',
      puerto: 587,
      remitenteNombre: null,
      autorizacion: { token: 't'.repeat(32) },
    });
  });

  it('sin usuario no manda contraseña', async () => {
    const { api, llamadas } = fakeApi({ 'correo.configurar': () => ok(estado) });
    const store = createCorreoStore(api);
    await store.getState().guardar({ ...formularioDe(estado), usuario: ' ', contrasena: 'x' });
    expect(llamadas[0]?.input).toMatchObject({ usuario: null });
    expect(llamadas[0]?.input).not.toHaveProperty('contrasena');
  });

  it('la prueba fallida queda como nota de error con el mensaje del servidor', async () => {
    const mensaje = 'El servidor de correo rechazó el usuario o la contraseña';
    const { api } = fakeApi({
      'correo.probar': () => ok({ exito: false, mensaje }),
      'correo.estado': () => ok(estado),
    });
    const store = createCorreoStore(api);
    await store.getState().hacer(async () => {
      const r = await store.getState().probar('duena@tienda.ec');
      return r.ok ? null : r.error;
    }, 'Enviado.');
    expect(store.getState().nota).toEqual({ tipo: 'error', texto: mensaje });
    expect(store.getState().estado).toEqual(estado);
  });
});
