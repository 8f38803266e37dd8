/**
 * Who emits from this counter: the issuer, the establishment, this terminal's emission point,
 * the SRI ambiente and the numbering. Every change is one transaction with its audit entry.
 */
import type { z } from 'zod';
import type {
  codDocSchema,
  emisorEntradaSchema,
  Secuencial,
  TiendaConfig,
} from '../../shared/contract/ajustes';
import { err, ok, type Result } from '../../shared/result';
import {
  type AppUser,
  appendAudit,
  type Database,
  getActiveConfiguration,
  getIssuer,
  getSequences,
  type IdGenerator,
  setTerminalEmissionPoint,
  upsertEmissionPoint,
  upsertEstablishment,
  upsertIssuer,
} from '../db';
import { validarRuc } from '../fiscal';
import type { Clock } from '../log';
import { hayUsuariosActivos } from './autorizacion';

export type TiendaDeps = {
  db: Database;
  clock: Clock;
  ids: IdGenerator;
  /** Training mode (built-in SRI simulator): producción is refused. */
  modoPractica: boolean;
};

type CodDoc = z.infer<typeof codDocSchema>;

const NOMBRE_COMPROBANTE: Record<CodDoc, string> = { '01': 'Factura', '04': 'Nota de crédito' };

const pendientesSri = (db: Database): number =>
  (
    db.sqlite
      .prepare(`SELECT count(*) AS n FROM outbox_job WHERE kind = 'sri' AND status = 'pending'`)
      .get() as { n: number }
  ).n;

const hayDocumentos = (db: Database, emissionPointId: string, codDoc?: CodDoc): boolean =>
  (codDoc === undefined
    ? db.sqlite
        .prepare('SELECT 1 FROM document WHERE emission_point_id = ? LIMIT 1')
        .get(emissionPointId)
    : db.sqlite
        .prepare('SELECT 1 FROM document WHERE emission_point_id = ? AND cod_doc = ? LIMIT 1')
        .get(emissionPointId, codDoc)) !== undefined;

const hayDocumentosDelEmisor = (db: Database): boolean =>
  db.sqlite.prepare('SELECT 1 FROM document LIMIT 1').get() !== undefined;

/** What Ajustes and onboarding show; `advertencias` come from the change just made. */
export const tiendaConfig = (deps: TiendaDeps, advertencias: string[] = []): TiendaConfig => {
  const { db } = deps;
  const issuer = getIssuer(db);
  const config = getActiveConfiguration(db);
  const secuenciales: Secuencial[] =
    config === undefined
      ? []
      : getSequences(db, config.emissionPoint.id).map((s) => ({
          codDoc: s.codDoc,
          nombre: NOMBRE_COMPROBANTE[s.codDoc],
          siguiente: s.nextSecuencial,
          editable: !hayDocumentos(db, config.emissionPoint.id, s.codDoc),
        }));
  return {
    emisor:
      issuer === undefined
        ? null
        : {
            ruc: issuer.ruc,
            razonSocial: issuer.razonSocial,
            nombreComercial: issuer.nombreComercial,
            direccionMatriz: issuer.direccionMatriz,
            obligadoContabilidad: issuer.obligadoContabilidad,
            contribuyenteEspecial: issuer.contribuyenteEspecial,
            agenteRetencion: issuer.agenteRetencion,
            regimen: issuer.regimen,
            ambiente: issuer.ambiente === '2' ? 'produccion' : 'pruebas',
          },
    establecimiento:
      config === undefined
        ? null
        : {
            codigo: config.establishment.code,
            direccion: config.establishment.address,
            nombreComercial: config.establishment.nombreComercial,
          },
    puntoEmision:
      config === undefined
        ? null
        : { codigo: config.emissionPoint.code, descripcion: config.emissionPoint.description },
    secuenciales,
    hayUsuarios: hayUsuariosActivos(db),
    pendientesSri: pendientesSri(db),
    modoPractica: deps.modoPractica,
    advertencias,
  };
};

/**
 * Saves the issuer. The RUC is checked with the SRI's rules (a check digit that does not match is
 * a warning: some real RUCs break the published formula); it cannot change once documents exist,
 * since they were signed for the old one.
 */
export const guardarEmisor = (
  deps: TiendaDeps,
  emisor: z.output<typeof emisorEntradaSchema>,
  autorizadoPor: AppUser | null,
): Result<TiendaConfig> => {
  const { db, clock } = deps;
  const ruc = validarRuc(emisor.ruc, 'emisor.ruc');
  if (!ruc.ok) return ruc;
  const anterior = getIssuer(db);
  if (anterior !== undefined && anterior.ruc !== emisor.ruc && hayDocumentosDelEmisor(db)) {
    return err(
      'ruc_con_documentos',
      `Ya hay comprobantes emitidos con el RUC ${anterior.ruc}; no se puede cambiar por ${emisor.ruc}. Un RUC distinto es otro contribuyente: use una instalación nueva.`,
      'emisor.ruc',
    );
  }
  db.sqlite.transaction(() => {
    upsertIssuer(
      db,
      {
        ...(anterior === undefined ? {} : { id: anterior.id }),
        ...emisor,
        ambiente: anterior?.ambiente ?? '1',
      },
      { clock, ids: deps.ids },
    );
    appendAudit(
      db,
      {
        userId: autorizadoPor?.id ?? null,
        action: 'ajustes.emisor',
        detail: { antes: anterior === undefined ? null : { ...anterior }, despues: { ...emisor } },
      },
      clock,
    );
  })();
  return ok(tiendaConfig(deps, ruc.value.advertencias));
};

/** Saves the establishment and this terminal's emission point, and makes it the terminal's. */
export const guardarPuntoEmision = (
  deps: TiendaDeps,
  input: {
    establecimiento: { codigo: string; direccion: string; nombreComercial: string | null };
    puntoEmision: { codigo: string; descripcion: string };
  },
  autorizadoPor: AppUser | null,
): Result<TiendaConfig> => {
  const { db, clock } = deps;
  const issuer = getIssuer(db);
  if (issuer === undefined) {
    return err('sin_emisor', 'Primero registre los datos del emisor (RUC y razón social).');
  }
  const anterior = getActiveConfiguration(db);
  db.sqlite.transaction(() => {
    const establecimiento = upsertEstablishment(
      db,
      {
        issuerId: issuer.id,
        code: input.establecimiento.codigo,
        address: input.establecimiento.direccion,
        nombreComercial: input.establecimiento.nombreComercial,
      },
      { clock, ids: deps.ids },
    );
    const punto = upsertEmissionPoint(
      db,
      {
        establishmentId: establecimiento.id,
        code: input.puntoEmision.codigo,
        description: input.puntoEmision.descripcion,
      },
      { clock, ids: deps.ids },
    );
    setTerminalEmissionPoint(db, punto.id, clock);
    appendAudit(
      db,
      {
        userId: autorizadoPor?.id ?? null,
        action: 'ajustes.punto_emision',
        detail: {
          antes:
            anterior === undefined
              ? null
              : `${anterior.establishment.code}-${anterior.emissionPoint.code}`,
          despues: `${establecimiento.code}-${punto.code}`,
          establecimiento: { ...input.establecimiento },
          puntoEmision: { ...input.puntoEmision },
        },
      },
      clock,
    );
  })();
  return ok(tiendaConfig(deps));
};

/**
 * Switches the SRI ambiente. Producción gives every document tax validity, so it needs an
 * explicit confirmation; documents still on their way keep the old ambiente in their signed XML,
 * so the switch waits until none is pending.
 */
export const cambiarAmbiente = (
  deps: TiendaDeps,
  input: { ambiente: 'pruebas' | 'produccion'; confirmarProduccion?: boolean | undefined },
  autorizadoPor: AppUser | null,
): Result<TiendaConfig> => {
  const { db, clock } = deps;
  const issuer = getIssuer(db);
  if (issuer === undefined) {
    return err('sin_emisor', 'Primero registre los datos del emisor (RUC y razón social).');
  }
  const codigo = input.ambiente === 'produccion' ? '2' : '1';
  if (issuer.ambiente === codigo) return ok(tiendaConfig(deps));
  if (input.ambiente === 'produccion' && deps.modoPractica) {
    return err(
      'modo_practica',
      'En el modo de práctica los comprobantes van al simulador del SRI; no se puede pasar a producción. Instale la tienda sin el modo de práctica.',
      'ambiente',
    );
  }
  if (input.ambiente === 'produccion' && input.confirmarProduccion !== true) {
    return err(
      'confirmar_produccion',
      'Confirme el paso a producción: desde ese momento cada comprobante tiene validez tributaria ante el SRI.',
      'confirmarProduccion',
    );
  }
  const pendientes = pendientesSri(db);
  if (pendientes > 0) {
    return err(
      'pendientes_sri',
      `Hay ${pendientes} comprobante${pendientes === 1 ? '' : 's'} en camino al SRI en el ambiente actual. Espere a que terminen antes de cambiar de ambiente.`,
      'ambiente',
    );
  }
  db.sqlite.transaction(() => {
    upsertIssuer(db, { ...issuer, ambiente: codigo }, { clock, ids: deps.ids });
    appendAudit(
      db,
      {
        userId: autorizadoPor?.id ?? null,
        action: 'ajustes.ambiente',
        detail: { antes: issuer.ambiente, despues: codigo },
      },
      clock,
    );
  })();
  return ok(tiendaConfig(deps));
};

/**
 * Sets the next secuencial of one document type, only while this point has emitted none of that
 * type: a store moving from another system continues its numbering; afterwards it is the sale's.
 */
export const fijarSecuencial = (
  deps: TiendaDeps,
  input: { codDoc: CodDoc; siguiente: number },
  autorizadoPor: AppUser | null,
): Result<TiendaConfig> => {
  const { db, clock } = deps;
  const config = getActiveConfiguration(db);
  if (config === undefined) {
    return err('sin_punto_emision', 'Primero configure el establecimiento y el punto de emisión.');
  }
  const pointId = config.emissionPoint.id;
  const nombre = NOMBRE_COMPROBANTE[input.codDoc];
  const cambio = db.sqlite.transaction((): Result<number> => {
    // Checked inside the write transaction: a sale cannot slip in between.
    if (hayDocumentos(db, pointId, input.codDoc)) {
      return err(
        'secuencial_en_uso',
        `Este punto de emisión ya emitió comprobantes de tipo ${nombre}; el secuencial sigue solo y no se puede cambiar.`,
        'siguiente',
      );
    }
    const antes = getSequences(db, pointId).find((s) => s.codDoc === input.codDoc);
    db.sqlite
      .prepare(
        'UPDATE sequence SET next_secuencial = ? WHERE emission_point_id = ? AND cod_doc = ?',
      )
      .run(input.siguiente, pointId, input.codDoc);
    appendAudit(
      db,
      {
        userId: autorizadoPor?.id ?? null,
        action: 'ajustes.secuencial',
        detail: {
          puntoEmision: `${config.establishment.code}-${config.emissionPoint.code}`,
          codDoc: input.codDoc,
          antes: antes?.nextSecuencial ?? null,
          despues: input.siguiente,
        },
      },
      clock,
    );
    return ok(input.siguiente);
  })();
  if (!cambio.ok) return cambio;
  return ok(tiendaConfig(deps));
};
