/**
 * Notas de crédito (issue 7): a supervisor-authorized return against an AUTHORIZED factura to an
 * identified buyer, emitted through the same one-transaction path as a sale (secuencial of
 * codDoc 04, clave, XML, signature, document + lines + taxes + refund + history + outbox jobs +
 * print job), plus the cash leaving the drawer when refunded in cash. When the notes of an
 * invoice cover all of it and are AUTHORIZED, the invoice becomes VOIDED_BY_NC.
 */
import type {
  FacturaEncontrada,
  FacturaParaNota,
  NotaEmitida,
} from '../../shared/contract/notasCredito';
import type { AprobacionEnLinea } from '../../shared/contract/sesion';
import type { FormaPagoCaja, Totales } from '../../shared/contract/ventas';
import { err, ok, type Result } from '../../shared/result';
import {
  appendAudit,
  classifySqliteError,
  type Database,
  getActiveConfiguration,
  type IdGenerator,
} from '../db';
import type { MarcaSecuenciales } from '../db/marcaSecuenciales';
import { cambiarEstado } from '../documentos';
import {
  type BorradorNotaCredito,
  calcularComprobante,
  calcularLineas,
  construirXml,
  ESTADO_INICIAL_EMISION,
  fechaEcuador,
  formatMicros,
  type LineaBorrador,
  parseMicros,
  type Totales as TotalesFiscales,
} from '../fiscal';
import type { Clock, Logger } from '../log';
import { autorizar } from '../sesion';
import { Abortar, createPersistencia, emisorDe, exigir, type Firmador, numeroDe } from '../ventas';
import { type Consultas, type FacturaFila, type LineaFila, prepararConsultas } from './consultas';
import { disponible, ivaPorTarifa, lineaDevuelta } from './lineas';

export type NotasCreditoDeps = {
  /** High-water mark of the secuenciales outside the database (issue 17 §4). */
  marca?: MarcaSecuenciales | undefined;
  db: Database;
  clock: Clock;
  ids: IdGenerator;
  codigoNumerico: () => string;
  firmador: () => Result<Firmador>;
  logger: Logger;
  /** The counter's logged-in user (the cashier who asked for the return). */
  usuarioActual?: () => string | null;
  /** Called after commit: wake the outbox and the print queue. */
  alEmitir?: (documentoId: string) => void;
};

export type Devolucion = {
  facturaId: string;
  lineas: readonly { linea: number; cantidad: string }[];
};

export type SolicitudNota = Devolucion & {
  notaId: string;
  motivo: string;
  reembolso: FormaPagoCaja;
  autorizacion: AprobacionEnLinea;
};

export type FacturaAnulada = { facturaId: string; estado: 'VOIDED_BY_NC'; notaId: string };

export type NotasCreditoService = {
  buscar: (filtro: { texto: string; fecha?: string | undefined }) => FacturaEncontrada[];
  factura: (facturaId: string) => Result<FacturaParaNota>;
  calcular: (devolucion: Devolucion) => Result<Totales>;
  emitir: (solicitud: SolicitudNota) => Promise<Result<NotaEmitida>>;
  /**
   * For the outbox, after a document became AUTHORIZED: if it is a nota de crédito and the
   * authorized notes of its factura now cover every line, the factura becomes VOIDED_BY_NC
   * (with a history row). Returns that change, or null.
   */
  alAutorizar: (documentoId: string) => FacturaAnulada | null;
  /** Authorized notes whose invoice is still AUTHORIZED: for `alAutorizar` at start-up. */
  autorizadasPendientes: () => string[];
};

const totalesDe = (t: TotalesFiscales): Totales => ({
  subtotalCentavos: t.subtotal,
  descuentoCentavos: t.totalDescuento,
  totalSinImpuestosCentavos: t.totalSinImpuestos,
  impuestos: t.impuestos.map((i) => ({
    codigoPorcentaje: i.codigoPorcentaje,
    tarifa: i.tarifa,
    baseCentavos: i.baseImponible,
    valorCentavos: i.valor,
  })),
  ivaCentavos: t.totalImpuestos,
  totalCentavos: t.importeTotal,
});

const EFECTIVO = '01';

/** Refund methods: cash, or any non-cash way the invoice was paid (back to the same card). */
const reembolsosDe = (formas: readonly string[]): FormaPagoCaja[] => {
  const permitidas: readonly string[] = ['01', '16', '17', '18', '19', '20'];
  const resultado = new Set<string>([EFECTIVO]);
  for (const f of formas) if (permitidas.includes(f)) resultado.add(f);
  return [...resultado].sort() as FormaPagoCaja[];
};

/** The nota's lines from the requested quantities, each within what is left of its line. */
const lineasPedidas = (
  lineas: readonly LineaFila[],
  pedidas: Devolucion['lineas'],
): Result<{ borradores: LineaBorrador[]; numeros: number[]; total: boolean }> => {
  const borradores: LineaBorrador[] = [];
  const numeros: number[] = [];
  const devueltas = new Map<number, number>();
  for (const [i, p] of pedidas.entries()) {
    const campo = `lineas[${i}].cantidad`;
    const linea = lineas.find((l) => l.linea === p.linea);
    if (linea === undefined) {
      return err('linea_inexistente', `La factura no tiene la línea ${p.linea}.`, `lineas[${i}]`);
    }
    const cantidad = parseMicros(p.cantidad, campo);
    if (!cantidad.ok) return cantidad;
    if (cantidad.value <= 0) {
      return err('cantidad_invalida', 'La cantidad a devolver debe ser mayor que cero.', campo);
    }
    if (linea.productUnit === 'unidad' && cantidad.value % 1_000_000 !== 0) {
      return err(
        'cantidad_fraccionada',
        `«${linea.descripcion}» se vende por unidades: la cantidad a devolver debe ser entera.`,
        campo,
      );
    }
    const queda = disponible(linea);
    if (cantidad.value > queda) {
      return err(
        queda === 0 ? 'nada_por_devolver' : 'cantidad_excede',
        queda === 0
          ? `De «${linea.descripcion}» ya se devolvió todo lo facturado.`
          : `De «${linea.descripcion}» solo quedan ${formatMicros(queda)} por devolver.`,
        campo,
      );
    }
    borradores.push(lineaDevuelta(linea, cantidad.value));
    numeros.push(linea.linea);
    devueltas.set(linea.linea, cantidad.value);
  }
  const total = lineas.every((l) => disponible(l) === (devueltas.get(l.linea) ?? 0));
  return ok({ borradores, numeros, total });
};

/** @example createNotasCreditoService(deps).emitir({ notaId, facturaId, lineas: [{ linea: 1, cantidad: '1' }], motivo: 'Producto defectuoso', reembolso: '01', autorizacion }) */
export const createNotasCreditoService = (deps: NotasCreditoDeps): NotasCreditoService => {
  const { db, clock, ids, logger } = deps;
  const consultas: Consultas = prepararConsultas(db.sqlite);
  const { sql } = consultas;
  const persistencia = createPersistencia(db.sqlite, ids, deps.marca);
  // A rollback puts back the mark the transaction raised.
  const enTransaccion: typeof db.sqlite.transaction = (fn) =>
    deps.marca === undefined
      ? db.sqlite.transaction(fn)
      : deps.marca.transaccion(db.sqlite.transaction(fn));
  const extra = {
    existente: db.sqlite.prepare<[string], { codDoc: string; modifiedDocumentId: string | null }>(
      'SELECT cod_doc AS codDoc, modified_document_id AS modifiedDocumentId FROM document WHERE id = ?',
    ),
    notaResumen: db.sqlite.prepare<
      [string],
      {
        estab: string;
        ptoEmi: string;
        secuencial: number;
        status: string;
        modifiedDocumentId: string | null;
        codDoc: string;
      }
    >(
      `SELECT estab, pto_emi AS ptoEmi, secuencial, status, modified_document_id AS modifiedDocumentId,
         cod_doc AS codDoc FROM document WHERE id = ?`,
    ),
    impuestos: db.sqlite.prepare<
      [string],
      { codigoPorcentaje: string; tarifaBp: number; baseCents: number; valorCents: number }
    >(
      `SELECT codigo_porcentaje AS codigoPorcentaje, tarifa_bp AS tarifaBp, base_cents AS baseCents,
         valor_cents AS valorCents FROM document_tax WHERE document_id = ? ORDER BY codigo_porcentaje`,
    ),
    totales: db.sqlite.prepare<
      [string],
      {
        subtotalCents: number;
        descuentoCents: number;
        ivaCents: number;
        totalCents: number;
        fechaEmision: string;
        claveAcceso: string;
        status: string;
      }
    >(
      `SELECT subtotal_cents AS subtotalCents, descuento_cents AS descuentoCents, iva_cents AS ivaCents,
         total_cents AS totalCents, fecha_emision AS fechaEmision, clave_acceso AS claveAcceso, status
       FROM document WHERE id = ?`,
    ),
    pendientes: db.sqlite.prepare<[], { id: string }>(
      `SELECT nc.id FROM document nc JOIN document f ON f.id = nc.modified_document_id
       WHERE nc.cod_doc = '04' AND nc.status = 'AUTHORIZED' AND f.status = 'AUTHORIZED'`,
    ),
    turnoAbierto: db.sqlite.prepare<[string], { id: string }>(
      "SELECT id FROM cash_shift WHERE emission_point_id = ? AND status = 'open'",
    ),
    movimiento: db.sqlite.prepare(
      `INSERT INTO cash_movement (id, shift_id, kind, amount_cents, reason, user_id, at, purpose, credit_note_id)
       VALUES (?, ?, 'out', ?, ?, ?, ?, 'credit_note_refund', ?)`,
    ),
  };

  const facturaElegible = (facturaId: string): Result<{ f: FacturaFila; lineas: LineaFila[] }> => {
    const f = sql.factura.get(facturaId);
    if (f === undefined)
      return err('factura_inexistente', 'No se encontró esa factura.', 'facturaId');
    const lineas = sql.lineas.all(facturaId);
    const motivo = consultas.noElegible(f, lineas);
    if (motivo !== null) return err('factura_no_elegible', motivo, 'facturaId');
    return ok({ f, lineas });
  };

  const factura = (facturaId: string): Result<FacturaParaNota> => {
    const f = sql.factura.get(facturaId);
    if (f === undefined)
      return err('factura_inexistente', 'No se encontró esa factura.', 'facturaId');
    const lineas = sql.lineas.all(facturaId);
    return ok({
      ...consultas.resumen(f),
      lineas: lineas.map((l) => ({
        linea: l.linea,
        codigo: l.codigoPrincipal,
        descripcion: l.descripcion,
        cantidadMicros: l.cantidadMicros,
        precioUnitarioMicros: l.precioUnitarioMicros,
        descuentoCentavos: l.descuentoCentavos,
        subtotalCentavos: l.subtotalCentavos,
        ivaCodigoPorcentaje: l.ivaCodigoPorcentaje,
        tarifa: l.tarifaBp,
        devueltaMicros: l.devueltaMicros,
        disponibleMicros: disponible(l),
      })),
      reembolsos: reembolsosDe(sql.formasPago.all(facturaId).map((p) => p.formaPago)),
      notas: sql.notas.all(facturaId).map((n) => ({
        id: n.id,
        numero: numeroDe(n.estab, n.ptoEmi, n.secuencial),
        fechaEmision: n.fechaEmision,
        estado: n.estado,
        totalCentavos: n.totalCentavos,
        motivo: n.motivo,
      })),
    });
  };

  const calcular = (devolucion: Devolucion): Result<Totales> => {
    const elegible = facturaElegible(devolucion.facturaId);
    if (!elegible.ok) return elegible;
    const pedidas = lineasPedidas(elegible.value.lineas, devolucion.lineas);
    if (!pedidas.ok) return pedidas;
    // The invoice's date: its IVA rates are the ones credited (docs/sri.md §8).
    const calculo = calcularLineas(
      pedidas.value.borradores,
      elegible.value.f.fechaEmision,
      ivaPorTarifa(pedidas.value.borradores, sql.tarifas.all(devolucion.facturaId)),
    );
    return calculo.ok ? ok(totalesDe(calculo.value.totales)) : calculo;
  };

  const notaExistente = (notaId: string, facturaNumero: string): NotaEmitida => {
    const n = extra.notaResumen.get(notaId);
    const t = extra.totales.get(notaId);
    if (n === undefined || t === undefined) throw new Error(`Nota ${notaId} incompleta.`);
    const impuestos = extra.impuestos.all(notaId);
    return {
      documentoId: notaId,
      numero: numeroDe(n.estab, n.ptoEmi, n.secuencial),
      claveAcceso: t.claveAcceso,
      fechaEmision: t.fechaEmision,
      facturaNumero,
      totales: {
        subtotalCentavos: t.subtotalCents + t.descuentoCents,
        descuentoCentavos: t.descuentoCents,
        totalSinImpuestosCentavos: t.subtotalCents,
        impuestos: impuestos.map((i) => ({
          codigoPorcentaje: i.codigoPorcentaje,
          tarifa: i.tarifaBp,
          baseCentavos: i.baseCents,
          valorCentavos: i.valorCents,
        })),
        ivaCentavos: t.ivaCents,
        totalCentavos: t.totalCents,
      },
      estado: t.status,
      devolucionTotal: sql.lineas.all(n.modifiedDocumentId ?? '').every((l) => disponible(l) === 0),
      advertencias: [],
      repetida: true,
    };
  };

  const emitirEnTransaccion = enTransaccion(
    (solicitud: SolicitudNota, supervisorId: string): NotaEmitida => {
      const previa = extra.existente.get(solicitud.notaId);
      if (previa !== undefined) {
        if (previa.codDoc !== '04' || previa.modifiedDocumentId !== solicitud.facturaId) {
          throw new Error(`El id ${solicitud.notaId} ya es de otro documento.`);
        }
        const f = sql.factura.get(solicitud.facturaId);
        return notaExistente(
          solicitud.notaId,
          f === undefined ? '' : numeroDe(f.estab, f.ptoEmi, f.secuencial),
        );
      }
      const { f, lineas } = exigir(facturaElegible(solicitud.facturaId));
      const reembolsos = reembolsosDe(sql.formasPago.all(f.id).map((p) => p.formaPago));
      if (!reembolsos.includes(solicitud.reembolso)) {
        throw new Abortar({
          code: 'reembolso_invalido',
          message:
            'La devolución se paga en efectivo o por el mismo medio con que se pagó la factura.',
          field: 'reembolso',
        });
      }
      const pedidas = exigir(lineasPedidas(lineas, solicitud.lineas));
      const config = getActiveConfiguration(db);
      if (config === undefined) {
        throw new Abortar({
          code: 'sin_punto_emision',
          message:
            'Este equipo no tiene un punto de emisión activo. Configure el emisor, el establecimiento y el punto de emisión en Ajustes.',
        });
      }
      const firmar = exigir(deps.firmador());
      const ahora = clock.now();
      const at = ahora.toISOString();
      const facturaNumero = numeroDe(f.estab, f.ptoEmi, f.secuencial);
      const secuencial = persistencia.reservarSecuencial(config.emissionPoint.id, '04');
      const borrador: BorradorNotaCredito = {
        tipo: 'notaCredito',
        ambiente: config.issuer.ambiente,
        emisor: emisorDe(config),
        establecimiento: {
          codigo: config.establishment.code,
          direccion: config.establishment.address,
        },
        puntoEmision: config.emissionPoint.code,
        secuencial,
        codigoNumerico: deps.codigoNumerico(),
        fechaEmision: fechaEcuador(ahora),
        comprador: {
          tipoIdentificacion: f.buyerTipo,
          identificacion: f.buyerIdentificacion,
          razonSocial: f.buyerRazonSocial,
          ...(f.buyerDireccion === null ? {} : { direccion: f.buyerDireccion }),
          ...(f.buyerEmail === null ? {} : { email: f.buyerEmail }),
          ...(f.buyerTelefono === null ? {} : { telefono: f.buyerTelefono }),
        },
        lineas: pedidas.borradores,
        ivaAsignado: ivaPorTarifa(pedidas.borradores, sql.tarifas.all(f.id)),
        docModificado: { codDoc: '01', numero: facturaNumero, fechaEmision: f.fechaEmision },
        motivo: solicitud.motivo,
      };
      const comprobante = exigir(calcularComprobante(borrador));
      const firmado = exigir(firmar(construirXml(comprobante), ahora));
      const total = comprobante.totales.importeTotal;
      const cajeroId = deps.usuarioActual?.() ?? null;
      persistencia.guardar({
        id: solicitud.notaId,
        saleId: null,
        comprobante,
        signedXml: firmado,
        emissionPointId: config.emissionPoint.id,
        at,
        productIds: pedidas.numeros.map(() => null),
        lineNumbers: pedidas.numeros,
        pagos: [{ formaPago: solicitud.reembolso, total, entregado: null }],
        modifica: { documentId: f.id, motivo: solicitud.motivo },
        detalle: `Nota de crédito de la factura ${facturaNumero}, firmada en el punto de venta`,
        usuarioId: cajeroId,
      });
      const numero = numeroDe(config.establishment.code, config.emissionPoint.code, secuencial);
      const turno =
        solicitud.reembolso === EFECTIVO
          ? extra.turnoAbierto.get(config.emissionPoint.id)
          : undefined;
      if (turno !== undefined && total > 0) {
        extra.movimiento.run(
          ids.newId(),
          turno.id,
          total,
          `Devolución NC ${numero}`,
          cajeroId ?? supervisorId,
          at,
          solicitud.notaId,
        );
      }
      appendAudit(
        db,
        {
          userId: supervisorId,
          action: 'nota_credito.emitida',
          detail: {
            notaId: solicitud.notaId,
            numero,
            factura: facturaNumero,
            totalCentavos: total,
            motivo: solicitud.motivo,
            reembolso: solicitud.reembolso,
            cajeroId,
          },
        },
        clock,
      );
      return {
        documentoId: solicitud.notaId,
        numero,
        claveAcceso: comprobante.claveAcceso,
        fechaEmision: comprobante.fechaEmision,
        facturaNumero,
        totales: totalesDe(comprobante.totales),
        estado: ESTADO_INICIAL_EMISION,
        devolucionTotal: pedidas.total,
        advertencias: comprobante.advertencias,
        repetida: false,
      };
    },
  );

  const emitir = async (solicitud: SolicitudNota): Promise<Result<NotaEmitida>> => {
    // A cashier alone cannot: the PIN must be a supervisor's or an administrador's.
    const supervisor = await autorizar(db, solicitud.autorizacion, 'supervisor', {
      clock,
      accion: 'nota_credito.emitir',
    });
    if (!supervisor.ok) return supervisor;
    try {
      const nota = emitirEnTransaccion.immediate(solicitud, supervisor.value.id);
      if (!nota.repetida) {
        logger.info('Nota de crédito emitida', {
          documentoId: nota.documentoId,
          numero: nota.numero,
        });
        deps.alEmitir?.(nota.documentoId);
      }
      return ok(nota);
    } catch (error) {
      if (error instanceof Abortar) return { ok: false, error: error.error };
      const ambiente = classifySqliteError(error);
      if (ambiente !== undefined) {
        logger.error('Nota de crédito rechazada por la base de datos', { code: ambiente.code });
        return err(ambiente.code, `No se pudo guardar la nota de crédito. ${ambiente.message}`);
      }
      throw error;
    }
  };

  const alAutorizar = db.sqlite.transaction((documentoId: string): FacturaAnulada | null => {
    const nota = extra.notaResumen.get(documentoId);
    if (nota === undefined || nota.codDoc !== '04' || nota.status !== 'AUTHORIZED') return null;
    if (nota.modifiedDocumentId === null) return null;
    const f = sql.factura.get(nota.modifiedDocumentId);
    if (f === undefined || f.status !== 'AUTHORIZED') return null;
    const completa = sql.lineasAutorizadas.all(f.id).every((l) => disponible(l) === 0);
    if (!completa) return null;
    const numeroNota = numeroDe(nota.estab, nota.ptoEmi, nota.secuencial);
    const hacia = cambiarEstado(db.sqlite, {
      documentId: f.id,
      desde: 'AUTHORIZED',
      evento: 'anulado_por_nc',
      at: clock.now().toISOString(),
      source: 'local',
      detalle: `Devolución total: anulada por la nota de crédito ${numeroNota}`,
    });
    if (!hacia.ok) return null;
    logger.info('Factura anulada por nota de crédito', { facturaId: f.id, notaId: documentoId });
    return { facturaId: f.id, estado: 'VOIDED_BY_NC', notaId: documentoId };
  });

  return {
    buscar: ({ texto, fecha }) => consultas.buscar(texto, fecha),
    factura,
    calcular,
    emitir,
    alAutorizar: (documentoId) => alAutorizar.immediate(documentoId),
    autorizadasPendientes: () => extra.pendientes.all().map((r) => r.id),
  };
};
