/**
 * Ajustes › Correo through the real app (issue 19 §3): the server saved in Ajustes wins over
 * MOSTRADOR_SMTP_URL, its password lives only in the keychain, «Enviar prueba» reports in Spanish
 * (a wrong password as «El servidor de correo rechazó el usuario o la contraseña», never the
 * password), every change needs an administrador and leaves an audit row.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type App, createApp } from '../../src/main/app';
import { CORREO_PASSWORD_ACCOUNT, MENSAJE_CREDENCIALES, parseSmtpUrl } from '../../src/main/correo';
import { listUsers } from '../../src/main/db';
import { DEMO_USERS } from '../../src/main/demo';
import { createMemoryLogger, systemClock } from '../../src/main/log';
import { createMemoryKeychain, type MemoryKeychain } from '../fakes/memoryKeychain';
import { aprobandoEnApp } from './aprobar';
import { PASS, type Servidor, servidor } from './correoFixture';

let dataDir: string;
let app: App;
let keychain: MemoryKeychain;
let logger: ReturnType<typeof createMemoryLogger>;
let variable: Servidor;
let ajustes: Servidor;
let admin: { usuarioId: string; pin: string };
let cajero: { usuarioId: string; pin: string };

const llamar = (name: string, input: unknown) => app.call(name, input, 'interno');
const call = async <T = Record<string, unknown>>(name: string, input: unknown): Promise<T> => {
  const r = await llamar(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
};

const configuracion = (pass: string | undefined) => ({
  servidor: '127.0.0.1',
  puerto: ajustes.port,
  seguridad: 'starttls',
  usuario: 'caja',
  ...(pass === undefined ? {} : { contrasena: pass }),
  remitenteNombre: 'Tienda Ñandú',
  remitenteCorreo: 'facturas@tienda.example',
});

let esperando = '';

const vender = async (email: string): Promise<string> => {
  const p = app.db.sqlite
    .prepare(
      "SELECT id, unit_price_micro AS precio FROM product WHERE unit = 'unidad' AND active = 1 ORDER BY code LIMIT 1",
    )
    .get() as { id: string; precio: number };
  await llamar('caja.abrir', { fondoCentavos: 0 });
  const { documentoId } = await call<{ documentoId: string }>('ventas.cobrar', {
    ventaId: randomUUID(),
    comprador: {
      tipoIdentificacion: '05',
      identificacion: '1710034065',
      razonSocial: 'María Cañar',
      email,
    },
    lineas: [{ productoId: p.id, cantidad: '1', precioUnitarioMicros: p.precio }],
    pagos: [{ formaPago: '01', montoCentavos: 100_000 }],
  });
  return documentoId;
};

beforeAll(async () => {
  variable = await servidor();
  ajustes = await servidor({ authOptional: false });
  const smtp = parseSmtpUrl(`smtp://127.0.0.1:${variable.port}?from=ventas@tienda.example`);
  if (!smtp.ok) throw new Error(smtp.error.message);
  dataDir = await mkdtemp(join(tmpdir(), 'mostrador-correo-ajustes-'));
  keychain = createMemoryKeychain();
  logger = createMemoryLogger();
  const created = await createApp({
    dataDir,
    demo: true,
    logger,
    clock: systemClock,
    keychain,
    smtp: smtp.value,
  });
  if (!created.ok) throw new Error(created.error.message);
  app = aprobandoEnApp(created.value);
  const usuarios = listUsers(app.db);
  const id = (rol: string) => {
    const demo = DEMO_USERS.find((u) => u.rol === rol);
    return {
      usuarioId: usuarios.find((u) => u.nombre === demo?.nombre)?.id ?? '',
      pin: demo?.pin ?? '',
    };
  };
  admin = id('administrador');
  cajero = id('cajero');
});

afterAll(async () => {
  await app?.close();
  await variable.cerrar();
  await ajustes.cerrar();
  await rm(dataDir, { recursive: true, force: true });
});

describe('Ajustes › Correo', () => {
  it('sin ajuste usa MOSTRADOR_SMTP_URL y lo dice', async () => {
    const estado = await call<{ origen: string; puerto: number }>('correo.estado', {});
    expect(estado).toMatchObject({ origen: 'variable', puerto: variable.port });
  });

  it('guardar pide un administrador: un cajero no puede', async () => {
    const r = await llamar('correo.configurar', {
      ...configuracion(PASS),
      autorizacion: cajero,
    });
    expect(r.ok).toBe(false);
    const sinAprobacion = await llamar('correo.configurar', configuracion(PASS));
    expect(sinAprobacion.ok ? null : sinAprobacion.error.code).toBe('autorizacion_requerida');
  });

  it('un correo de remitente inválido se rechaza en español', async () => {
    const r = await llamar('correo.configurar', {
      ...configuracion(PASS),
      remitenteCorreo: 'facturas arroba tienda',
    });
    expect(r.ok ? null : r.error.message).toMatch(/correo electrónico no es válido/);
  });

  it('una contraseña equivocada se ve en la prueba sin la contraseña', async () => {
    await call('correo.configurar', { ...configuracion('mala-clave-123'), autorizacion: admin });
    const prueba = await call<{ exito: boolean; mensaje: string }>('correo.probar', {
      para: 'duena@tienda.example',
      autorizacion: admin,
    });
    expect(prueba).toEqual({ exito: false, mensaje: MENSAJE_CREDENCIALES });
    const todo = JSON.stringify([
      prueba,
      logger.entries,
      app.db.sqlite.prepare('SELECT * FROM settings').all(),
    ]);
    expect(todo).not.toContain('mala-clave-123');
  });

  it('con la contraseña equivocada la factura espera y Conciliación dice por qué, sin la contraseña', async () => {
    esperando = await vender('espera@example.com');
    const hoy = new Date(Date.now() - 5 * 3600_000).toISOString().slice(0, 10);
    const fila = async () =>
      (
        await call<{
          documentos: { id: string; entrega: { estado: string; motivo: string } | null }[];
        }>('conciliacion.listar', { filtro: { desde: hoy, hasta: hoy } })
      ).documentos.find((d) => d.id === esperando)?.entrega;
    await vi.waitFor(
      async () =>
        expect(await fila()).toMatchObject({ estado: 'pendiente', motivo: MENSAJE_CREDENCIALES }),
      { timeout: 15_000 },
    );
    const trabajo = JSON.stringify(
      app.db.sqlite.prepare("SELECT * FROM outbox_job WHERE kind = 'email'").all(),
    );
    expect(trabajo).not.toContain('mala-clave-123');
    const estado = await call<{ ultimoError: string | null }>('correo.estado', {});
    expect(estado.ultimoError).toBe(MENSAJE_CREDENCIALES);
  });

  it('guarda la contraseña solo en el llavero, audita y la prueba llega', async () => {
    const estado = await call<{ origen: string; conContrasena: boolean }>('correo.configurar', {
      ...configuracion(PASS),
      autorizacion: admin,
    });
    expect(estado).toMatchObject({ origen: 'ajustes', conContrasena: true });
    expect(keychain.entries.get(CORREO_PASSWORD_ACCOUNT)).toBe(PASS);
    const guardado = JSON.stringify(app.db.sqlite.prepare('SELECT * FROM settings').all());
    expect(guardado).not.toContain(PASS);
    const auditoria = app.db.sqlite
      .prepare("SELECT user_id AS quien, detail FROM audit_log WHERE action = 'correo.configurado'")
      .all() as { quien: string; detail: string }[];
    expect(auditoria.at(-1)?.quien).toBe(admin.usuarioId);
    expect(JSON.stringify(auditoria)).not.toContain(PASS);

    const prueba = await call<{ exito: boolean; mensaje: string }>('correo.probar', {
      para: 'duena@tienda.example',
      autorizacion: admin,
    });
    expect(prueba.exito).toBe(true);
    expect(prueba.mensaje).toBe('Mensaje de prueba enviado a duena@tienda.example.');
    // Saving the server made the waiting message due at once: it leaves with the new password.
    await vi.waitFor(
      () =>
        expect(
          app.db.sqlite
            .prepare('SELECT status FROM email_delivery WHERE document_id = ?')
            .get(esperando),
        ).toEqual({ status: 'enviado' }),
      { timeout: 15_000 },
    );
    const m = ajustes.recibidos.at(-1);
    expect(m?.from?.value[0]).toEqual({ name: 'Tienda Ñandú', address: 'facturas@tienda.example' });
    expect(
      app.db.sqlite
        .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'correo.prueba'")
        .get(),
    ).toEqual({ n: 2 });
  });

  it('el ajuste gana sobre MOSTRADOR_SMTP_URL: la factura sale por el servidor de Ajustes', async () => {
    const antes = variable.recibidos.length;
    const p = app.db.sqlite
      .prepare(
        "SELECT id, unit_price_micro AS precio FROM product WHERE unit = 'unidad' AND active = 1 ORDER BY code LIMIT 1",
      )
      .get() as { id: string; precio: number };
    await call('caja.abrir', { fondoCentavos: 0 }).catch(() => undefined);
    const carrito = {
      comprador: {
        tipoIdentificacion: '05',
        identificacion: '1710034065',
        razonSocial: 'María Cañar',
        email: 'maria@example.com',
      },
      lineas: [{ productoId: p.id, cantidad: '1', precioUnitarioMicros: p.precio }],
    };
    const { totales } = await call<{ totales: { totalCentavos: number } }>('ventas.calcular', {
      ...carrito,
      pagos: [],
    });
    const { documentoId } = await call<{ documentoId: string }>('ventas.cobrar', {
      ventaId: randomUUID(),
      ...carrito,
      pagos: [{ formaPago: '01', montoCentavos: totales.totalCentavos }],
    });
    await vi.waitFor(
      () =>
        expect(
          app.db.sqlite
            .prepare('SELECT status FROM email_delivery WHERE document_id = ?')
            .get(documentoId),
        ).toEqual({ status: 'enviado' }),
      { timeout: 15_000 },
    );
    expect(ajustes.destinatarios).toContain('maria@example.com');
    expect(variable.recibidos.length).toBe(antes);
  });

  it('borrar el ajuste vuelve a la variable y quita la contraseña del llavero', async () => {
    const estado = await call<{ origen: string }>('correo.eliminar', {
      confirmar: true,
      autorizacion: admin,
    });
    expect(estado.origen).toBe('variable');
    expect(keychain.entries.has(CORREO_PASSWORD_ACCOUNT)).toBe(false);
    expect(
      app.db.sqlite
        .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'correo.eliminado'")
        .get(),
    ).toEqual({ n: 1 });
  });
});
