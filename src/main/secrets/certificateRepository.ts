import { eq } from 'drizzle-orm';
import * as z from 'zod';
import type { ModoDesbloqueo } from '../../shared/contract/certificado';
import type { Database } from '../db';
import { certificate } from '../db/schema';
import type { SealedBox } from './envelope';

/** The `certificate.summary` JSON: the certificate facts people may see, never key material. */
export const storedSummarySchema = z.strictObject({
  titular: z.string(),
  ruc: z.string().nullable(),
  razonSocial: z.string().nullable(),
  emisor: z.string(),
  serie: z.string(),
  validoDesde: z.iso.datetime({ offset: true }),
  validoHasta: z.iso.datetime({ offset: true }),
});
export type StoredSummary = z.infer<typeof storedSummarySchema>;

export type CertificateRow = SealedBox & {
  id: string;
  summary: StoredSummary;
  /** Prefix of this certificate's keychain accounts. */
  keychainAccount: string;
  modo: ModoDesbloqueo;
  active: boolean;
  createdAt: string;
};

export type NewCertificate = Omit<CertificateRow, 'active'>;

/** The column keeps the schema's English values; the contract speaks Spanish. */
const modeToColumn = (modo: ModoDesbloqueo): 'keychain' | 'ask' =>
  modo === 'keychain' ? 'keychain' : 'ask';
const modeFromColumn = (value: 'keychain' | 'ask'): ModoDesbloqueo =>
  value === 'keychain' ? 'keychain' : 'preguntar';

/** The active certificate, or null. Throws on a summary that is not ours (a bug or a foreign edit). */
export const findActiveCertificate = (db: Database): CertificateRow | null => {
  const row = db.orm.select().from(certificate).where(eq(certificate.active, true)).get();
  if (row === undefined) return null;
  return {
    id: row.id,
    ciphertext: row.ciphertext,
    iv: row.iv,
    authTag: row.authTag,
    summary: storedSummarySchema.parse(row.summary),
    keychainAccount: row.keychainAccount,
    modo: modeFromColumn(row.unlockMode),
    active: row.active,
    createdAt: row.createdAt,
  };
};

/**
 * Makes `row` the only active certificate. Call inside a transaction: the previous one is
 * deactivated first because a partial unique index allows one active row at a time.
 */
export const insertActiveCertificate = (db: Database, row: NewCertificate): void => {
  db.orm.update(certificate).set({ active: false }).where(eq(certificate.active, true)).run();
  db.orm
    .insert(certificate)
    .values({
      id: row.id,
      ciphertext: row.ciphertext,
      iv: row.iv,
      authTag: row.authTag,
      summary: storedSummarySchema.parse(row.summary),
      keychainAccount: row.keychainAccount,
      unlockMode: modeToColumn(row.modo),
      active: true,
      createdAt: row.createdAt,
    })
    .run();
};

export const deactivateCertificate = (db: Database, id: string): void => {
  db.orm.update(certificate).set({ active: false }).where(eq(certificate.id, id)).run();
};
