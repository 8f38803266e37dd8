import {
  type CertificadoCapacitacion,
  type CertificadoEstado,
  type CertificadoResumen,
  MAX_P12_BYTES,
  type ModoDesbloqueo,
} from '../../shared/contract/certificado';
import { type AppError, err, ok, type Result } from '../../shared/result';
import { appendAudit, createIdGenerator, type Database } from '../db';
import { type Logger, silentLogger } from '../log';
import { loadSigningIdentity, type SigningIdentity } from '../signing';
import {
  type CertificateRow,
  deactivateCertificate,
  findActiveCertificate,
  insertActiveCertificate,
  type StoredSummary,
} from './certificateRepository';
import { certificateAad, dataKeyFromPassword, open, seal, sealWith } from './envelope';
import { daysLeft, expiryWarning } from './expiry';
import type { Keychain } from './keychain';
import type { SigningKeyHolder } from './signingKeyHolder';

/** Keychain accounts of one certificate: its data key and (keychain mode) its p12 password. */
export const keychainAccounts = (base: string): { dataKey: string; password: string } => ({
  dataKey: `${base}/clave-datos`,
  password: `${base}/contrasena`,
});

const accountBase = (certificateId: string): string => `certificado/${certificateId}`;

/**
 * Marks a firma whose data key is derived from its password instead of kept in the keychain
 * («pedir la contraseña cada vez» on a machine whose keychain cannot be used).
 */
const SIN_LLAVERO = 'contrasena/';
const usaLlavero = (account: string): boolean => !account.startsWith(SIN_LLAVERO);

const WRONG_PASSWORD = err(
  'p12_clave_incorrecta',
  'La contraseña de la firma electrónica no es correcta. Escríbala otra vez; si está seguro de que es la correcta, vuelva a importar el archivo .p12.',
);

export const AUDIT_IMPORT = 'certificado.importado';
export const AUDIT_REMOVE = 'certificado.eliminado';

const NO_CERTIFICATE = err(
  'sin_certificado',
  'No hay una firma electrónica configurada. Impórtela en Ajustes → Firma electrónica.',
);
const KEY_MISSING = err(
  'clave_no_encontrada',
  'La clave de la firma electrónica no está en el llavero del sistema (¿se borró o cambió de usuario?). Vuelva a importar el archivo .p12.',
);

/** Only the facts worth keeping; `diasRestantes` depends on the day it is read. */
const storedSummaryOf = (identity: SigningIdentity): StoredSummary => ({
  titular: identity.summary.titular,
  ruc: identity.summary.ruc,
  razonSocial: identity.summary.razonSocial,
  emisor: identity.summary.emisor,
  serie: identity.summary.serie,
  validoDesde: identity.summary.validoDesde,
  validoHasta: identity.summary.validoHasta,
});

/**
 * The certificate RUC against the issuer's: a natural person's certificate may carry the cédula
 * (10 digits) of a RUC that is that cédula plus `001`.
 */
const rucWarnings = (certificateRuc: string | null, issuerRuc: string | null): string[] => {
  if (issuerRuc === null) return [];
  if (certificateRuc === null) {
    return [
      `El certificado no indica un RUC; verifique que pertenezca al emisor ${issuerRuc} antes de facturar.`,
    ];
  }
  const matches =
    certificateRuc === issuerRuc ||
    (certificateRuc.length === 10 && issuerRuc === `${certificateRuc}001`);
  return matches
    ? []
    : [
        `El RUC del certificado (${certificateRuc}) no coincide con el RUC del emisor (${issuerRuc}). El SRI puede rechazar los comprobantes firmados con él.`,
      ];
};

/** The summary the renderer sees for a stored certificate. */
export const toResumen = (
  row: Pick<CertificateRow, 'id' | 'summary' | 'modo' | 'createdAt'>,
  now: Date,
): CertificadoResumen => ({
  id: row.id,
  titular: row.summary.titular,
  ruc: row.summary.ruc,
  razonSocial: row.summary.razonSocial,
  emisor: row.summary.emisor,
  serie: row.summary.serie,
  validoDesde: row.summary.validoDesde,
  validoHasta: row.summary.validoHasta,
  diasRestantes: daysLeft(row.summary.validoHasta, now),
  modo: row.modo,
  importadoEn: row.createdAt,
});

/** Best effort: a leftover entry is harmless (its ciphertext is gone or inactive), so log only. */
const forgetSecrets = async (
  keychain: Keychain,
  base: string,
  logger: Logger,
): Promise<boolean> => {
  if (!usaLlavero(base)) return true;
  const accounts = keychainAccounts(base);
  let all = true;
  for (const account of [accounts.dataKey, accounts.password]) {
    const deleted = await keychain.delete(account);
    if (!deleted.ok) {
      all = false;
      logger.warn('No se pudo borrar una entrada del llavero', {
        account,
        code: deleted.error.code,
      });
    }
  }
  return all;
};

export type ImportCertificateInput = {
  db: Database;
  keychain: Keychain;
  p12Bytes: Uint8Array;
  password: string;
  unlockMode: ModoDesbloqueo;
  /** RUC of the configured issuer, or null before onboarding has one. */
  issuerRuc: string | null;
  now: Date;
  userId?: string | null;
  /** Receives the unlocked identity so sales can sign right away. */
  holder?: SigningKeyHolder;
  logger?: Logger;
  newId?: () => string;
};

export type ImportedCertificate = {
  resumen: CertificadoResumen;
  advertencias: string[];
  identity: SigningIdentity;
};

/**
 * Validates a .p12 and makes it the certificate in use: the p12 is sealed with a fresh data key
 * into SQLite, the data key (and, in keychain mode, the password) go to the keychain. The
 * previous certificate stays active until every step has succeeded.
 */
export const importCertificate = async (
  input: ImportCertificateInput,
): Promise<Result<ImportedCertificate>> => {
  const { db, keychain, p12Bytes, password, now } = input;
  const logger = input.logger ?? silentLogger;
  if (p12Bytes.byteLength === 0) {
    return err('p12_corrupto', 'El archivo elegido está vacío; no es una firma electrónica.');
  }
  if (p12Bytes.byteLength > MAX_P12_BYTES) {
    return err(
      'p12_demasiado_grande',
      'El archivo es demasiado grande para ser una firma electrónica (.p12).',
    );
  }
  const loaded = loadSigningIdentity(p12Bytes, password, now);
  if (!loaded.ok) {
    logger.info('Importación de firma rechazada', { code: loaded.error.code });
    return loaded;
  }
  const identity = loaded.value;
  const advertencias = rucWarnings(identity.summary.ruc, input.issuerRuc);

  const clock = { now: () => now };
  const id = (input.newId ?? createIdGenerator(clock).newId)();
  let base = accountBase(id);
  const accounts = keychainAccounts(base);
  let sealed = seal(p12Bytes, certificateAad(id));
  const dataKeyText = sealed.dataKey.toString('base64');
  sealed.dataKey.fill(0);

  const keySaved = await keychain.set(accounts.dataKey, dataKeyText);
  if (!keySaved.ok) {
    if (input.unlockMode !== 'preguntar' || keySaved.error.code !== 'keychain_no_disponible') {
      logger.warn('Importación de firma detenida: llavero no disponible', {
        code: keySaved.error.code,
      });
      return keySaved;
    }
    // The password is asked at every start anyway: the data key can come from it, so a machine
    // without a working keychain can still sign. Nothing is stored in clear.
    logger.info('Firma guardada sin llavero: la clave se deriva de la contraseña');
    sealed = sealWith(
      dataKeyFromPassword(password, certificateAad(id)),
      p12Bytes,
      certificateAad(id),
    );
    sealed.dataKey.fill(0);
    base = `${SIN_LLAVERO}${accountBase(id)}`;
  }
  if (input.unlockMode === 'keychain') {
    const passwordSaved = await keychain.set(accounts.password, password);
    if (!passwordSaved.ok) {
      await forgetSecrets(keychain, base, logger);
      logger.warn('Importación de firma detenida: llavero no disponible', {
        code: passwordSaved.error.code,
      });
      return passwordSaved;
    }
  }

  const createdAt = now.toISOString();
  const summary = storedSummaryOf(identity);
  let previous: CertificateRow | null;
  try {
    // Read inside the transaction: of two imports racing on the keychain, each one retires
    // exactly the certificate it replaced.
    previous = db.sqlite.transaction(() => {
      const replaced = findActiveCertificate(db);
      insertActiveCertificate(db, {
        id,
        ciphertext: sealed.ciphertext,
        iv: sealed.iv,
        authTag: sealed.authTag,
        summary,
        keychainAccount: base,
        modo: input.unlockMode,
        createdAt,
      });
      appendAudit(
        db,
        {
          userId: input.userId ?? null,
          action: AUDIT_IMPORT,
          detail: {
            certificadoId: id,
            titular: summary.titular,
            ruc: summary.ruc,
            emisor: summary.emisor,
            serie: summary.serie,
            validoHasta: summary.validoHasta,
            modo: input.unlockMode,
            llavero: usaLlavero(base),
            reemplaza: replaced?.id ?? null,
            advertencias,
          },
        },
        clock,
      );
      return replaced;
    })();
  } catch (error) {
    await forgetSecrets(keychain, base, logger);
    logger.error('No se pudo guardar el certificado en la base de datos', {
      error: error instanceof Error ? error.message : String(error),
    });
    return err(
      'base_de_datos',
      'No se pudo guardar la firma electrónica en la base de datos; la firma anterior sigue en uso.',
    );
  }

  // The replaced certificate's ciphertext stays for the record; without its key it is inert.
  if (previous !== null) await forgetSecrets(keychain, previous.keychainAccount, logger);
  input.holder?.hold(id, identity);
  logger.info('Firma electrónica importada', {
    certificadoId: id,
    serie: summary.serie,
    validoHasta: summary.validoHasta,
    modo: input.unlockMode,
    advertencias: advertencias.length,
  });
  const resumen = toResumen({ id, summary, modo: input.unlockMode, createdAt }, now);
  return ok({ resumen, advertencias, identity });
};

const keychainReadFailed = <T>(
  failure: { ok: false; error: AppError },
  logger: Logger,
): Result<T> => {
  logger.warn('No se pudo leer la firma del llavero', { code: failure.error.code });
  return failure;
};

export type UnlockInput = {
  db: Database;
  keychain: Keychain;
  now: Date;
  /** Required in `preguntar` mode; ignored in keychain mode. */
  password?: string;
  holder?: SigningKeyHolder;
  logger?: Logger;
};

/**
 * Opens the active certificate: data key (and password) from the keychain, ciphertext from
 * SQLite checked by its GCM tag, identity loaded and handed to the holder.
 */
export const unlockActiveCertificate = async (
  input: UnlockInput,
): Promise<Result<SigningIdentity>> => {
  const { db, keychain, now } = input;
  const logger = input.logger ?? silentLogger;
  const row = findActiveCertificate(db);
  if (row === null) return NO_CERTIFICATE;
  const accounts = keychainAccounts(row.keychainAccount);

  let password: string;
  if (row.modo === 'keychain') {
    const stored = await keychain.get(accounts.password);
    if (!stored.ok) return keychainReadFailed(stored, logger);
    if (stored.value === null) return KEY_MISSING;
    password = stored.value;
  } else {
    if (input.password === undefined || input.password.length === 0) {
      return err(
        'contrasena_requerida',
        'Escriba la contraseña de la firma electrónica para desbloquearla.',
      );
    }
    password = input.password;
  }
  let dataKey: Buffer;
  if (usaLlavero(row.keychainAccount)) {
    const keyText = await keychain.get(accounts.dataKey);
    if (!keyText.ok) return keychainReadFailed(keyText, logger);
    if (keyText.value === null) return KEY_MISSING;
    dataKey = Buffer.from(keyText.value, 'base64');
  } else {
    dataKey = dataKeyFromPassword(password, certificateAad(row.id));
  }

  const opened = open({ ...row, dataKey }, certificateAad(row.id));
  dataKey.fill(0);
  if (!opened.ok && !usaLlavero(row.keychainAccount)) {
    // With a derived key a wrong password and a modified ciphertext look the same to GCM; the
    // wrong password is by far the likelier, and the message covers both.
    logger.warn('No se pudo abrir la firma guardada sin llavero', { certificadoId: row.id });
    return WRONG_PASSWORD;
  }
  if (!opened.ok) {
    logger.error('El certificado guardado no pasó la verificación de integridad', {
      certificadoId: row.id,
    });
    return opened;
  }
  const loaded = loadSigningIdentity(opened.value, password, now);
  opened.value.fill(0);
  if (!loaded.ok) {
    logger.warn('No se pudo desbloquear la firma electrónica', {
      certificadoId: row.id,
      code: loaded.error.code,
    });
    return loaded;
  }
  input.holder?.hold(row.id, loaded.value);
  logger.info('Firma electrónica desbloqueada', { certificadoId: row.id, modo: row.modo });
  return ok(loaded.value);
};

/**
 * The identity to sign a sale with: the one held in memory, or — in keychain mode, e.g. after a
 * restart — unlocked on the spot without asking anything.
 */
export const signingIdentityFor = async (input: {
  db: Database;
  keychain: Keychain;
  holder: SigningKeyHolder;
  now: Date;
  logger?: Logger;
}): Promise<Result<SigningIdentity>> => {
  const row = findActiveCertificate(input.db);
  if (row === null) {
    input.holder.clear();
    return NO_CERTIFICATE;
  }
  if (input.holder.heldId() !== row.id) {
    if (row.modo === 'preguntar') return input.holder.current(input.now);
    const unlocked = await unlockActiveCertificate(input);
    if (!unlocked.ok) return unlocked;
  }
  return input.holder.current(input.now);
};

export type RemoveInput = {
  db: Database;
  keychain: Keychain;
  now: Date;
  userId?: string | null;
  holder?: SigningKeyHolder;
  logger?: Logger;
};

/**
 * Stops using the active certificate: row deactivated with an audit entry, then its keychain
 * entries deleted. A keychain that cannot delete leaves a warning, not a certificate in use.
 */
export const removeCertificate = async (
  input: RemoveInput,
): Promise<Result<{ advertencias: string[] }>> => {
  const { db } = input;
  const logger = input.logger ?? silentLogger;
  const row = findActiveCertificate(db);
  if (row === null) return NO_CERTIFICATE;
  db.sqlite.transaction(() => {
    deactivateCertificate(db, row.id);
    appendAudit(
      db,
      {
        userId: input.userId ?? null,
        action: AUDIT_REMOVE,
        detail: {
          certificadoId: row.id,
          titular: row.summary.titular,
          ruc: row.summary.ruc,
          serie: row.summary.serie,
        },
      },
      { now: () => input.now },
    );
  })();
  input.holder?.clear();
  const forgotten = await forgetSecrets(input.keychain, row.keychainAccount, logger);
  logger.info('Firma electrónica eliminada', { certificadoId: row.id });
  return ok({
    advertencias: forgotten
      ? []
      : [
          'La firma se quitó, pero no se pudieron borrar sus claves del llavero del sistema. Bórrelas desde el administrador de contraseñas (servicio «Mostrador»).',
        ],
  });
};

/**
 * What Ajustes and the checkout screen show: the certificate in use (no key material), whether
 * it is unlocked, and the expiry warning.
 */
export const certificateSummary = (input: {
  db: Database;
  now: Date;
  holder?: SigningKeyHolder;
  advertencias?: string[];
  /** The training certificate that signs in demo mode while none is imported. */
  capacitacion?: CertificadoCapacitacion | null;
}): CertificadoEstado => {
  const row = findActiveCertificate(input.db);
  if (row === null) {
    const capacitacion = input.capacitacion ?? null;
    return {
      certificado: null,
      capacitacion,
      desbloqueado: capacitacion !== null,
      aviso: null,
      advertencias: [],
    };
  }
  return {
    certificado: toResumen(row, input.now),
    capacitacion: null,
    desbloqueado: input.holder?.heldId() === row.id,
    aviso: expiryWarning(row.summary, input.now),
    advertencias: input.advertencias ?? [],
  };
};
