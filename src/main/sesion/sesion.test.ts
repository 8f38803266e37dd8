import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AppUser, createUser, listAudit } from '../db';
import { openTestDatabase, type TestDatabase } from '../db/testing';
import { silentLogger } from '../log';
import { autorizar, BLOQUEO_PIN_MS, MAXIMO_FALLOS_PIN } from './autorizar';
import { createSesionHandlers } from './handlers';
import { rolAlcanza } from './roles';
import { createSesionService } from './service';

let db: TestDatabase;
let admin: AppUser;
let supervisor: AppUser;
let cajero: AppUser;

beforeEach(async () => {
  db = openTestDatabase();
  const deps = { clock: db.clock, ids: db.ids };
  [admin, supervisor, cajero] = await Promise.all([
    createUser(db, { nombre: 'Rosa', rol: 'administrador', pin: '9012' }, deps),
    createUser(db, { nombre: 'Jorge', rol: 'supervisor', pin: '5678' }, deps),
    createUser(db, { nombre: 'Andrea', rol: 'cajero', pin: '1234' }, deps),
  ]);
});
afterEach(() => db.close());

const acciones = (): string[] =>
  listAudit(db, { limit: 100 })
    .map((e) => e.action)
    .reverse();

describe('roles', () => {
  it('ordena cajero < supervisor < administrador', () => {
    expect(rolAlcanza('cajero', 'supervisor')).toBe(false);
    expect(rolAlcanza('supervisor', 'supervisor')).toBe(true);
    expect(rolAlcanza('administrador', 'supervisor')).toBe(true);
    expect(rolAlcanza('supervisor', 'administrador')).toBe(false);
  });
});

describe('autorizar', () => {
  it('acepta a un supervisor con su PIN para una acción de supervisor', async () => {
    const r = await autorizar(db, { usuarioId: supervisor.id, pin: '5678' }, 'supervisor', {
      clock: db.clock,
    });
    expect(r).toEqual({ ok: true, value: expect.objectContaining({ id: supervisor.id }) });
  });

  it('rechaza el PIN correcto de un cajero cuando la acción necesita un supervisor, y lo audita', async () => {
    const r = await autorizar(db, { usuarioId: cajero.id, pin: '1234' }, 'supervisor', {
      clock: db.clock,
      accion: 'nota_credito.emitir',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('rol_insuficiente');
    expect(r.error.message).toContain('supervisor');
    const ultima = listAudit(db, { limit: 1 })[0];
    expect(ultima).toMatchObject({
      userId: cajero.id,
      action: 'autorizacion.rol_insuficiente',
      detail: { accion: 'nota_credito.emitir', rol: 'cajero', rolMinimo: 'supervisor' },
    });
  });

  it('rechaza un PIN incorrecto en español y no guarda el PIN en la auditoría', async () => {
    const r = await autorizar(db, { usuarioId: supervisor.id, pin: '0000' }, 'supervisor', {
      clock: db.clock,
    });
    expect(r).toEqual({
      ok: false,
      error: { code: 'pin_incorrecto', message: 'PIN incorrecto.', field: 'pin' },
    });
    expect(JSON.stringify(listAudit(db, { limit: 10 }))).not.toContain('0000');
    expect(acciones()).toEqual(['sesion.pin_incorrecto']);
  });

  it(`bloquea al usuario ${BLOQUEO_PIN_MS / 1000} s tras ${MAXIMO_FALLOS_PIN} PIN incorrectos, aun con el PIN correcto`, async () => {
    const intento = (pin: string) =>
      autorizar(db, { usuarioId: supervisor.id, pin }, 'supervisor', { clock: db.clock });
    for (let i = 1; i < MAXIMO_FALLOS_PIN; i++) {
      expect((await intento('0000')).ok).toBe(false);
    }
    const quinto = await intento('0000');
    expect(!quinto.ok && quinto.error.code).toBe('pin_bloqueado');
    const correcto = await intento('5678');
    expect(!correcto.ok && correcto.error.code).toBe('pin_bloqueado');
    expect(!correcto.ok && correcto.error.message).toContain('60 s');
    // Another user is not affected.
    expect(
      (await autorizar(db, { usuarioId: admin.id, pin: '9012' }, 'supervisor', { clock: db.clock }))
        .ok,
    ).toBe(true);
    db.clock.advance(BLOQUEO_PIN_MS - 1_000);
    expect((await intento('5678')).ok).toBe(false);
    db.clock.advance(1_000);
    expect((await intento('5678')).ok).toBe(true);
    expect(acciones().filter((a) => a === 'sesion.pin_bloqueado')).toHaveLength(1);
  }, 30_000);

  it('un acierto reinicia la cuenta de fallos', async () => {
    const intento = (pin: string) =>
      autorizar(db, { usuarioId: cajero.id, pin }, 'cajero', { clock: db.clock });
    for (let i = 1; i < MAXIMO_FALLOS_PIN; i++) await intento('0000');
    expect((await intento('1234')).ok).toBe(true);
    const otraVez = await intento('0000');
    expect(!otraVez.ok && otraVez.error.code).toBe('pin_incorrecto');
  }, 30_000);
});

describe('sesión', () => {
  it('inicia con PIN, recuerda al usuario y cierra, auditando ambas cosas', async () => {
    const sesion = createSesionService({ db, clock: db.clock, logger: silentLogger });
    expect(sesion.actual()).toBeNull();
    const r = await sesion.iniciar({ usuarioId: cajero.id, pin: '1234' });
    expect(r.ok).toBe(true);
    expect(sesion.usuarioActualId()).toBe(cajero.id);
    sesion.cerrar();
    expect(sesion.usuarioActualId()).toBeNull();
    expect(acciones()).toEqual(['sesion.iniciada', 'sesion.cerrada']);
  });

  it('no cambia de usuario con un PIN incorrecto', async () => {
    const sesion = createSesionService({ db, clock: db.clock, logger: silentLogger });
    await sesion.iniciar({ usuarioId: cajero.id, pin: '1234' });
    const r = await sesion.iniciar({ usuarioId: admin.id, pin: '1111' });
    expect(r.ok).toBe(false);
    expect(sesion.usuarioActualId()).toBe(cajero.id);
  });
});

describe('usuarios', () => {
  const handlers = () => {
    const sesion = createSesionService({ db, clock: db.clock, logger: silentLogger });
    return { sesion, h: createSesionHandlers({ db, sesion, clock: db.clock, ids: db.ids }) };
  };
  const ctx = { transport: 'interno', logger: silentLogger } as const;

  it('lista usuarios sin el hash del PIN', async () => {
    const r = await handlers().h['usuarios.listar']({}, ctx);
    expect(r.ok && r.value.map((u) => u.nombre)).toEqual(['Andrea', 'Jorge', 'Rosa']);
    expect(JSON.stringify(r)).not.toContain('scrypt');
  });

  it('un supervisor no puede crear usuarios; un administrador sí, y queda auditado', async () => {
    const { h } = handlers();
    const input = { nombre: 'Luis', rol: 'cajero', pin: '4321' } as const;
    const negado = await h['usuarios.crear'](
      { ...input, autorizacion: { usuarioId: supervisor.id, pin: '5678' } },
      ctx,
    );
    expect(!negado.ok && negado.error.code).toBe('rol_insuficiente');
    const creado = await h['usuarios.crear'](
      { ...input, autorizacion: { usuarioId: admin.id, pin: '9012' } },
      ctx,
    );
    expect(creado.ok && creado.value).toMatchObject({
      nombre: 'Luis',
      rol: 'cajero',
      activo: true,
    });
    const ultima = listAudit(db, { limit: 1 })[0];
    expect(ultima).toMatchObject({ userId: admin.id, action: 'usuario.creado' });
    const repetido = await h['usuarios.crear'](
      { ...input, nombre: 'luis', autorizacion: { usuarioId: admin.id, pin: '9012' } },
      ctx,
    );
    expect(!repetido.ok && repetido.error.code).toBe('usuario_repetido');
  });

  it('cambia el PIN: el viejo deja de servir y el nuevo sirve', async () => {
    const { h } = handlers();
    const r = await h['usuarios.cambiarPin'](
      { usuarioId: cajero.id, pin: '7777', autorizacion: { usuarioId: admin.id, pin: '9012' } },
      ctx,
    );
    expect(r.ok).toBe(true);
    expect((await autorizar(db, { usuarioId: cajero.id, pin: '1234' }, 'cajero')).ok).toBe(false);
    expect((await autorizar(db, { usuarioId: cajero.id, pin: '7777' }, 'cajero')).ok).toBe(true);
    expect(acciones()).toContain('usuario.pin_cambiado');
  });

  it('desactivar termina la sesión de ese usuario y le impide ingresar', async () => {
    const { h, sesion } = handlers();
    await sesion.iniciar({ usuarioId: cajero.id, pin: '1234' });
    const r = await h['usuarios.desactivar'](
      { usuarioId: cajero.id, autorizacion: { usuarioId: admin.id, pin: '9012' } },
      ctx,
    );
    expect(r.ok && r.value.activo).toBe(false);
    expect(sesion.actual()).toBeNull();
    const ingreso = await sesion.iniciar({ usuarioId: cajero.id, pin: '1234' });
    expect(!ingreso.ok && ingreso.error.code).toBe('usuario_inactivo');
  });

  it('no desactiva al único administrador activo', async () => {
    const { h } = handlers();
    const r = await h['usuarios.desactivar'](
      { usuarioId: admin.id, autorizacion: { usuarioId: admin.id, pin: '9012' } },
      ctx,
    );
    expect(!r.ok && r.error.code).toBe('ultimo_administrador');
  });
});
