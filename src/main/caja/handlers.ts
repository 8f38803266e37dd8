import { err, ok } from '../../shared/result';
import type { Clock } from '../log';
import type { HandlerGroup } from '../rpc';
import { reporteZPdf } from './reporteZ';
import type { CajaService } from './service';

type Llamadas =
  | 'caja.estado'
  | 'caja.abrir'
  | 'caja.movimiento'
  | 'caja.cerrar'
  | 'caja.fijarTolerancia'
  | 'caja.reporteZ'
  | 'caja.reporteZPdf'
  | 'caja.imprimirReporteZ';

/** `caja.*` calls: the cash shift of this terminal's emission point. */
export const createCajaHandlers = (deps: {
  caja: CajaService;
  clock: Clock;
}): HandlerGroup<Llamadas> => {
  const { caja } = deps;
  return {
    'caja.estado': () => ok(caja.estado()),
    'caja.abrir': ({ fondoCentavos }) => caja.abrir(fondoCentavos),
    'caja.movimiento': (input) => caja.movimiento(input),
    'caja.cerrar': (input) => caja.cerrar(input),
    'caja.fijarTolerancia': (input) => caja.fijarTolerancia(input),
    'caja.reporteZ': ({ turnoId }) => caja.reporteZ(turnoId),
    'caja.reporteZPdf': async ({ turnoId }) => {
      const reporte = caja.reporteZ(turnoId);
      if (!reporte.ok) return reporte;
      const pdf = await reporteZPdf(reporte.value, deps.clock.now());
      const cierre = (reporte.value.turno.cerradoEn ?? '').slice(0, 10);
      return ok({
        nombreArchivo: `reporte-z_${reporte.value.turno.puntoEmision}_${cierre}.pdf`,
        pdfBase64: Buffer.from(pdf).toString('base64'),
      });
    },
    'caja.imprimirReporteZ': ({ turnoId }) => {
      const r = caja.reimprimirZ(turnoId);
      return r.ok ? ok({ trabajoId: r.value }) : err(r.error.code, r.error.message);
    },
  };
};
