import { describe, expect, it } from 'vitest';
import { createMemoryKeychain } from '../../../test/fakes/memoryKeychain';
import { openTestDatabase } from '../db/testing';
import { silentLogger } from '../log';
import { createCorreoAjustes } from './ajustes';
import { parseSmtpUrl } from './config';

const nuevo = {
  servidor: '127.0.0.1',
  puerto: 2525,
  seguridad: 'starttls' as const,
  usuario: 'caja',
  contrasena: 'secreto-1',
  remitenteNombre: null,
  remitenteCorreo: 'facturas@tienda.ec',
  proveedor: 'smtp' as const,
};

const crear = (modoPractica: boolean, variable?: string) => {
  const db = openTestDatabase();
  const v = variable === undefined ? undefined : parseSmtpUrl(variable);
  return createCorreoAjustes({
    db,
    keychain: createMemoryKeychain(),
    clock: db.clock,
    logger: silentLogger,
    modoPractica,
    ...(v?.ok ? { variable: v.value } : {}),
  });
};

describe('servidor de correo de Ajustes', () => {
  it('sin llavero no guarda la contraseña y lo dice sin hablar de la firma', async () => {
    const db = openTestDatabase();
    const keychain = createMemoryKeychain();
    keychain.available = false;
    const ajustes = createCorreoAjustes({
      db,
      keychain,
      clock: db.clock,
      logger: silentLogger,
      modoPractica: false,
    });
    const r = await ajustes.configurar(nuevo);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toMatch(/^No se guardó la contraseña del correo: El llavero/);
      expect(r.error.message).not.toMatch(/firma/);
    }
    expect(ajustes.estado().origen).toBe('ninguno');
  });

  it('exige STARTTLS también hacia 127.0.0.1 fuera del modo capacitación', async () => {
    const ajustes = crear(false);
    await ajustes.configurar(nuevo);
    const smtp = await ajustes.smtp();
    expect(smtp.ok && smtp.value).toMatchObject({
      loopback: false,
      secure: false,
      pass: 'secreto-1',
    });
  });

  it('en modo capacitación deja texto plano solo hacia 127.0.0.1', async () => {
    const ajustes = crear(true);
    await ajustes.configurar(nuevo);
    expect((await ajustes.smtp()).ok && (await ajustes.smtp())).toMatchObject({
      value: { loopback: true },
    });
    await ajustes.configurar({ ...nuevo, servidor: 'smtp.tienda.ec', seguridad: 'tls' });
    const smtp = await ajustes.smtp();
    expect(smtp.ok && smtp.value).toMatchObject({ loopback: false, secure: true });
  });

  it('el ajuste gana sobre la variable; sin ajuste se usa la variable', async () => {
    const ajustes = crear(true, 'smtp://127.0.0.1:2600?from=v@tienda.ec');
    const antes = await ajustes.smtp();
    expect(antes.ok && antes.value?.port).toBe(2600);
    await ajustes.configurar(nuevo);
    const despues = await ajustes.smtp();
    expect(despues.ok && despues.value?.port).toBe(2525);
  });

  it('sin contraseña nueva conserva la guardada; sin usuario la borra', async () => {
    const ajustes = crear(false);
    await ajustes.configurar(nuevo);
    const { contrasena: _, ...sinContrasena } = nuevo;
    await ajustes.configurar({ ...sinContrasena, puerto: 587 });
    const conserva = await ajustes.smtp();
    expect(conserva.ok && conserva.value?.pass).toBe('secreto-1');
    await ajustes.configurar({ ...sinContrasena, usuario: null });
    const sin = await ajustes.smtp();
    expect(sin.ok && sin.value).toMatchObject({ user: null, pass: null });
    expect(ajustes.estado().conContrasena).toBe(false);
  });
});
