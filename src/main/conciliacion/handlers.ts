import { nombreEstado } from '../../shared/contract/conciliacion';
import { err, ok } from '../../shared/result';
import { listEmissionPoints } from '../db';
import type { HandlerGroup } from '../rpc';
import { type AccionesDeps, createAcciones } from './acciones';
import { createConsultas } from './consultas';
import { BOM, centavosATexto, lineaCsv } from './csv';

/** More rows than this are refused: narrow the dates (Excel's sheet holds ~1M rows anyway). */
export const MAXIMO_FILAS_CSV = 200_000;

const ENCABEZADO_CSV = [
  'Fecha de emisión',
  'Tipo',
  'Número',
  'Clave de acceso',
  'Estado',
  'Identificación del comprador',
  'Razón social del comprador',
  'Subtotal',
  'IVA',
  'Total',
  'Número de autorización',
  'Fecha de autorización',
  'Último mensaje del SRI',
];

export type ConciliacionHandlersDeps = AccionesDeps;

type Llamadas =
  | 'conciliacion.listar'
  | 'conciliacion.conteos'
  | 'conciliacion.resumen'
  | 'conciliacion.atascados'
  | 'conciliacion.puntosEmision'
  | 'conciliacion.reintentar'
  | 'conciliacion.consultarAutorizacion'
  | 'conciliacion.marcar'
  | 'conciliacion.reimprimir'
  | 'conciliacion.exportarCsv';

/** `conciliacion.*` calls: the supervisor's view of every document and the day's totals. */
export const createConciliacionHandlers = (
  deps: ConciliacionHandlersDeps,
): HandlerGroup<Llamadas> => {
  const consultas = createConsultas(deps.db.sqlite);
  const acciones = createAcciones(deps);
  return {
    'conciliacion.listar': ({ filtro, cursor, limite }) =>
      ok(consultas.listar(filtro, cursor, limite)),
    'conciliacion.conteos': ({ filtro }) => ok(consultas.conteos(filtro)),
    'conciliacion.resumen': ({ desde, hasta, puntoEmisionId }) =>
      desde > hasta
        ? err('validacion', 'La fecha inicial es posterior a la final.', 'desde')
        : ok(consultas.resumen(desde, hasta, puntoEmisionId)),
    'conciliacion.atascados': ({ minutos }) => ok(consultas.atascados(deps.clock.now(), minutos)),
    'conciliacion.puntosEmision': () =>
      ok(
        listEmissionPoints(deps.db).map(({ establishment, emissionPoint }) => ({
          id: emissionPoint.id,
          codigo: `${establishment.code}-${emissionPoint.code}`,
          descripcion: emissionPoint.description,
        })),
      ),
    'conciliacion.reintentar': ({ id, autorizacion }) => acciones.reintentar(id, autorizacion),
    'conciliacion.consultarAutorizacion': ({ id }) => acciones.consultarAutorizacion(id),
    'conciliacion.marcar': (input) => acciones.marcar(input),
    'conciliacion.reimprimir': ({ id }) => acciones.reimprimir(id),
    'conciliacion.exportarCsv': ({ filtro }) => {
      const filas = consultas.contar(filtro);
      if (filas > MAXIMO_FILAS_CSV) {
        return err(
          'exportacion_grande',
          `Son ${filas} documentos; se exportan hasta ${MAXIMO_FILAS_CSV} a la vez. Acorte el rango de fechas.`,
        );
      }
      const partes = [BOM, lineaCsv(ENCABEZADO_CSV)];
      for (const f of consultas.recorrer(filtro)) {
        partes.push(
          lineaCsv([
            f.fechaEmision,
            f.codDoc === '01' ? 'Factura' : 'Nota de crédito',
            `${f.estab}-${f.ptoEmi}-${String(f.secuencial).padStart(9, '0')}`,
            { digitos: f.claveAcceso },
            nombreEstado(f.estado),
            f.identificacion,
            f.razonSocial,
            centavosATexto(f.subtotalCents),
            centavosATexto(f.ivaCents),
            centavosATexto(f.totalCents),
            f.numeroAutorizacion === null ? null : { digitos: f.numeroAutorizacion },
            f.fechaAutorizacion,
            f.ultimoMensajeSri,
          ]),
        );
      }
      const rango =
        filtro.desde === filtro.hasta ? filtro.desde : `${filtro.desde}_${filtro.hasta}`;
      return ok({
        nombreArchivo: `documentos_${rango}.csv`,
        contenido: partes.join(''),
        filas: partes.length - 2,
      });
    },
  };
};
