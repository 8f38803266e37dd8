import type { z } from 'zod';
import type {
  CertificadoCapacitacion,
  CertificadoEstado,
  certificadoCalls,
} from '../../shared/contract/certificado';
import { ok, type Result } from '../../shared/result';
import type { Database } from '../db';
import type { Clock, Logger } from '../log';
import { findActiveCertificate } from './certificateRepository';
import {
  certificateSummary,
  importCertificate,
  removeCertificate,
  unlockActiveCertificate,
} from './certificateStore';
import type { Keychain } from './keychain';
import { confirmarOtroRuc, otroRucDe } from './otroRuc';
import type { SigningKeyHolder } from './signingKeyHolder';

type CertificadoCalls = typeof certificadoCalls;

/** One handler per `certificado.*` call; assignable to the app's `HandlerGroup`. */
export type CertificateHandlers = {
  [K in keyof CertificadoCalls]: (
    input: z.output<CertificadoCalls[K]['input']>,
  ) => Promise<Result<z.output<CertificadoCalls[K]['output']>>>;
};

export type CertificateHandlerDeps = {
  db: Database;
  keychain: Keychain;
  holder: SigningKeyHolder;
  /** Demo mode: the training certificate that signs while none is imported. */
  capacitacion?: () => CertificadoCapacitacion | null;
  clock: Clock;
  logger: Logger;
  /** RUC of the configured issuer; null before onboarding has one (no comparison then). */
  issuerRuc: () => string | null;
  /** Who acts, for the audit log; null when the app has no session yet (first run). */
  currentUserId?: () => string | null;
};

/**
 * Handlers of the `certificado.*` calls. Every answer is a `CertificadoEstado`: the summary,
 * whether the key is unlocked, the expiry warning and any advertencias — never key material.
 *
 * @example const handlers = { ...createCertificateHandlers({ db, keychain, holder, clock, logger, issuerRuc }) };
 */
export const createCertificateHandlers = (deps: CertificateHandlerDeps): CertificateHandlers => {
  const estado = (advertencias: string[] = []): CertificadoEstado => {
    const resumen = certificateSummary({
      db: deps.db,
      now: deps.clock.now(),
      holder: deps.holder,
      advertencias,
      capacitacion: deps.capacitacion?.() ?? null,
    });
    const otroRuc = otroRucDe(deps.db, deps.issuerRuc());
    return otroRuc === null ? resumen : { ...resumen, otroRuc };
  };
  const userId = (): string | null => deps.currentUserId?.() ?? null;

  return {
    'certificado.resumen': async () => {
      const row = findActiveCertificate(deps.db);
      // After a restart in keychain mode the key is unlocked on first look, without asking.
      if (row !== null && row.modo === 'keychain' && deps.holder.heldId() !== row.id) {
        const unlocked = await unlockActiveCertificate({
          db: deps.db,
          keychain: deps.keychain,
          now: deps.clock.now(),
          holder: deps.holder,
          logger: deps.logger,
        });
        // The summary still shows; the reason it cannot sign goes with it.
        if (!unlocked.ok) return ok(estado([unlocked.error.message]));
      }
      return ok(estado());
    },
    'certificado.importar': async (input) => {
      const imported = await importCertificate({
        db: deps.db,
        keychain: deps.keychain,
        p12Bytes: Buffer.from(input.p12Base64, 'base64'),
        password: input.password,
        unlockMode: input.modo,
        issuerRuc: deps.issuerRuc(),
        now: deps.clock.now(),
        userId: userId(),
        holder: deps.holder,
        logger: deps.logger,
      });
      if (!imported.ok) return imported;
      return ok(estado(imported.value.advertencias));
    },
    'certificado.desbloquear': async (input) => {
      const unlocked = await unlockActiveCertificate({
        db: deps.db,
        keychain: deps.keychain,
        now: deps.clock.now(),
        password: input.password,
        holder: deps.holder,
        logger: deps.logger,
      });
      if (!unlocked.ok) return unlocked;
      return ok(estado());
    },
    'certificado.confirmarOtroRuc': async (input) => {
      const confirmado = confirmarOtroRuc(
        deps.db,
        { rucCertificado: input.rucCertificado, rucEmisor: input.rucEmisor },
        deps.issuerRuc(),
        userId(),
        deps.clock,
      );
      if (!confirmado.ok) return confirmado;
      deps.logger.info('Firma de otro RUC confirmada', { rucEmisor: input.rucEmisor });
      return ok(estado());
    },
    'certificado.eliminar': async () => {
      const removed = await removeCertificate({
        db: deps.db,
        keychain: deps.keychain,
        now: deps.clock.now(),
        userId: userId(),
        holder: deps.holder,
        logger: deps.logger,
      });
      if (!removed.ok) return removed;
      return ok(estado(removed.value.advertencias));
    },
  };
};
