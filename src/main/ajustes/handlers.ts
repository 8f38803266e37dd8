import type { AprobacionEnLinea } from '../../shared/contract/sesion';
import { err, ok } from '../../shared/result';
import {
  type AppUser,
  appendAudit,
  createUser,
  type Database,
  guardarLocal,
  type IdGenerator,
  leerLocal,
  listUsers,
  type Rol,
  validatePin,
} from '../db';
import type { Clock, Logger } from '../log';
import {
  type CupsOptions,
  type DeliveryOptions,
  listarColasSistema,
  type PrintQueue,
  printerFromRow,
  printTestPage,
  type Spooler,
} from '../print';
import type { HandlerGroup } from '../rpc';
import {
  type CertificateHandlerDeps,
  type CertificateHandlers,
  createCertificateHandlers,
} from '../secrets';
import { type SesionService, usuarioPublico } from '../sesion';
import { exigirAutorizacion } from './autorizacion';
import { createBalanzaHandlers } from './balanza';
import {
  eliminarImpresora,
  guardarImpresora,
  guardarLogo,
  impresoraPorId,
  listarImpresoras,
  verLogo,
} from './impresoras';
import {
  cambiarAmbiente,
  fijarSecuencial,
  guardarEmisor,
  guardarPuntoEmision,
  tiendaConfig,
} from './tienda';

export type AjustesDeps = {
  db: Database;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  /** Training mode (built-in SRI simulator). */
  modoPractica: boolean;
  sesion: SesionService;
  /** After a good test page, jobs waiting for a printer go out at once. */
  printQueue: Pick<PrintQueue, 'retryNow'>;
  /** The SRI endpoints follow the ambiente: main swaps its client when it changes. */
  alCambiarAmbiente?: (ambiente: 'pruebas' | 'produccion') => void;
  /** Transport options for the test page (tests shorten the TCP timeouts). */
  delivery?: DeliveryOptions;
  /** How the OS printers are listed (tests put a fake CUPS on PATH). */
  cups?: CupsOptions;
  /** The Windows spooler (tests give a double). */
  spooler?: Spooler;
  platform?: NodeJS.Platform;
};

type AjustesCall =
  | 'ajustes.tienda'
  | 'ajustes.crearAdministrador'
  | 'ajustes.guardarEmisor'
  | 'ajustes.guardarPuntoEmision'
  | 'ajustes.cambiarAmbiente'
  | 'ajustes.fijarSecuencial'
  | 'ajustes.impresoras'
  | 'ajustes.guardarImpresora'
  | 'ajustes.eliminarImpresora'
  | 'ajustes.probarImpresora'
  | 'ajustes.logo'
  | 'ajustes.guardarLogo'
  | 'ajustes.local'
  | 'ajustes.guardarLocal'
  | 'ajustes.marcarServicioTuristico'
  | 'ajustes.etiquetaBalanza'
  | 'ajustes.guardarEtiquetaBalanza'
  | 'ajustes.impresorasSistema';

/**
 * The `ajustes.*` calls. Changes to who emits and how (issuer, point, ambiente, numbering) need
 * an administrador; printers and the logo a supervisor. Each change writes its audit entry.
 * @example const handlers = { ...createAjustesHandlers({ db, clock, ids, logger, modoPractica, sesion, printQueue }) };
 */
export const createAjustesHandlers = (deps: AjustesDeps): HandlerGroup<AjustesCall> => {
  const { db, clock } = deps;
  const tienda = { db, clock, ids: deps.ids, modoPractica: deps.modoPractica };
  const autorizado = (autorizacion: AprobacionEnLinea | undefined, rol: Rol, accion: string) =>
    exigirAutorizacion(db, autorizacion, rol, { clock, accion });
  // Two «crear administrador» racing on a fresh install: only the first one is taken.
  let creandoAdministrador = false;

  return {
    'ajustes.tienda': () => ok(tiendaConfig(tienda)),
    'ajustes.crearAdministrador': async (input) => {
      if (creandoAdministrador || listUsers(db).length > 0) {
        return err(
          'ya_hay_usuarios',
          'La tienda ya tiene usuarios: pida a un administrador que cree el suyo en Ajustes.',
        );
      }
      const pin = validatePin(input.pin);
      if (!pin.ok) return pin;
      creandoAdministrador = true;
      let creado: AppUser;
      try {
        creado = await createUser(
          db,
          { nombre: input.nombre, rol: 'administrador', pin: pin.value },
          { clock, ids: deps.ids },
        );
      } finally {
        creandoAdministrador = false;
      }
      appendAudit(
        db,
        {
          userId: creado.id,
          action: 'usuario.creado',
          detail: { usuarioId: creado.id, nombre: creado.nombre, rol: creado.rol, primerUso: true },
        },
        clock,
      );
      const sesion = deps.sesion.iniciarSinPin(creado.id);
      if (!sesion.ok) return sesion;
      deps.logger.info('Administrador inicial creado', { usuarioId: creado.id });
      return ok(usuarioPublico(creado));
    },
    'ajustes.guardarEmisor': async ({ autorizacion, emisor }) => {
      const admin = await autorizado(autorizacion, 'administrador', 'ajustes.emisor');
      if (!admin.ok) return admin;
      return guardarEmisor(tienda, emisor, admin.value);
    },
    'ajustes.guardarPuntoEmision': async ({ autorizacion, ...input }) => {
      const admin = await autorizado(autorizacion, 'administrador', 'ajustes.punto_emision');
      if (!admin.ok) return admin;
      return guardarPuntoEmision(tienda, input, admin.value);
    },
    'ajustes.cambiarAmbiente': async ({ autorizacion, ...input }) => {
      const admin = await autorizado(autorizacion, 'administrador', 'ajustes.ambiente');
      if (!admin.ok) return admin;
      const antes = tiendaConfig(tienda).emisor?.ambiente;
      const cambiado = cambiarAmbiente(tienda, input, admin.value);
      if (cambiado.ok && cambiado.value.emisor?.ambiente !== antes) {
        deps.logger.info('Ambiente del SRI cambiado', { ambiente: input.ambiente });
        deps.alCambiarAmbiente?.(input.ambiente);
      }
      return cambiado;
    },
    'ajustes.fijarSecuencial': async ({ autorizacion, ...input }) => {
      const admin = await autorizado(autorizacion, 'administrador', 'ajustes.secuencial');
      if (!admin.ok) return admin;
      return fijarSecuencial(tienda, input, admin.value);
    },
    'ajustes.impresoras': () => ok(listarImpresoras(db)),
    'ajustes.guardarImpresora': async ({ autorizacion, impresora }) => {
      const quien = await autorizado(autorizacion, 'supervisor', 'ajustes.impresora');
      if (!quien.ok) return quien;
      return guardarImpresora(tienda, impresora, quien.value);
    },
    'ajustes.eliminarImpresora': async ({ autorizacion, id }) => {
      const quien = await autorizado(autorizacion, 'supervisor', 'ajustes.impresora_eliminada');
      if (!quien.ok) return quien;
      return eliminarImpresora(tienda, id, quien.value);
    },
    'ajustes.probarImpresora': async ({ id }) => {
      const fila = impresoraPorId(db, id);
      if (fila === undefined) {
        return err('impresora_desconocida', 'La impresora ya no existe; vuelva a abrir la lista.');
      }
      const config = printerFromRow(fila);
      if (!config.ok) return config;
      const impreso = await printTestPage(config.value, clock.now(), deps.delivery);
      if (!impreso.ok) {
        deps.logger.info('Página de prueba sin respuesta', {
          impresora: id,
          code: impreso.error.code,
        });
        return impreso;
      }
      deps.printQueue.retryNow();
      return ok({
        mensaje: `La página de prueba salió por «${fila.name}». Revise que se lean bien la ñ y las tildes.`,
      });
    },
    'ajustes.local': () => ok(leerLocal(db)),
    'ajustes.guardarLocal': async ({ autorizacion, local }) => {
      const quien = await autorizado(autorizacion, 'administrador', 'ajustes.local');
      if (!quien.ok) return quien;
      const antes = leerLocal(db);
      db.sqlite.transaction(() => {
        guardarLocal(db, local, clock);
        appendAudit(
          db,
          {
            userId: quien.value?.id ?? null,
            action: 'ajustes.local',
            detail: { antes, despues: local },
          },
          clock,
        );
      })();
      return ok(leerLocal(db));
    },
    'ajustes.marcarServicioTuristico': async ({ autorizacion, productoId, servicioTuristico }) => {
      const quien = await autorizado(autorizacion, 'administrador', 'ajustes.servicio_turistico');
      if (!quien.ok) return quien;
      const cambio = db.sqlite.transaction(() => {
        const r = db.sqlite
          .prepare('UPDATE product SET servicio_turistico = ?, updated_at = ? WHERE id = ?')
          .run(servicioTuristico ? 1 : 0, clock.now().toISOString(), productoId);
        if (r.changes !== 1) return false;
        appendAudit(
          db,
          {
            userId: quien.value?.id ?? null,
            action: 'producto.servicio_turistico',
            detail: { productoId, servicioTuristico },
          },
          clock,
        );
        return true;
      })();
      return cambio
        ? ok({ productoId, servicioTuristico })
        : err('producto_no_existe', 'No existe ese producto en el catálogo.', 'productoId');
    },
    'ajustes.logo': () => ok(verLogo(db)),
    'ajustes.guardarLogo': async ({ autorizacion, imagenBase64 }) => {
      const quien = await autorizado(autorizacion, 'supervisor', 'ajustes.logo');
      if (!quien.ok) return quien;
      return guardarLogo(tienda, imagenBase64, quien.value);
    },
    ...createBalanzaHandlers({ db, clock }),
    'ajustes.impresorasSistema': async () => {
      // CUPS (lpstat) or the Windows spooler (EnumPrintersW).
      const colas = await listarColasSistema({
        ...(deps.platform === undefined ? {} : { platform: deps.platform }),
        ...(deps.cups === undefined ? {} : { cups: deps.cups }),
        ...(deps.spooler === undefined ? {} : { spooler: deps.spooler }),
      });
      return colas.ok ? ok({ colas: colas.value }) : colas;
    },
  };
};

/**
 * The `certificado.*` calls with Ajustes' rule on top: importing or removing the firma
 * electrónica — the store's fiscal identity — needs an administrador once the store has users,
 * and the audit entry names who authorized it. Unlocking needs only the firma's password.
 * @example const handlers = { ...createCertificadoAutorizado({ db, keychain, holder, clock, logger, issuerRuc }) };
 */
export const createCertificadoAutorizado = (deps: CertificateHandlerDeps): CertificateHandlers => {
  const base = createCertificateHandlers(deps);
  const actuando = (usuario: AppUser | null): CertificateHandlers =>
    createCertificateHandlers({
      ...deps,
      currentUserId: () => usuario?.id ?? deps.currentUserId?.() ?? null,
    });
  const administrador = (autorizacion: AprobacionEnLinea | undefined, accion: string) =>
    exigirAutorizacion(deps.db, autorizacion, 'administrador', { clock: deps.clock, accion });
  return {
    'certificado.resumen': base['certificado.resumen'],
    'certificado.desbloquear': base['certificado.desbloquear'],
    'certificado.importar': async (input) => {
      const admin = await administrador(input.autorizacion, 'certificado.importar');
      if (!admin.ok) return admin;
      return actuando(admin.value)['certificado.importar'](input);
    },
    'certificado.confirmarOtroRuc': async (input) => {
      const admin = await administrador(input.autorizacion, 'certificado.confirmarOtroRuc');
      if (!admin.ok) return admin;
      return actuando(admin.value)['certificado.confirmarOtroRuc'](input);
    },
    'certificado.eliminar': async (input) => {
      const admin = await administrador(input.autorizacion, 'certificado.eliminar');
      if (!admin.ok) return admin;
      return actuando(admin.value)['certificado.eliminar'](input);
    },
  };
};
