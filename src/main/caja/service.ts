/**
 * The cash shift of one emission point (docs/architecture.md §1, Caja): opened with a float, cash in and
 * out with a reason (out needs a supervisor), closed with the cash counted by denomination.
 * Every figure comes from the shift's rows — its sales' documents and payments and its
 * movements — so the Z report equals the documents to the cent:
 * expected = float + cash sales − cash refunds + cash in − cash out.
 */
import { z } from 'zod';
import {
  type Conteo,
  DENOMINACIONES,
  type ReporteZ,
  TOLERANCIA_CIERRE_PREDETERMINADA,
  type Turno,
  totalConteo,
} from '../../shared/contract/caja';
import { err, ok, type Result } from '../../shared/result';
import {
  type AppUser,
  appendAudit,
  type Database,
  getActiveConfiguration,
  getSetting,
  type IdGenerator,
  type Rol,
  setSetting,
} from '../db';
import type { Clock, Logger } from '../log';
import { FORMA_PAGO_EFECTIVO, FORMAS_PAGO, type TextPayload } from '../print';
import type { Credenciales as CredencialesSesion } from '../sesion';
import { lineasReporteZ } from './reporteZ';

/** An approval as it arrives in the call (a spent token is exchanged by main before this). */
export type Credenciales = CredencialesSesion;

export type CajaDeps = {
  db: Database;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  /** PIN + minimum role check (`autorizar` of `sesion/`), auditing refusals. */
  autorizar: (c: Credenciales, rolMinimo: Rol, accion: string) => Promise<Result<AppUser>>;
  usuarioActual: () => AppUser | null;
  /** Documents the outbox still has to take to the SRI. */
  pendientesSri: () => number;
  /** Queues the Z report on the print queue (`print_job` kind `z_report`). */
  imprimir: (payload: TextPayload) => Result<number>;
};

/** Store setting: the cash difference a cashier may close with alone, in cents. */
export const AJUSTE_TOLERANCIA = 'caja.tolerancia_centavos';

/**
 * A shift's documents: its sales' facturas, and the notas de crédito emitted at its emission
 * point while it was open (a nota de crédito has no sale of its own).
 */
const DOCUMENTOS_DEL_TURNO = `WITH docs(id) AS (
    SELECT d.id FROM sale s JOIN document d ON d.sale_id = s.id WHERE s.shift_id = @turno
    UNION
    SELECT d.id FROM document d INDEXED BY document_point_fecha_id_idx
    WHERE d.emission_point_id = @punto AND d.fecha_emision BETWEEN @fechaDesde AND @fechaHasta
      AND d.cod_doc = '04' AND d.sale_id IS NULL AND d.created_at >= @desde AND d.created_at < @hasta
  )`;

type Ventana = {
  turno: string;
  punto: string;
  desde: string;
  hasta: string;
  fechaDesde: string;
  fechaHasta: string;
};

/** The shift's time window, and the calendar days it may touch in any time zone. */
const ventanaDe = (t: TurnoRow): Ventana => {
  const dia = (iso: string, dias: number) =>
    new Date(new Date(iso).getTime() + dias * 86_400_000).toISOString().slice(0, 10);
  const hasta = t.cerradoEn ?? '9999-12-31T00:00:00.000Z';
  return {
    turno: t.id,
    punto: t.puntoId,
    desde: t.abiertoEn,
    hasta,
    fechaDesde: dia(t.abiertoEn, -1),
    fechaHasta: t.cerradoEn === null ? '9999-12-31' : dia(hasta, 1),
  };
};

type TurnoRow = {
  id: string;
  numero: number;
  puntoId: string;
  estab: string;
  pto: string;
  estado: 'open' | 'closed';
  abiertoPor: string;
  abiertoEn: string;
  fondo: number;
  cerradoPor: string | null;
  cerradoEn: string | null;
  contado: number | null;
  denominaciones: string | null;
};

export type CajaService = ReturnType<typeof createCajaService>;

export const createCajaService = (deps: CajaDeps) => {
  const { db, clock } = deps;
  const sqlite = db.sqlite;
  const q = {
    turno: sqlite.prepare<[string], TurnoRow>(
      `SELECT s.id, (SELECT COUNT(*) FROM cash_shift o WHERE o.emission_point_id = s.emission_point_id
                AND (o.opened_at < s.opened_at OR (o.opened_at = s.opened_at AND o.id <= s.id))) AS numero,
              s.emission_point_id AS puntoId, e.code AS estab, p.code AS pto, s.status AS estado,
              ua.nombre AS abiertoPor, s.opened_at AS abiertoEn, s.opening_float_cents AS fondo,
              uc.nombre AS cerradoPor, s.closed_at AS cerradoEn, s.counted_cents AS contado,
              s.denominations AS denominaciones
       FROM cash_shift s
       JOIN emission_point p ON p.id = s.emission_point_id
       JOIN establishment e ON e.id = p.establishment_id
       JOIN app_user ua ON ua.id = s.opened_by
       LEFT JOIN app_user uc ON uc.id = s.closed_by
       WHERE s.id = ?`,
    ),
    abierto: sqlite.prepare<[string], { id: string }>(
      "SELECT id FROM cash_shift WHERE emission_point_id = ? AND status = 'open'",
    ),
    abrir: sqlite.prepare(
      `INSERT INTO cash_shift (id, emission_point_id, opened_by, opened_at, opening_float_cents, status)
       VALUES (?, ?, ?, ?, ?, 'open')`,
    ),
    cerrar: sqlite.prepare(
      `UPDATE cash_shift SET status = 'closed', closed_by = ?, closed_at = ?, counted_cents = ?,
              expected_cents = ?, denominations = ?
       WHERE id = ? AND status = 'open'`,
    ),
    movimiento: sqlite.prepare(
      `INSERT INTO cash_movement (id, shift_id, kind, amount_cents, reason, user_id, at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    movimientos: sqlite.prepare<
      [string],
      { id: string; kind: 'in' | 'out'; monto: number; motivo: string; usuario: string; en: string }
    >(
      // A credit note's cash refund is counted from the note's payment, not twice: its movement
      // is told apart by its purpose, whatever its reason says.
      `SELECT m.id, m.kind, m.amount_cents AS monto, m.reason AS motivo, u.nombre AS usuario, m.at AS en
       FROM cash_movement m JOIN app_user u ON u.id = m.user_id
       WHERE m.shift_id = ? AND m.purpose = 'manual'
       ORDER BY m.at, m.id`,
    ),
    documentos: sqlite.prepare<Ventana, { codDoc: string; cantidad: number; total: number }>(
      `${DOCUMENTOS_DEL_TURNO}
       SELECT d.cod_doc AS codDoc, COUNT(*) AS cantidad, SUM(d.total_cents) AS total
       FROM docs JOIN document d ON d.id = docs.id GROUP BY d.cod_doc`,
    ),
    pagos: sqlite.prepare<Ventana, { codDoc: string; formaPago: string; total: number }>(
      `${DOCUMENTOS_DEL_TURNO}
       SELECT d.cod_doc AS codDoc, p.forma_pago AS formaPago, SUM(p.total_cents) AS total
       FROM docs JOIN document d ON d.id = docs.id JOIN document_payment p ON p.document_id = d.id
       GROUP BY d.cod_doc, p.forma_pago ORDER BY p.forma_pago`,
    ),
    propinas: sqlite.prepare<Ventana, { propinas: number | null }>(
      `${DOCUMENTOS_DEL_TURNO}
       SELECT SUM(d.propina_cents) AS propinas
       FROM docs JOIN document d ON d.id = docs.id WHERE d.cod_doc = '01'`,
    ),
    impuestos: sqlite.prepare<
      Ventana,
      { codDoc: string; codigoPorcentaje: string; tarifa: number; base: number; valor: number }
    >(
      `${DOCUMENTOS_DEL_TURNO}
       SELECT d.cod_doc AS codDoc, t.codigo_porcentaje AS codigoPorcentaje, t.tarifa_bp AS tarifa,
              SUM(t.base_cents) AS base, SUM(t.valor_cents) AS valor
       FROM docs JOIN document d ON d.id = docs.id JOIN document_tax t ON t.document_id = d.id
       WHERE t.codigo = '2'
       GROUP BY d.cod_doc, t.codigo_porcentaje, t.tarifa_bp ORDER BY t.codigo_porcentaje`,
    ),
  };

  const puntoActual = (): Result<string> => {
    const config = getActiveConfiguration(db);
    return config === undefined
      ? err(
          'sin_punto_emision',
          'Este equipo no tiene un punto de emisión activo. Configúrelo en Ajustes.',
        )
      : ok(config.emissionPoint.id);
  };

  const usuario = (): Result<AppUser> => {
    const u = deps.usuarioActual();
    return u === null ? err('sin_sesion', 'Ingrese con su PIN para usar la caja.') : ok(u);
  };

  const turno = (id: string): Turno | null => {
    const t = q.turno.get(id);
    if (t === undefined) return null;
    const ventana = ventanaDe(t);
    const movimientos = q.movimientos.all(id);
    const docs = q.documentos.all(ventana);
    const pagos = q.pagos.all(ventana);
    const efectivoDe = (codDoc: string) =>
      pagos
        .filter((p) => p.codDoc === codDoc && p.formaPago === FORMA_PAGO_EFECTIVO)
        .reduce((a, p) => a + p.total, 0);
    const suma = (kind: 'in' | 'out') =>
      movimientos.filter((m) => m.kind === kind).reduce((a, m) => a + m.monto, 0);
    const ventas = efectivoDe('01');
    const devoluciones = efectivoDe('04');
    const entradas = suma('in');
    const salidas = suma('out');
    const tipo = (codDoc: string) => {
      const d = docs.find((x) => x.codDoc === codDoc);
      return { cantidad: d?.cantidad ?? 0, totalCentavos: d?.total ?? 0 };
    };
    return {
      id: t.id,
      numero: t.numero,
      puntoEmision: `${t.estab}-${t.pto}`,
      estado: t.estado,
      abiertoPor: t.abiertoPor,
      abiertoEn: t.abiertoEn,
      cerradoPor: t.cerradoPor,
      cerradoEn: t.cerradoEn,
      efectivo: {
        fondoCentavos: t.fondo,
        ventasCentavos: ventas,
        devolucionesCentavos: devoluciones,
        entradasCentavos: entradas,
        salidasCentavos: salidas,
        esperadoCentavos: t.fondo + ventas - devoluciones + entradas - salidas,
      },
      movimientos: movimientos.map((m) => ({
        id: m.id,
        tipo: m.kind === 'in' ? 'entrada' : 'salida',
        montoCentavos: m.monto,
        motivo: m.motivo,
        usuario: m.usuario,
        en: m.en,
      })),
      facturas: tipo('01'),
      notasCredito: tipo('04'),
    };
  };

  const turnoAbierto = (): Result<Turno> => {
    const punto = puntoActual();
    if (!punto.ok) return punto;
    const abierto = q.abierto.get(punto.value);
    const t = abierto === undefined ? null : turno(abierto.id);
    return t === null
      ? err('sin_turno', 'No hay un turno abierto en esta caja. Ábralo con el fondo de caja.')
      : ok(t);
  };

  const reporteZ = (id: string): Result<ReporteZ> => {
    const t = turno(id);
    if (t === null) return err('turno_no_existe', 'El turno no existe.', 'turnoId');
    if (t.estado !== 'closed') {
      return err('turno_abierto', 'El reporte Z se obtiene al cerrar el turno.', 'turnoId');
    }
    const fila = q.turno.get(id);
    if (fila === undefined) return err('turno_no_existe', 'El turno no existe.', 'turnoId');
    const ventana = ventanaDe(fila);
    const conteo: Conteo =
      fila.denominaciones === null ? {} : (JSON.parse(fila.denominaciones) as Conteo);
    const contado = fila.contado ?? 0;
    const tarifas = new Map<string, ReporteZ['porIva'][number]>();
    for (const r of q.impuestos.all(ventana)) {
      const clave = `${r.codigoPorcentaje}|${r.tarifa}`;
      const acc = tarifas.get(clave) ?? {
        codigoPorcentaje: r.codigoPorcentaje,
        tarifa: r.tarifa,
        baseCentavos: 0,
        ivaCentavos: 0,
      };
      const signo = r.codDoc === '04' ? -1 : 1;
      acc.baseCentavos += signo * r.base;
      acc.ivaCentavos += signo * r.valor;
      tarifas.set(clave, acc);
    }
    const formas = new Map<string, ReporteZ['porFormaPago'][number]>();
    for (const r of q.pagos.all(ventana)) {
      const acc = formas.get(r.formaPago) ?? {
        formaPago: r.formaPago,
        nombre: FORMAS_PAGO[r.formaPago] ?? r.formaPago,
        facturasCentavos: 0,
        notasCreditoCentavos: 0,
      };
      if (r.codDoc === '04') acc.notasCreditoCentavos += r.total;
      else acc.facturasCentavos += r.total;
      formas.set(r.formaPago, acc);
    }
    const datos = {
      turno: t,
      porIva: [...tarifas.values()],
      porFormaPago: [...formas.values()],
      conteo: DENOMINACIONES.filter((d) => (conteo[d.clave] ?? 0) > 0).map((d) => ({
        clave: d.clave,
        etiqueta: d.etiqueta,
        cantidad: conteo[d.clave] ?? 0,
        subtotalCentavos: d.centavos * (conteo[d.clave] ?? 0),
      })),
      contadoCentavos: contado,
      propinasCentavos: q.propinas.get(ventana)?.propinas ?? 0,
      diferenciaCentavos: contado - t.efectivo.esperadoCentavos,
    };
    return ok({ ...datos, lineas: lineasReporteZ(datos) });
  };

  const abrir = (fondoCentavos: number): Result<Turno> => {
    const u = usuario();
    if (!u.ok) return u;
    const punto = puntoActual();
    if (!punto.ok) return punto;
    if (q.abierto.get(punto.value) !== undefined) {
      return err(
        'turno_abierto',
        'Ya hay un turno abierto en esta caja. Ciérrelo antes de abrir otro.',
      );
    }
    const id = deps.ids.newId();
    const at = clock.now().toISOString();
    sqlite.transaction(() => {
      q.abrir.run(id, punto.value, u.value.id, at, fondoCentavos);
      appendAudit(
        db,
        { userId: u.value.id, action: 'caja.apertura', detail: { turnoId: id, fondoCentavos } },
        clock,
      );
    })();
    deps.logger.info('Turno de caja abierto', { turnoId: id });
    return ok(turno(id) as Turno);
  };

  const movimiento = async (input: {
    tipo: 'entrada' | 'salida';
    montoCentavos: number;
    motivo: string;
    autorizacion?: Credenciales | undefined;
  }): Promise<Result<Turno>> => {
    const u = usuario();
    if (!u.ok) return u;
    let quien = u.value;
    if (input.tipo === 'salida') {
      if (input.autorizacion === undefined) {
        return err(
          'autorizacion_requerida',
          'Una salida de efectivo necesita la autorización de un supervisor.',
          'autorizacion',
        );
      }
      const supervisor = await deps.autorizar(input.autorizacion, 'supervisor', 'caja.salida');
      if (!supervisor.ok) return supervisor;
      quien = supervisor.value;
    }
    const abierto = turnoAbierto();
    if (!abierto.ok) return abierto;
    if (input.tipo === 'salida' && input.montoCentavos > abierto.value.efectivo.esperadoCentavos) {
      return err(
        'efectivo_insuficiente',
        'La salida es mayor que el efectivo que debería haber en la caja.',
        'montoCentavos',
      );
    }
    const id = deps.ids.newId();
    sqlite.transaction(() => {
      q.movimiento.run(
        id,
        abierto.value.id,
        input.tipo === 'entrada' ? 'in' : 'out',
        input.montoCentavos,
        input.motivo,
        quien.id,
        clock.now().toISOString(),
      );
      appendAudit(
        db,
        {
          userId: quien.id,
          action: input.tipo === 'entrada' ? 'caja.entrada' : 'caja.salida',
          detail: {
            turnoId: abierto.value.id,
            montoCentavos: input.montoCentavos,
            motivo: input.motivo,
            usuarioSesion: u.value.id,
          },
        },
        clock,
      );
    })();
    return ok(turno(abierto.value.id) as Turno);
  };

  const imprimirZ = (reporte: ReporteZ): Result<number> =>
    deps.imprimir({ titulo: 'REPORTE Z', lineas: reporte.lineas });

  const tolerancia = (): number => {
    const r = getSetting(db, AJUSTE_TOLERANCIA, z.number().int().min(0));
    return r.ok && r.value !== undefined ? r.value : TOLERANCIA_CIERRE_PREDETERMINADA;
  };

  const fijarTolerancia = async (input: {
    toleranciaCentavos: number;
    autorizacion: Credenciales;
  }): Promise<Result<{ toleranciaCentavos: number }>> => {
    const admin = await deps.autorizar(input.autorizacion, 'administrador', 'caja.tolerancia');
    if (!admin.ok) return admin;
    sqlite.transaction(() => {
      setSetting(db, AJUSTE_TOLERANCIA, input.toleranciaCentavos, clock);
      appendAudit(
        db,
        {
          userId: admin.value.id,
          action: 'caja.tolerancia',
          detail: { toleranciaCentavos: input.toleranciaCentavos },
        },
        clock,
      );
    })();
    return ok({ toleranciaCentavos: input.toleranciaCentavos });
  };

  const cerrar = async (input: {
    conteo: Conteo;
    aunConPendientes: boolean;
    autorizacion?: Credenciales | undefined;
  }): Promise<
    Result<{ reporte: ReporteZ; impresion: { trabajoId: number } | { error: string } }>
  > => {
    const u = usuario();
    if (!u.ok) return u;
    const abierto = turnoAbierto();
    if (!abierto.ok) return abierto;
    const pendientes = deps.pendientesSri();
    if (pendientes > 0 && !input.aunConPendientes) {
      return err(
        'pendientes_sri',
        `Hay ${pendientes} documento${pendientes === 1 ? '' : 's'} por enviar al SRI. Puede cerrar igual: seguirán en la cola y se ven en Conciliación.`,
      );
    }
    const contado = totalConteo(input.conteo);
    const esperado = abierto.value.efectivo.esperadoCentavos;
    let supervisorId: string | null = null;
    if (Math.abs(contado - esperado) > tolerancia()) {
      if (input.autorizacion === undefined) {
        return err(
          'autorizacion_requerida',
          'La diferencia pasa el margen de la tienda: un supervisor debe autorizar el cierre.',
          'autorizacion',
        );
      }
      const supervisor = await deps.autorizar(input.autorizacion, 'supervisor', 'caja.cierre');
      if (!supervisor.ok) return supervisor;
      supervisorId = supervisor.value.id;
    }
    const at = clock.now().toISOString();
    const cerrado = sqlite.transaction((): boolean => {
      const r = q.cerrar.run(
        u.value.id,
        at,
        contado,
        esperado,
        JSON.stringify(input.conteo),
        abierto.value.id,
      );
      if (r.changes !== 1) return false;
      appendAudit(
        db,
        {
          userId: u.value.id,
          action: 'caja.cierre',
          detail: {
            turnoId: abierto.value.id,
            esperadoCentavos: esperado,
            contadoCentavos: contado,
            diferenciaCentavos: contado - esperado,
            pendientesSri: pendientes,
            autorizadoPor: supervisorId,
          },
        },
        clock,
      );
      return true;
    })();
    if (!cerrado) return err('turno_cerrado', 'El turno ya se cerró.');
    const reporte = reporteZ(abierto.value.id);
    if (!reporte.ok) return reporte;
    const impreso = imprimirZ(reporte.value);
    deps.logger.info('Turno de caja cerrado', {
      turnoId: abierto.value.id,
      diferenciaCentavos: contado - esperado,
    });
    return ok({
      reporte: reporte.value,
      impresion: impreso.ok ? { trabajoId: impreso.value } : { error: impreso.error.message },
    });
  };

  const estado = () => {
    const punto = puntoActual();
    const abierto = punto.ok ? q.abierto.get(punto.value) : undefined;
    return {
      turno: abierto === undefined ? null : turno(abierto.id),
      pendientesSri: deps.pendientesSri(),
      usuario: deps.usuarioActual()?.nombre ?? null,
      toleranciaCentavos: tolerancia(),
    };
  };

  const reimprimirZ = (id: string): Result<number> => {
    const r = reporteZ(id);
    return r.ok ? imprimirZ(r.value) : r;
  };

  return { estado, abrir, movimiento, cerrar, fijarTolerancia, reporteZ, reimprimirZ, turno };
};
