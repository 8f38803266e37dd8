import { err, ok, type Result } from '../../shared/result';
import type { SigningIdentity } from '../signing';
import { formatFechaEcuador } from './expiry';

/**
 * The unlocked private key, kept in main's memory only (docs/architecture.md §7). The sale path asks it for
 * the identity at the moment of signing, so an expired certificate stops emission even if the
 * app has been running since before it expired.
 */
export type SigningKeyHolder = {
  hold: (certificateId: string, identity: SigningIdentity) => void;
  clear: () => void;
  /** Id of the certificate held, or null when locked. */
  heldId: () => string | null;
  current: (now: Date) => Result<SigningIdentity>;
};

export const NO_CERTIFICATE_MESSAGE =
  'No hay una firma electrónica desbloqueada. Impórtela o desbloquéela en Ajustes → Firma electrónica.';

/** @example const holder = createSigningKeyHolder(); holder.current(new Date()).ok // false */
export const createSigningKeyHolder = (): SigningKeyHolder => {
  let held: { certificateId: string; identity: SigningIdentity } | null = null;
  return {
    hold: (certificateId, identity) => {
      held = { certificateId, identity };
    },
    clear: () => {
      held = null;
    },
    heldId: () => held?.certificateId ?? null,
    current: (now) => {
      if (held === null) return err('firma_bloqueada', NO_CERTIFICATE_MESSAGE);
      const expiresAt = new Date(held.identity.summary.validoHasta);
      if (expiresAt.getTime() < now.getTime()) {
        return err(
          'certificado_caducado',
          `La firma electrónica caducó el ${formatFechaEcuador(expiresAt)}: no se puede firmar ni emitir comprobantes. Importe una firma vigente en Ajustes → Firma electrónica.`,
        );
      }
      return ok(held.identity);
    },
  };
};
