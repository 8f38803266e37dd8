import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';
import { type AppError, err, ok, type Result } from '../../shared/result';
import type { Logger } from '../log';

/** The OS credential store, reduced to what Mostrador needs. Accounts live under one service. */
export type Keychain = {
  get: (account: string) => Promise<Result<string | null>>;
  set: (account: string, secret: string) => Promise<Result<void>>;
  delete: (account: string) => Promise<Result<void>>;
};

export const KEYCHAIN_SERVICE = 'Mostrador';

/**
 * Big secrets never go to the keychain: the p12 is sealed with a data key and only that key (44
 * base64 characters) and the password are stored. 2,048 UTF-8 bytes is our ceiling everywhere.
 */
export const MAX_KEYCHAIN_SECRET_BYTES = 2048;
/**
 * Windows Credential Manager refuses blobs above CRED_MAX_CREDENTIAL_BLOB_SIZE (5 × 512 bytes),
 * and keyring-rs stores the secret there as UTF-16: 1,280 code units at most.
 */
export const WINDOWS_CREDENTIAL_BLOB_BYTES = 2560;

/**
 * Why the keychain could not be used, in terms of what the person can do about it. The technical
 * detail (D-Bus, Secret Service, the library's text) goes to the log, never to the screen.
 */
export type FallaLlavero = 'sin_servicio' | 'bloqueado' | 'acceso_negado' | 'tamano' | 'otra';

const OTRA_OPCION =
  'También puede importar la firma con «Pedir la contraseña cada vez», que no necesita el llavero.';

/** The Spanish sentence for each failure: what happened and what to do, no jargon. */
export const mensajeFallaLlavero = (falla: FallaLlavero): string => {
  switch (falla) {
    case 'sin_servicio':
      return `El llavero de contraseñas del sistema no está funcionando en esta sesión. Cierre la sesión del equipo y vuelva a entrar con su usuario; si sigue igual, pida a soporte que active el llavero. ${OTRA_OPCION}`;
    case 'bloqueado':
      return `El llavero de contraseñas del sistema está bloqueado. Desbloquéelo con la contraseña de su usuario del equipo y vuelva a intentarlo. ${OTRA_OPCION}`;
    case 'acceso_negado':
      return `El sistema no permitió a Mostrador usar el llavero de contraseñas. Acepte el permiso si el sistema lo pide, o pida ayuda a soporte. ${OTRA_OPCION}`;
    case 'tamano':
      return 'El llavero de contraseñas del sistema no aceptó el dato por su tamaño. Use una contraseña más corta para la firma o pida ayuda a soporte.';
    case 'otra':
      return `No se pudo usar el llavero de contraseñas del sistema. Vuelva a intentarlo en un momento. ${OTRA_OPCION}`;
  }
};

/** Spanish error for a keychain that cannot be reached. Mostrador never stores secrets in clear. */
export const keychainUnavailable = (falla: FallaLlavero): { ok: false; error: AppError } =>
  err('keychain_no_disponible', mensajeFallaLlavero(falla));

/** Checks what every adapter must refuse before touching the store. */
export const checkKeychainSecret = (account: string, secret: string): Result<void> => {
  const accountCheck = checkAccount(account);
  if (!accountCheck.ok) return accountCheck;
  const bytes = Buffer.byteLength(secret, 'utf8');
  const utf16Bytes = secret.length * 2;
  if (bytes > MAX_KEYCHAIN_SECRET_BYTES || utf16Bytes > WINDOWS_CREDENTIAL_BLOB_BYTES) {
    return err(
      'secreto_demasiado_grande',
      `El secreto mide ${bytes} bytes y el llavero del sistema admite como máximo ${MAX_KEYCHAIN_SECRET_BYTES} (${WINDOWS_CREDENTIAL_BLOB_BYTES / 2} caracteres en Windows); no se guardó.`,
    );
  }
  return ok(undefined);
};

export const checkAccount = (account: string): Result<void> =>
  account.length === 0 || account.length > 200
    ? err('cuenta_llavero_invalida', 'El nombre de la cuenta en el llavero no es válido.')
    : ok(undefined);

/**
 * Turns a platform error into the cause shown to people. The raw text goes to the log only; it
 * never carries the secret (the library does not echo it).
 */
export const describeKeychainFailure = (error: unknown): FallaLlavero => {
  const text = error instanceof Error ? collectMessages(error) : String(error);
  if (/dbus|d-bus|socket|bus address|org\.freedesktop\.dbus/i.test(text)) {
    // No session bus, or no Secret Service on it: either way the keychain is not running.
    if (/locked/i.test(text) && !/serviceunknown|not provided/i.test(text)) return 'bloqueado';
    return 'sin_servicio';
  }
  if (/locked|is locked|prompt|dismissed/i.test(text)) return 'bloqueado';
  if (/no storage|platform storage|accessdenied|access denied|permission/i.test(text)) {
    return 'acceso_negado';
  }
  if (/too long|too big|size/i.test(text)) return 'tamano';
  return 'otra';
};

const collectMessages = (error: Error): string => {
  const parts: string[] = [];
  let current: unknown = error;
  // The napi errors nest the D-Bus reason in `cause`; three levels is what the library produces.
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    parts.push(current.message);
    current = current.cause;
  }
  return parts.join(' | ');
};

export type SystemKeychainOptions = {
  logger: Logger;
  service?: string;
  platform?: NodeJS.Platform;
};

/**
 * Production adapter over `@napi-rs/keyring` (Credential Manager, macOS Keychain, Secret
 * Service). On Linux the entry is pinned to Secret Service: the library's default falls back to
 * the kernel keyring, which forgets everything at reboot, and a silent fallback would lose the
 * data key of the stored certificate.
 *
 * @example const keychain = createSystemKeychain({ logger }); await keychain.set('cuenta', 'x');
 */
export const createSystemKeychain = (options: SystemKeychainOptions): Keychain => {
  const service = options.service ?? KEYCHAIN_SERVICE;
  const platform = options.platform ?? process.platform;
  const entryOptions: EntryOptions | undefined =
    platform === 'linux' ? { linux: { store: 'secret-service' } } : undefined;
  const { logger } = options;

  const attempt = async <T>(
    operation: 'get' | 'set' | 'delete',
    account: string,
    run: (entry: AsyncEntry) => Promise<T>,
  ): Promise<Result<T>> => {
    try {
      // The constructor itself talks to D-Bus on Linux and throws when there is no bus.
      const entry = new AsyncEntry(service, account, entryOptions);
      return ok(await run(entry));
    } catch (error) {
      const cause = describeKeychainFailure(error);
      logger.warn('llavero del sistema no disponible', {
        operation,
        account,
        cause,
        detail: error instanceof Error ? collectMessages(error) : String(error),
      });
      return keychainUnavailable(cause);
    }
  };

  return {
    get: async (account) => {
      const check = checkAccount(account);
      if (!check.ok) return check;
      return attempt('get', account, (entry) => entry.getPassword());
    },
    set: async (account, secret) => {
      const check = checkKeychainSecret(account, secret);
      if (!check.ok) return check;
      return attempt('set', account, async (entry) => {
        // The binding resolves `null` for void; callers expect `undefined`.
        await entry.setPassword(secret);
      });
    },
    delete: async (account) => {
      const check = checkAccount(account);
      if (!check.ok) return check;
      return attempt('delete', account, async (entry) => {
        // `false` means there was nothing to delete: the outcome the caller wants anyway.
        await entry.deleteCredential();
      });
    },
  };
};
