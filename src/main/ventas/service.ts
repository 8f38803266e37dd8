/**
 * The hot path of a sale (docs/architecture.md §3): the cart is checked by the fiscal engine, then ONE
 * synchronous SQLite transaction reserves the emission point's next secuencial, builds the
 * clave de acceso, builds and signs the XML, and writes sale + document (SIGNED) + lines +
 * payments + taxes + status history + the SRI outbox job + the print job. Any failure rolls it
 * all back — no sale, no number used — and comes back as a Spanish error; the cart stays in the
 * renderer.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Calculo, Carrito, Cobro, Totales } from '../../shared/contract/ventas';
import { type AppError, err, ok, type Result } from '../../shared/result';
import type { AppUser, Database, IdGenerator } from '../db';
import { appendAudit, classifySqliteError, getActiveConfiguration, leerLocal } from '../db';
import type { MarcaSecuenciales } from '../db/marcaSecuenciales';
import {
  type BorradorFactura,
  type Comprobante,
  calcularComprobante,
  calcularLineas,
  construirXml,
  ESTADO_INICIAL_EMISION,
  fechaEcuador,
  type Totales as TotalesFiscales,
  validarIdentificacion,
  verificarLimiteConsumidorFinal,
} from '../fiscal';
import type { Clock, Logger } from '../log';
import { createAvisoFechaAtras } from '../recuperacion/reloj';
import {
  compradorDe,
  createProductLookup,
  type LineaResuelta,
  lineasDesdeCarrito,
  verificarExcepciones,
} from './carrito';
import { avisoEfectivo } from './efectivo';
import { aplicarIvaTurismo } from './ivaTurismo';
import { resolverPagos } from './pagos';
import { Abortar, createPersistencia, emisorDe, exigir, numeroDe } from './persistencia';
import { conPropina, propinaDe, propinaSugerida } from './propina';

/** Signs a comprobante's XML with the unlocked certificate; fails when none is usable. */
export type Firmador = (xml: string, instante: Date) => Result<string>;

export type EmisionDeps = {
  db: Database;
  clock: Clock;
  ids: IdGenerator;
  /** 8-digit código numérico of the clave de acceso (`crypto.randomInt` in production). */
  codigoNumerico: () => string;
  /** The signer of the moment: an error when no certificate is imported, unlocked or valid. */
  firmador: () => Result<Firmador>;
  logger: Logger;
  /** Called after commit: wake the outbox and the print queue. */
  alEmitir?: (documentoId: string) => void;
  /** The counter's logged-in user, recorded on the sale (`sale.user_id`); none → null. */
  usuarioActual?: () => string | null;
  /** High-water mark of the secuenciales outside the database (issue 17 §4). */
  marca?: MarcaSecuenciales | undefined;
  /** Why today's date by this machine's clock would be refused by the SRI (65), if it would. */
  problemaFechaEmision?: (fechaEmision: string) => string | null;
};

export type EmisionService = {
  calcular: (carrito: Carrito) => Result<Calculo>;
  /**
   * `aprobadoPor`: the supervisor whose single-use approval came with the call; lets a price
   * override or a discount beyond the limit through, and is named in the audit entry.
   */
  cobrar: (carrito: Carrito & { ventaId: string }, aprobadoPor?: AppUser | null) => Result<Cobro>;
  /** This terminal's emission point has an open cash shift (selling needs one). */
  hayTurnoAbierto: () => boolean;
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
  ...(t.propina > 0 ? { propinaCentavos: t.propina } : {}),
  totalCentavos: t.importeTotal,
});

const prepare = (sqlite: BetterSqlite3.Database) => ({
  saleById: sqlite.prepare<[string], { documentoId: string }>(
    "SELECT d.id AS documentoId FROM sale s JOIN document d ON d.sale_id = s.id WHERE s.id = ? AND d.cod_doc = '01'",
  ),
  documentSummary: sqlite.prepare<
    [string],
    {
      saleId: string;
      claveAcceso: string;
      estab: string;
      ptoEmi: string;
      secuencial: number;
      fechaEmision: string;
      status: string;
      changeCents: number;
    }
  >(
    `SELECT d.sale_id AS saleId, d.clave_acceso AS claveAcceso, d.estab, d.pto_emi AS ptoEmi,
            d.secuencial, d.fecha_emision AS fechaEmision, d.status, s.change_cents AS changeCents
     FROM document d JOIN sale s ON s.id = d.sale_id WHERE d.id = ?`,
  ),
  taxes: sqlite.prepare<
    [string],
    { codigoPorcentaje: string; tarifaBp: number; baseCents: number; valorCents: number }
  >(
    `SELECT codigo_porcentaje AS codigoPorcentaje, tarifa_bp AS tarifaBp, base_cents AS baseCents,
            valor_cents AS valorCents FROM document_tax WHERE document_id = ? ORDER BY codigo_porcentaje`,
  ),
  totals: sqlite.prepare<
    [string],
    {
      subtotalCents: number;
      descuentoCents: number;
      ivaCents: number;
      propinaCents: number;
      totalCents: number;
    }
  >(
    `SELECT subtotal_cents AS subtotalCents, descuento_cents AS descuentoCents, iva_cents AS ivaCents,
            propina_cents AS propinaCents, total_cents AS totalCents FROM document WHERE id = ?`,
  ),
  openShift: sqlite.prepare<[string], { id: string }>(
    "SELECT id FROM cash_shift WHERE emission_point_id = ? AND status = 'open'",
  ),
  insertSale: sqlite.prepare(
    `INSERT INTO sale (id, emission_point_id, shift_id, user_id, created_at, total_cents, change_cents)
     VALUES (@id, @emissionPointId, @shiftId, @userId, @createdAt, @totalCents, @changeCents)`,
  ),
});

/**
 * @example createEmisionService(deps).cobrar({ ventaId, comprador: null, lineas, pagos }) // ok({ numero: '001-001-000000042', … })
 */
export const createEmisionService = (deps: EmisionDeps): EmisionService => {
  const { db, clock, ids, logger } = deps;
  const sql = prepare(db.sqlite);
  const persistencia = createPersistencia(db.sqlite, ids, deps.marca);
  // A rollback puts back the mark the transaction raised.
  const enTransaccion: typeof db.sqlite.transaction = (fn) =>
    deps.marca === undefined
      ? db.sqlite.transaction(fn)
      : deps.marca.transaccion(db.sqlite.transaction(fn));
  const buscarProducto = createProductLookup(db.sqlite);
  const avisoFechaAtras = createAvisoFechaAtras(db.sqlite);

  const cobroExistente = (documentoId: string): Cobro => {
    const doc = sql.documentSummary.get(documentoId);
    const totals = sql.totals.get(documentoId);
    if (doc === undefined || totals === undefined)
      throw new Error(`Documento ${documentoId} incompleto.`);
    const impuestos = sql.taxes.all(documentoId);
    return {
      ventaId: doc.saleId,
      documentoId,
      claveAcceso: doc.claveAcceso,
      numero: numeroDe(doc.estab, doc.ptoEmi, doc.secuencial),
      fechaEmision: doc.fechaEmision,
      totales: {
        subtotalCentavos: totals.subtotalCents,
        descuentoCentavos: totals.descuentoCents,
        totalSinImpuestosCentavos: impuestos.reduce((a, i) => a + i.baseCents, 0),
        impuestos: impuestos.map((i) => ({
          codigoPorcentaje: i.codigoPorcentaje,
          tarifa: i.tarifaBp,
          baseCentavos: i.baseCents,
          valorCentavos: i.valorCents,
        })),
        ivaCentavos: totals.ivaCents,
        ...(totals.propinaCents > 0 ? { propinaCentavos: totals.propinaCents } : {}),
        totalCentavos: totals.totalCents,
      },
      vueltoCentavos: doc.changeCents,
      estado: doc.status,
      advertencias: [],
      repetida: true,
    };
  };

  const calcular = (carrito: Carrito): Result<Calculo> => {
    const fecha = fechaEcuador(clock.now());
    const local = leerLocal(db);
    const leidas = lineasDesdeCarrito(carrito.lineas, buscarProducto);
    if (!leidas.ok) return leidas;
    const resueltas = aplicarIvaTurismo(leidas.value, fecha, local);
    if (!resueltas.ok) return resueltas;
    const calculo = calcularLineas(
      resueltas.value.map((r) => r.borrador),
      fecha,
    );
    if (!calculo.ok) return calculo;
    const { lineas } = calculo.value;
    const avisos: AppError[] = [];
    const propina = propinaDe(carrito.propinaCentavos, local);
    if (!propina.ok) avisos.push(propina.error);
    const totales = conPropina(calculo.value.totales, propina.ok ? propina.value : 0);
    const excepciones = verificarExcepciones(resueltas.value, false);
    if (!excepciones.ok) avisos.push(excepciones.error);
    const comprador = compradorDe(carrito.comprador);
    const limite = verificarLimiteConsumidorFinal(
      comprador.tipoIdentificacion,
      totales.importeTotal,
    );
    if (!limite.ok) avisos.push(limite.error);
    if (carrito.comprador !== null) {
      const id = validarIdentificacion(
        comprador.tipoIdentificacion,
        comprador.identificacion,
        comprador.razonSocial,
        'comprador.identificacion',
      );
      if (!id.ok) avisos.push(id.error);
    }
    const efectivo = avisoEfectivo(
      comprador.tipoIdentificacion,
      totales.importeTotal,
      carrito.pagos.map((p) => p.formaPago),
    );
    if (efectivo !== null) avisos.push(efectivo);
    const pagado = carrito.pagos.reduce((a, p) => a + p.montoCentavos, 0);
    const pagos = resolverPagos(carrito.pagos, totales.importeTotal);
    if (!pagos.ok && carrito.pagos.length > 0) avisos.push(pagos.error);
    return ok({
      lineas: lineas.map((l) => ({
        subtotalCentavos: l.subtotal,
        totalSinImpuestoCentavos: l.precioTotalSinImpuesto,
        ivaCentavos: l.impuestoCalculado.valor,
        tarifa: l.impuestoCalculado.tarifa,
      })),
      totales: totalesDe(totales),
      pagadoCentavos: pagado,
      faltaCentavos: Math.max(0, totales.importeTotal - pagado),
      vueltoCentavos: pagos.ok ? pagos.value.vueltoCentavos : 0,
      avisos,
      propinaSugeridaCentavos: propinaSugerida(totales, local),
    });
  };

  const emitir = enTransaccion(
    (carrito: Carrito & { ventaId: string }, aprobadoPor: AppUser | null): Cobro => {
      const previa = sql.saleById.get(carrito.ventaId);
      if (previa !== undefined) return cobroExistente(previa.documentoId);

      const config = getActiveConfiguration(db);
      if (config === undefined) {
        throw new Abortar({
          code: 'sin_punto_emision',
          message:
            'Este equipo no tiene un punto de emisión activo. Configure el emisor, el establecimiento y el punto de emisión en Ajustes.',
        });
      }
      const { issuer, establishment, emissionPoint } = config;
      const firmar = exigir(deps.firmador());
      const ahora = clock.now();
      const at = ahora.toISOString();
      const fechaEmision = fechaEcuador(ahora);
      // A clock moved back would date this sale before the previous one: tell the cashier.
      const fechaAtras = avisoFechaAtras(emissionPoint.id, fechaEmision);
      const fechaFuera = deps.problemaFechaEmision?.(fechaEmision) ?? null;
      if (fechaFuera !== null)
        throw new Abortar({ code: 'fecha_fuera_de_ventana', message: fechaFuera });

      const local = leerLocal(db);
      const resueltas: LineaResuelta[] = exigir(
        aplicarIvaTurismo(
          exigir(lineasDesdeCarrito(carrito.lineas, buscarProducto)),
          fechaEmision,
          local,
        ),
      );
      const previo = exigir(
        calcularLineas(
          resueltas.map((r) => r.borrador),
          fechaEmision,
        ),
      );
      // A price or discount beyond the product's limit needs a supervisor's approval (issue 15).
      const excepciones = exigir(verificarExcepciones(resueltas, aprobadoPor !== null));
      const propina = exigir(propinaDe(carrito.propinaCentavos, local));
      const pagos = exigir(
        resolverPagos(carrito.pagos, conPropina(previo.totales, propina).importeTotal),
      );

      const secuencial = persistencia.reservarSecuencial(emissionPoint.id, '01');
      const borrador: BorradorFactura = {
        tipo: 'factura',
        ambiente: issuer.ambiente,
        emisor: emisorDe(config),
        establecimiento: { codigo: establishment.code, direccion: establishment.address },
        puntoEmision: emissionPoint.code,
        secuencial,
        codigoNumerico: deps.codigoNumerico(),
        fechaEmision,
        comprador: compradorDe(carrito.comprador),
        lineas: resueltas.map((r) => r.borrador),
        pagos: pagos.pagos.map((p) => ({ formaPago: p.formaPago, total: p.total })),
        ...(propina > 0 ? { propina } : {}),
      };
      const comprobante: Comprobante = exigir(calcularComprobante(borrador));
      const firmado = exigir(firmar(construirXml(comprobante), ahora));

      const saleId = carrito.ventaId;
      const documentId = ids.newId();
      const usuarioId = deps.usuarioActual?.() ?? null;
      sql.insertSale.run({
        id: saleId,
        emissionPointId: emissionPoint.id,
        shiftId: sql.openShift.get(emissionPoint.id)?.id ?? null,
        userId: usuarioId,
        createdAt: at,
        totalCents: comprobante.totales.importeTotal,
        changeCents: pagos.vueltoCentavos,
      });
      persistencia.guardar({
        id: documentId,
        saleId,
        comprobante,
        signedXml: firmado,
        emissionPointId: emissionPoint.id,
        at,
        productIds: resueltas.map((r) => r.producto.id),
        pagos: pagos.pagos,
        detalle: 'Firmado en el punto de venta',
        usuarioId,
      });
      if (aprobadoPor !== null && excepciones.length > 0) {
        appendAudit(
          db,
          {
            userId: aprobadoPor.id,
            action: 'venta.excepcion_aprobada',
            detail: { ventaId: saleId, cajeroId: usuarioId, excepciones },
          },
          clock,
        );
      }
      return {
        ventaId: saleId,
        documentoId: documentId,
        claveAcceso: comprobante.claveAcceso,
        numero: numeroDe(establishment.code, emissionPoint.code, secuencial),
        fechaEmision,
        totales: totalesDe(comprobante.totales),
        vueltoCentavos: pagos.vueltoCentavos,
        estado: ESTADO_INICIAL_EMISION,
        advertencias:
          fechaAtras === null
            ? comprobante.advertencias
            : [...comprobante.advertencias, fechaAtras],
        repetida: false,
      };
    },
  );

  const cobrar = (
    carrito: Carrito & { ventaId: string },
    aprobadoPor: AppUser | null = null,
  ): Result<Cobro> => {
    try {
      const cobro = emitir.immediate(carrito, aprobadoPor);
      if (!cobro.repetida) deps.alEmitir?.(cobro.documentoId);
      return ok(cobro);
    } catch (error) {
      if (error instanceof Abortar) return { ok: false, error: error.error };
      const ambiente = classifySqliteError(error);
      if (ambiente !== undefined) {
        logger.error('Venta rechazada por la base de datos', { code: ambiente.code });
        return err(ambiente.code, `No se pudo guardar la venta. ${ambiente.message}`);
      }
      throw error;
    }
  };

  const hayTurnoAbierto = (): boolean => {
    const config = getActiveConfiguration(db);
    return config !== undefined && sql.openShift.get(config.emissionPoint.id) !== undefined;
  };

  return { calcular, cobrar, hayTurnoAbierto };
};
