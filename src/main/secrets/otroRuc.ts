/**
 * Signing for a company with another RUC's certificate (its legal representative's) is legal,
 * but must be a deliberate act (issue 16 item 11): until an administrador confirms it once,
 * naming both RUCs, the firma is not ready to sign. The confirmation names the certificate it
 * was given for, so importing another certificate asks again; it goes to the audit log.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../../shared/result';
import { appendAudit, type Database, getSetting, setSetting } from '../db';
import type { Clock } from '../log';
import { findActiveCertificate } from './certificateRepository';

export const OTRO_RUC_SETTING = 'certificado.otro_ruc';

const confirmacionSchema = z.object({
  certificadoId: z.string(),
  rucCertificado: z.string().nullable(),
  rucEmisor: z.string(),
  usuarioId: z.string().nullable(),
  en: z.string(),
});

export type OtroRuc = { rucCertificado: string | null; rucEmisor: string; confirmado: boolean };

/**
 * A natural person's certificate may carry the cédula (10 digits) of a RUC that is that cédula
 * plus `001`.
 * @example rucCoincide('1714307103', '1714307103001') // true
 */
export const rucCoincide = (rucCertificado: string | null, rucEmisor: string): boolean =>
  rucCertificado !== null &&
  (rucCertificado === rucEmisor ||
    (rucCertificado.length === 10 && rucEmisor === `${rucCertificado}001`));

/** The active certificate's RUC against the issuer's; null when they match or nothing to compare. */
export const otroRucDe = (db: Database, rucEmisor: string | null): OtroRuc | null => {
  const activo = findActiveCertificate(db);
  if (activo === null || rucEmisor === null) return null;
  const rucCertificado = activo.summary.ruc;
  if (rucCoincide(rucCertificado, rucEmisor)) return null;
  const guardada = getSetting(db, OTRO_RUC_SETTING, confirmacionSchema);
  const c = guardada.ok ? guardada.value : undefined;
  const confirmado =
    c !== undefined &&
    c.certificadoId === activo.id &&
    c.rucCertificado === rucCertificado &&
    c.rucEmisor === rucEmisor;
  return { rucCertificado, rucEmisor, confirmado };
};

/**
 * For the signer: refuses while the certificate of another RUC is not confirmed.
 * @example exigirFirmaConfirmada(db, '1790016919001') // err('certificado_otro_ruc', …) until confirmed
 */
export const exigirFirmaConfirmada = (db: Database, rucEmisor: string | null): Result<void> => {
  const otro = otroRucDe(db, rucEmisor);
  if (otro === null || otro.confirmado) return ok(undefined);
  return err(
    'certificado_otro_ruc',
    `La firma electrónica es de ${otro.rucCertificado === null ? 'un certificado sin RUC' : `el RUC ${otro.rucCertificado}`} y el emisor es el RUC ${otro.rucEmisor}: no se firma hasta que un administrador lo confirme en Ajustes › Firma electrónica.`,
  );
};

/**
 * Records the administrador's confirmation, if the two RUCs typed are the ones in play.
 * @example confirmarOtroRuc(db, { rucCertificado: '1714307103', rucEmisor: '1790016919001' }, adminId, clock)
 */
export const confirmarOtroRuc = (
  db: Database,
  nombrados: { rucCertificado: string | null; rucEmisor: string },
  rucEmisor: string | null,
  usuarioId: string | null,
  clock: Clock,
): Result<void> => {
  const activo = findActiveCertificate(db);
  const otro = otroRucDe(db, rucEmisor);
  if (activo === null || otro === null) {
    return err(
      'sin_otro_ruc',
      'No hay nada que confirmar: la firma electrónica es del mismo RUC que el emisor.',
    );
  }
  const rucCertificado = nombrados.rucCertificado === '' ? null : nombrados.rucCertificado;
  if (rucCertificado !== otro.rucCertificado || nombrados.rucEmisor !== otro.rucEmisor) {
    return err(
      'ruc_no_coincide',
      `Escriba los dos RUC tal como están: el del certificado (${otro.rucCertificado ?? 'sin RUC'}) y el del emisor (${otro.rucEmisor}).`,
      rucCertificado !== otro.rucCertificado ? 'rucCertificado' : 'rucEmisor',
    );
  }
  db.sqlite.transaction(() => {
    setSetting(
      db,
      OTRO_RUC_SETTING,
      {
        certificadoId: activo.id,
        rucCertificado,
        rucEmisor: otro.rucEmisor,
        usuarioId,
        en: clock.now().toISOString(),
      },
      clock,
    );
    appendAudit(
      db,
      {
        userId: usuarioId,
        action: 'certificado.otro_ruc_confirmado',
        detail: { certificadoId: activo.id, rucCertificado, rucEmisor: otro.rucEmisor },
      },
      clock,
    );
  })();
  return ok(undefined);
};
