import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeCups } from '../../../test/fakes/cups';
import { startFakePrinter } from '../../../test/fakes/printer';
import { crearSpoolerDoble } from '../../../test/fakes/spooler';
import { modernP12 } from '../../../test/fixtures/certs';
import { calls } from '../../shared/contract';
import { ok, type Result } from '../../shared/result';
import { createIdGenerator, type Database, listAudit, listUsers, openDatabase } from '../db';
import { DEMO_ISSUER, DEMO_USERS, seedDemoStore } from '../demo';
import { type Clock, silentLogger } from '../log';
import { createSesionService } from '../sesion';
import { loadSigningIdentity, trySignComprobante } from '../signing';
import { createEmisionService } from '../ventas';
import { createAjustesHandlers } from './handlers';
import { leerLogo } from './impresoras';

const clock: Clock = { now: () => new Date('2026-11-25T15:00:00.000Z') };
let db: Database;
let cambios: string[];
let reintentos: number;

const handlers = (modoPractica = false) => {
  const ids = createIdGenerator(clock);
  return createAjustesHandlers({
    db,
    clock,
    ids,
    logger: silentLogger,
    modoPractica,
    sesion: createSesionService({ db, clock, logger: silentLogger }),
    printQueue: { retryNow: () => (reintentos += 1) },
    alCambiarAmbiente: (a) => cambios.push(a),
    delivery: { tcp: { connectTimeoutMs: 500, closeGraceMs: 50 } },
  });
};

/** The handler's answer, which must be a success. */
const valor = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

const EMISOR = {
  ruc: '1790016919001',
  razonSocial: 'Comercial Ñandú S.A.',
  nombreComercial: 'Ñandú',
  direccionMatriz: 'Av. Amazonas N24-03, Quito',
  obligadoContabilidad: true,
  contribuyenteEspecial: '',
  agenteRetencion: '1',
  regimen: null,
};

/** What the owner typed, parsed by the contract as dispatch does (blank → null). */
const emisor = (cambios: Partial<typeof EMISOR> = {}) =>
  calls['ajustes.guardarEmisor'].input.shape.emisor.parse({ ...EMISOR, ...cambios });

const PUNTO = {
  establecimiento: { codigo: '002', direccion: 'Calle Sucre 10, Cuenca', nombreComercial: null },
  puntoEmision: { codigo: '003', descripcion: 'Caja 3' },
};

const abrir = async (demo: boolean): Promise<void> => {
  const opened = openDatabase(':memory:', { logger: silentLogger, clock });
  if (!opened.ok) throw new Error(opened.error.message);
  db = opened.value;
  if (demo) {
    const seeded = await seedDemoStore(db, { clock, ids: createIdGenerator(clock) });
    if (!seeded.ok) throw new Error(seeded.error.message);
  }
};

beforeEach(() => {
  cambios = [];
  reintentos = 0;
});
afterEach(() => db.close());

describe('primer uso sin usuarios', () => {
  beforeEach(() => abrir(false));

  it('configura emisor y punto de emisión sin autorización y muestra los secuenciales editables', async () => {
    const h = handlers();
    expect(valor(await h['ajustes.tienda']({}, ctx))).toMatchObject({
      emisor: null,
      puntoEmision: null,
      hayUsuarios: false,
    });
    const conEmisor = valor(await h['ajustes.guardarEmisor']({ emisor: emisor() }, ctx));
    expect(conEmisor.emisor).toMatchObject({ ruc: EMISOR.ruc, ambiente: 'pruebas' });
    expect(conEmisor.emisor?.contribuyenteEspecial).toBeNull();
    const config = valor(await h['ajustes.guardarPuntoEmision'](PUNTO, ctx));
    expect(config.establecimiento?.codigo).toBe('002');
    expect(config.puntoEmision).toEqual({ codigo: '003', descripcion: 'Caja 3' });
    expect(config.secuenciales).toEqual([
      { codDoc: '01', nombre: 'Factura', siguiente: 1, editable: true },
      { codDoc: '04', nombre: 'Nota de crédito', siguiente: 1, editable: true },
    ]);
    const acciones = listAudit(db, { limit: 10 }).map((a) => a.action);
    expect(acciones).toEqual(['ajustes.punto_emision', 'ajustes.emisor']);
  });

  it('rechaza un RUC con provincia inexistente y no guarda nada', async () => {
    const h = handlers();
    const r = await h['ajustes.guardarEmisor']({ emisor: emisor({ ruc: '9990016919001' }) }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('código de provincia inexistente');
    expect(valor(await h['ajustes.tienda']({}, ctx)).emisor).toBeNull();
  });

  it('el punto de emisión necesita antes un emisor', async () => {
    const r = await handlers()['ajustes.guardarPuntoEmision'](PUNTO, ctx);
    expect(r.ok ? null : r.error.code).toBe('sin_emisor');
  });

  it('crea el primer administrador una sola vez y desde entonces cada cambio pide su PIN', async () => {
    const h = handlers();
    const admin = valor(
      await h['ajustes.crearAdministrador']({ nombre: 'Lucía Ñauta', pin: '2468' }, ctx),
    );
    expect(admin.rol).toBe('administrador');
    const otro = await h['ajustes.crearAdministrador']({ nombre: 'Intruso', pin: '1111' }, ctx);
    expect(otro.ok ? null : otro.error.code).toBe('ya_hay_usuarios');
    expect(listUsers(db)).toHaveLength(1);

    const sin = await h['ajustes.guardarEmisor']({ emisor: emisor() }, ctx);
    expect(sin.ok ? null : sin.error.code).toBe('autorizacion_requerida');
    const mal = await h['ajustes.guardarEmisor'](
      { emisor: emisor(), autorizacion: { usuarioId: admin.id, pin: '0000' } },
      ctx,
    );
    expect(mal.ok ? null : mal.error.code).toBe('pin_incorrecto');
    const bien = await h['ajustes.guardarEmisor'](
      { emisor: emisor(), autorizacion: { usuarioId: admin.id, pin: '2468' } },
      ctx,
    );
    expect(bien.ok).toBe(true);
    expect(listAudit(db, { limit: 1 })[0]).toMatchObject({
      action: 'ajustes.emisor',
      userId: admin.id,
    });
  });
});

describe('tienda con usuarios y ventas', () => {
  beforeEach(() => abrir(true));

  const autorizacion = (rol: 'administrador' | 'cajero') => {
    const demo = DEMO_USERS.find((u) => u.rol === rol);
    const usuario = listUsers(db).find((u) => u.nombre === demo?.nombre);
    return { usuarioId: usuario?.id ?? '', pin: demo?.pin ?? '' };
  };

  it('restaurante, ubicación y servicio turístico: solo un administrador, con su entrada en la auditoría', async () => {
    const h = handlers();
    expect(valor(await h['ajustes.local']({}, ctx))).toEqual({
      esRestaurante: false,
      provincia: null,
      canton: null,
    });
    const local = { esRestaurante: true, provincia: 'Pichincha', canton: 'Cayambe' };
    const cajero = await h['ajustes.guardarLocal'](
      { local, autorizacion: autorizacion('cajero') },
      ctx,
    );
    expect(cajero.ok ? null : cajero.error.code).toBe('rol_insuficiente');
    expect(
      valor(
        await h['ajustes.guardarLocal'](
          { local, autorizacion: autorizacion('administrador') },
          ctx,
        ),
      ),
    ).toEqual(local);
    expect(valor(await h['ajustes.local']({}, ctx))).toEqual(local);
    const producto = db.sqlite.prepare('SELECT id FROM product LIMIT 1').get() as { id: string };
    const marcado = await h['ajustes.marcarServicioTuristico'](
      {
        productoId: producto.id,
        servicioTuristico: true,
        autorizacion: autorizacion('administrador'),
      },
      ctx,
    );
    expect(marcado.ok).toBe(true);
    expect(
      db.sqlite
        .prepare('SELECT servicio_turistico AS t FROM product WHERE id = ?')
        .get(producto.id),
    ).toEqual({ t: 1 });
    expect(listAudit(db, { limit: 2 }).map((a) => a.action)).toEqual(
      expect.arrayContaining(['ajustes.local', 'producto.servicio_turistico']),
    );
  });

  it('el formato de las etiquetas de balanza: solo un administrador, con su entrada en la auditoría', async () => {
    const h = handlers();
    expect(valor(await h['ajustes.etiquetaBalanza']({}, ctx))).toEqual({ configuracion: null });
    const configuracion = { tipo: 'preset', preset: 'dibal', contenido: 'peso' } as const;
    const cajero = await h['ajustes.guardarEtiquetaBalanza'](
      { configuracion, autorizacion: autorizacion('cajero') },
      ctx,
    );
    expect(cajero.ok ? null : cajero.error.code).toBe('rol_insuficiente');
    const sin = await h['ajustes.guardarEtiquetaBalanza']({ configuracion }, ctx);
    expect(sin.ok ? null : sin.error.code).toBe('autorizacion_requerida');
    expect(
      valor(
        await h['ajustes.guardarEtiquetaBalanza'](
          { configuracion, autorizacion: autorizacion('administrador') },
          ctx,
        ),
      ),
    ).toEqual({ configuracion });
    expect(valor(await h['ajustes.etiquetaBalanza']({}, ctx))).toEqual({ configuracion });
    expect(listAudit(db, { limit: 1 })[0]).toMatchObject({ action: 'ajustes.etiqueta_balanza' });
    expect(
      valor(
        await h['ajustes.guardarEtiquetaBalanza'](
          { configuracion: null, autorizacion: autorizacion('administrador') },
          ctx,
        ),
      ),
    ).toEqual({ configuracion: null });
  });

  it('un formato personalizado que no cabe en la etiqueta se rechaza en el contrato', () => {
    const r = calls['ajustes.guardarEtiquetaBalanza'].input.safeParse({
      configuracion: {
        tipo: 'personalizado',
        prefijos: ['28'],
        digitosPlu: 6,
        digitosValor: 6,
        contenido: 'peso',
      },
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain('no caben');
  });

  it('lista las impresoras del sistema con su estado: CUPS, y en Windows el spooler', async () => {
    const cups = startFakeCups();
    const spooler = crearSpoolerDoble();
    try {
      cups.setColas({
        TM20: 'printer TM20 is idle.  enabled since Wed 02 Dec 2026 10:00:00 -05',
        Oficina: 'printer Oficina disabled since Wed 02 Dec 2026 10:00:00 -05 -\n\tPaused',
      });
      const h = (platform: NodeJS.Platform) =>
        createAjustesHandlers({
          db,
          clock,
          ids: createIdGenerator(clock),
          logger: silentLogger,
          modoPractica: false,
          sesion: createSesionService({ db, clock, logger: silentLogger }),
          printQueue: { retryNow: () => {} },
          cups: { env: cups.env },
          platform,
          spooler,
        });
      expect(valor(await h('linux')['ajustes.impresorasSistema']({}, ctx))).toEqual({
        colas: [
          { nombre: 'TM20', estado: 'lista' },
          { nombre: 'Oficina', estado: 'detenida' },
        ],
      });
      spooler.poner('POS-80', 0x10);
      expect(valor(await h('win32')['ajustes.impresorasSistema']({}, ctx))).toEqual({
        colas: [{ nombre: 'POS-80', estado: 'sin_papel' }],
      });
    } finally {
      cups.close();
    }
  });

  it('un cajero no puede cambiar el emisor', async () => {
    const r = await handlers()['ajustes.guardarEmisor'](
      { emisor: emisor({ ruc: DEMO_ISSUER.ruc }), autorizacion: autorizacion('cajero') },
      ctx,
    );
    expect(r.ok ? null : r.error.code).toBe('rol_insuficiente');
  });

  it('pasar a producción exige confirmación y no se permite en el modo de práctica', async () => {
    const admin = autorizacion('administrador');
    const practica = await handlers(true)['ajustes.cambiarAmbiente'](
      { ambiente: 'produccion', confirmarProduccion: true, autorizacion: admin },
      ctx,
    );
    expect(practica.ok ? null : practica.error.code).toBe('modo_practica');
    const h = handlers(false);
    const sinConfirmar = await h['ajustes.cambiarAmbiente'](
      { ambiente: 'produccion', autorizacion: admin },
      ctx,
    );
    expect(sinConfirmar.ok ? null : sinConfirmar.error.code).toBe('confirmar_produccion');
    expect(cambios).toEqual([]);
    const hecho = valor(
      await h['ajustes.cambiarAmbiente'](
        { ambiente: 'produccion', confirmarProduccion: true, autorizacion: admin },
        ctx,
      ),
    );
    expect(hecho.emisor?.ambiente).toBe('produccion');
    expect(cambios).toEqual(['produccion']);
    expect(listAudit(db, { limit: 1 })[0]).toMatchObject({
      action: 'ajustes.ambiente',
      detail: { antes: '1', despues: '2' },
    });
  });

  it('el secuencial inicial se fija mientras no hay facturas y queda fijo después de la primera', async () => {
    const admin = autorizacion('administrador');
    const h = handlers();
    const fijado = valor(
      await h['ajustes.fijarSecuencial'](
        { codDoc: '01', siguiente: 1500, autorizacion: admin },
        ctx,
      ),
    );
    expect(fijado.secuenciales.find((s) => s.codDoc === '01')).toMatchObject({
      siguiente: 1500,
      editable: true,
    });
    expect(listAudit(db, { limit: 1 })[0]).toMatchObject({
      action: 'ajustes.secuencial',
      detail: { codDoc: '01', antes: 1, despues: 1500 },
    });

    const p12 = modernP12({ ruc: DEMO_ISSUER.ruc, razonSocial: DEMO_ISSUER.razonSocial });
    const identidad = loadSigningIdentity(p12.p12, p12.password, new Date());
    if (!identidad.ok) throw new Error(identidad.error.message);
    const producto = db.sqlite
      .prepare(
        `SELECT id FROM product WHERE iva_codigo_porcentaje = '4' AND unit = 'unidad' LIMIT 1`,
      )
      .get() as { id: string };
    const emision = createEmisionService({
      db,
      clock,
      ids: createIdGenerator(clock),
      codigoNumerico: () => '12345678',
      firmador: () =>
        ok((xml, instante) => trySignComprobante(xml, identidad.value, { signingTime: instante })),
      logger: silentLogger,
      alEmitir: () => {},
    });
    const venta = emision.cobrar({
      ventaId: randomUUID(),
      comprador: null,
      lineas: [
        {
          productoId: producto.id,
          cantidad: '1',
          descuentoCentavos: 0,
        },
      ],
      pagos: [{ formaPago: '01', montoCentavos: 1_000_000 }],
    });
    expect(venta.ok).toBe(true);

    const despues = valor(await h['ajustes.tienda']({}, ctx));
    expect(despues.secuenciales.find((s) => s.codDoc === '01')).toMatchObject({
      siguiente: 1501,
      editable: false,
    });
    const otraVez = await h['ajustes.fijarSecuencial'](
      { codDoc: '01', siguiente: 9, autorizacion: admin },
      ctx,
    );
    expect(otraVez.ok ? null : otraVez.error.code).toBe('secuencial_en_uso');
    // The credit notes of this point have not started: their first number can still be set.
    const nc = await h['ajustes.fijarSecuencial'](
      { codDoc: '04', siguiente: 20, autorizacion: admin },
      ctx,
    );
    expect(nc.ok).toBe(true);
    const cambiarRuc = await h['ajustes.guardarEmisor'](
      { emisor: emisor(), autorizacion: admin },
      ctx,
    );
    expect(cambiarRuc.ok ? null : cambiarRuc.error.code).toBe('ruc_con_documentos');
  });
});

describe('impresoras y logo', () => {
  beforeEach(() => abrir(false));

  const TERMICA = {
    nombre: 'Caja 1',
    tipo: 'escpos_tcp',
    host: '127.0.0.1',
    puerto: null,
    cola: null,
    perfil: 'tm-t20iii',
    papel: '80mm',
    predeterminada: false,
    abrirCajon: true,
  } as const;

  it('la primera impresora queda predeterminada con el puerto 9100 y una nueva predeterminada se lo quita', async () => {
    const h = handlers();
    const una = valor(await h['ajustes.guardarImpresora']({ impresora: TERMICA }, ctx));
    expect(una.impresoras[0]).toMatchObject({ puerto: 9100, predeterminada: true });
    const dos = valor(
      await h['ajustes.guardarImpresora'](
        {
          impresora: {
            ...TERMICA,
            nombre: 'Oficina A4',
            tipo: 'pdf_spooler',
            host: null,
            cola: 'HP_LaserJet',
            papel: 'a4',
            predeterminada: true,
          },
        },
        ctx,
      ),
    );
    expect(dos.impresoras.map((i) => [i.nombre, i.predeterminada, i.abrirCajon])).toEqual([
      ['Caja 1', false, true],
      ['Oficina A4', true, false],
    ]);
    const borrada = valor(
      await h['ajustes.eliminarImpresora']({ id: dos.impresoras[1]?.id ?? '' }, ctx),
    );
    expect(borrada.impresoras.map((i) => [i.nombre, i.predeterminada])).toEqual([['Caja 1', true]]);
  });

  it('rechaza papel que no corresponde al modelo y una térmica sin dirección', async () => {
    const h = handlers();
    const a4 = await h['ajustes.guardarImpresora']({ impresora: { ...TERMICA, papel: 'a4' } }, ctx);
    expect(a4.ok ? null : a4.error.message).toContain('no en A4');
    const de58 = await h['ajustes.guardarImpresora'](
      { impresora: { ...TERMICA, perfil: 'generico-58' } },
      ctx,
    );
    expect(de58.ok ? null : de58.error.message).toContain('58 mm');
    const sinHost = await h['ajustes.guardarImpresora'](
      { impresora: { ...TERMICA, host: ' ' } },
      ctx,
    );
    expect(sinHost.ok ? null : sinHost.error.field).toBe('impresora.host');
  });

  it('la página de prueba llega a la impresora y despierta la cola; apagada, dice dónde no responde', async () => {
    const printer = await startFakePrinter();
    try {
      const h = handlers();
      const lista = valor(
        await h['ajustes.guardarImpresora'](
          { impresora: { ...TERMICA, puerto: printer.port } },
          ctx,
        ),
      );
      const id = lista.impresoras[0]?.id ?? '';
      const prueba = valor(await h['ajustes.probarImpresora']({ id }, ctx));
      expect(prueba.mensaje).toContain('Caja 1');
      const [bytes] = await printer.waitForJobs(1);
      expect(Buffer.from(bytes ?? []).includes(Buffer.from('PRUEBA'))).toBe(true);
      expect(reintentos).toBe(1);
      await printer.stop();
      const apagada = await h['ajustes.probarImpresora']({ id }, ctx);
      expect(apagada.ok ? null : apagada.error.message).toBe(
        `La impresora no responde en 127.0.0.1:${printer.port}. Revise que esté encendida y conectada.`,
      );
      expect(reintentos).toBe(1);
    } finally {
      await printer.close();
    }
  });

  it('guarda un logo PNG para el RIDE y rechaza lo que no es imagen', async () => {
    const h = handlers();
    // 1×1 transparent PNG.
    const png =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    const logo = valor(await h['ajustes.guardarLogo']({ imagenBase64: png }, ctx));
    expect(logo).toMatchObject({ tipo: 'image/png', ancho: 1, alto: 1 });
    expect(leerLogo(db)?.byteLength).toBe(Buffer.from(png, 'base64').byteLength);
    const texto = await h['ajustes.guardarLogo'](
      { imagenBase64: Buffer.from('no soy una imagen').toString('base64') },
      ctx,
    );
    expect(texto.ok ? null : texto.error.message).toBe('El logo debe ser una imagen PNG o JPEG.');
    expect(leerLogo(db)).not.toBeNull();
    valor(await h['ajustes.guardarLogo']({ imagenBase64: null }, ctx));
    expect(leerLogo(db)).toBeNull();
  });
});

const ctx = { transport: 'interno' as const, logger: silentLogger };
