/**
 * Ajustes › Correo: the store's SMTP server kept in settings (server, port, security, user,
 * sender, provider) and its password in the OS keychain, like Factio's API key (docs/architecture.md
 * §7). The setting wins over `MOSTRADOR_SMTP_URL` when both exist. TLS is always required — STARTTLS
 * or TLS from the first byte — except a catcher on 127.0.0.1 in training mode and tests.
 */
import * as z from 'zod';
import type {
  CorreoEstado,
  ProveedorCorreo,
  PruebaCorreo,
  SeguridadCorreo,
} from '../../shared/contract/correo';
import { err, ok, type Result } from '../../shared/result';
import { type Database, deleteSetting, getIssuer, getSetting, setSetting } from '../db';
import type { Clock, Logger } from '../log';
import type { Keychain } from '../secrets';
import { LOOPBACK, type SmtpConfig } from './config';
import { clasificarFallo, crearTransporte } from './envio';

/** Keychain account of the SMTP password (service «Mostrador»). */
export const CORREO_PASSWORD_ACCOUNT = 'correo/smtp-password';
export const CORREO_SETTING = 'correo.smtp';

const ajusteSchema = z.object({
  servidor: z.string(),
  puerto: z.number().int(),
  seguridad: z.enum(['starttls', 'tls']),
  usuario: z.string().nullable(),
  conContrasena: z.boolean(),
  remitenteNombre: z.string().nullable(),
  remitenteCorreo: z.string(),
  proveedor: z.enum(['smtp', 'factio']),
});
export type AjusteCorreo = z.infer<typeof ajusteSchema>;

export type NuevoAjusteCorreo = {
  servidor: string;
  puerto: number;
  seguridad: SeguridadCorreo;
  usuario: string | null;
  /** Absent: keep the saved one. */
  contrasena?: string | undefined;
  remitenteNombre: string | null;
  remitenteCorreo: string;
  proveedor: ProveedorCorreo;
};

/** Sends one test message; tests pass their own, the app nodemailer's transport. */
export type EnviarPrueba = (
  smtp: SmtpConfig,
  mensaje: { from: { name: string; address: string }; to: string; subject: string; text: string },
) => Promise<unknown>;

export type CorreoAjustesDeps = {
  db: Database;
  keychain: Keychain;
  clock: Clock;
  logger: Logger;
  /** `MOSTRADOR_SMTP_URL`, parsed; used only while Ajustes holds no server. */
  variable?: SmtpConfig | undefined;
  /** Training mode: plain text allowed to 127.0.0.1 (a local mail catcher). */
  modoPractica: boolean;
  enviarPrueba?: EnviarPrueba;
};

export type CorreoAjustes = ReturnType<typeof createCorreoAjustes>;

/** The keychain's sentences end with advice about importing the firma: not this password's. */
const sinConsejoDeFirma = (mensaje: string): string =>
  mensaje.replace(/ También puede importar la firma[^.]*\./, '');

const enviarConNodemailer: EnviarPrueba = async (smtp, mensaje) => {
  const t = crearTransporte(smtp, 1);
  try {
    return await t.enviar(mensaje);
  } finally {
    t.cerrar();
  }
};

/**
 * @example const ajustes = createCorreoAjustes({ db, keychain, clock, logger, modoPractica: false }); await ajustes.smtp()
 */
export const createCorreoAjustes = (deps: CorreoAjustesDeps) => {
  const { db, keychain, clock, logger } = deps;
  const enviarPrueba = deps.enviarPrueba ?? enviarConNodemailer;

  const ajuste = (): AjusteCorreo | null => {
    const r = getSetting(db, CORREO_SETTING, ajusteSchema);
    return r.ok && r.value !== undefined ? r.value : null;
  };

  const pendientes = db.sqlite.prepare<[], { n: number; error: string | null }>(
    `SELECT COUNT(*) AS n,
            (SELECT last_error FROM outbox_job WHERE kind = 'email' AND status = 'pending'
               AND last_error IS NOT NULL ORDER BY next_attempt_at, id LIMIT 1) AS error
     FROM outbox_job WHERE kind = 'email' AND status = 'pending'`,
  );

  /** The server the next message leaves through: Ajustes, else the variable, else none. */
  const smtp = async (): Promise<Result<SmtpConfig | null>> => {
    const a = ajuste();
    if (a === null) return ok(deps.variable ?? null);
    let pass: string | null = null;
    if (a.usuario !== null && a.conContrasena) {
      const leida = await keychain.get(CORREO_PASSWORD_ACCOUNT);
      if (!leida.ok) {
        return err(
          leida.error.code,
          `No se pudo leer la contraseña del correo en el llavero: ${leida.error.message}`,
        );
      }
      pass = leida.value;
    }
    return ok({
      host: a.servidor,
      port: a.puerto,
      secure: a.seguridad === 'tls',
      // Plain text only to a catcher on this machine, and only in training mode.
      loopback: deps.modoPractica && LOOPBACK.has(a.servidor),
      user: a.usuario,
      pass,
      remitente: a.remitenteCorreo,
      nombre: a.remitenteNombre,
    });
  };

  const estado = (): CorreoEstado => {
    const a = ajuste();
    const v = deps.variable;
    const cola = pendientes.get() ?? { n: 0, error: null };
    const base = {
      proveedor: a?.proveedor ?? ('smtp' as const),
      pendientes: cola.n,
      ultimoError: cola.error,
    };
    if (a !== null) {
      return {
        origen: 'ajustes',
        servidor: a.servidor,
        puerto: a.puerto,
        seguridad: a.seguridad,
        usuario: a.usuario,
        conContrasena: a.conContrasena,
        remitenteNombre: a.remitenteNombre,
        remitenteCorreo: a.remitenteCorreo,
        ...base,
      };
    }
    if (v !== undefined) {
      return {
        origen: 'variable',
        servidor: v.host,
        puerto: v.port,
        seguridad: v.secure ? 'tls' : 'starttls',
        usuario: v.user,
        conContrasena: v.pass !== null,
        remitenteNombre: v.nombre ?? null,
        remitenteCorreo: v.remitente,
        ...base,
      };
    }
    return {
      origen: 'ninguno',
      servidor: null,
      puerto: null,
      seguridad: null,
      usuario: null,
      conContrasena: false,
      remitenteNombre: null,
      remitenteCorreo: null,
      ...base,
    };
  };

  return {
    smtp,
    estado,
    /** SMTP or Factio's e-mail for documents pushed to Factio (Ajustes › Correo). */
    proveedor: (): ProveedorCorreo => ajuste()?.proveedor ?? 'smtp',
    configurar: async (nuevo: NuevoAjusteCorreo): Promise<Result<CorreoEstado>> => {
      const antes = ajuste();
      let conContrasena = nuevo.usuario !== null && (antes?.conContrasena ?? false);
      if (nuevo.usuario === null) {
        if (antes?.conContrasena === true) {
          const borrada = await keychain.delete(CORREO_PASSWORD_ACCOUNT);
          if (!borrada.ok) return borrada;
        }
        conContrasena = false;
      } else if (nuevo.contrasena !== undefined) {
        const guardada = await keychain.set(CORREO_PASSWORD_ACCOUNT, nuevo.contrasena);
        if (!guardada.ok) {
          return err(
            guardada.error.code,
            `No se guardó la contraseña del correo: ${sinConsejoDeFirma(guardada.error.message)} La contraseña nunca se guarda fuera del llavero.`,
          );
        }
        conContrasena = true;
      }
      const fila: AjusteCorreo = {
        servidor: nuevo.servidor,
        puerto: nuevo.puerto,
        seguridad: nuevo.seguridad,
        usuario: nuevo.usuario,
        conContrasena,
        remitenteNombre:
          nuevo.remitenteNombre === null || nuevo.remitenteNombre === ''
            ? null
            : nuevo.remitenteNombre,
        remitenteCorreo: nuevo.remitenteCorreo,
        proveedor: nuevo.proveedor,
      };
      setSetting(db, CORREO_SETTING, fila, clock);
      logger.info('Servidor de correo guardado', {
        servidor: fila.servidor,
        puerto: fila.puerto,
        seguridad: fila.seguridad,
        proveedor: fila.proveedor,
      });
      return ok(estado());
    },
    eliminar: async (): Promise<Result<CorreoEstado>> => {
      if (ajuste()?.conContrasena === true) {
        const borrada = await keychain.delete(CORREO_PASSWORD_ACCOUNT);
        if (!borrada.ok) return borrada;
      }
      deleteSetting(db, CORREO_SETTING);
      logger.info('Servidor de correo borrado de Ajustes');
      return ok(estado());
    },
    /** «Enviar prueba»: one short message through the saved server; the outcome in Spanish. */
    probar: async (para: string): Promise<PruebaCorreo> => {
      const leida = await smtp();
      if (!leida.ok) return { exito: false, mensaje: leida.error.message };
      const config = leida.value;
      if (config === null) {
        return { exito: false, mensaje: 'Primero guarde el servidor de correo.' };
      }
      const issuer = getIssuer(db);
      const tienda = issuer?.nombreComercial ?? issuer?.razonSocial ?? 'Mostrador';
      try {
        await enviarPrueba(config, {
          from: { name: config.nombre ?? tienda, address: config.remitente },
          to: para,
          subject: `Prueba de correo de ${tienda}`,
          text: `Este es un mensaje de prueba de Mostrador. Si lo recibió, ${tienda} puede enviar las facturas electrónicas a sus clientes por correo.`,
        });
      } catch (error) {
        const fallo = clasificarFallo(error, config.pass);
        const mensaje =
          fallo.kind === 'rechazado'
            ? `El servidor de correo rechazó el mensaje: ${fallo.motivo}`
            : fallo.detalle;
        logger.warn('Prueba de correo fallida', { mensaje });
        return { exito: false, mensaje };
      }
      return { exito: true, mensaje: `Mensaje de prueba enviado a ${para}.` };
    },
  };
};
