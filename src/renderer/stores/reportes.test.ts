import { describe, expect, it } from 'vitest';
import type { Reporte } from '../../shared/contract/reportes';
import { err, ok } from '../../shared/result';
import { createReportesStore, type ReportesApi } from './reportes';

const HOY = '2026-03-18'; // a Wednesday

const reporte = (desde: string, hasta: string): Reporte => ({ desde, hasta }) as unknown as Reporte;

type Llamada = { name: string; input: Record<string, unknown> };

/** Answers each `reportes.generar` when the test says so, to reorder slow answers. */
const fakeApi = (llamadas: Llamada[], pendientes: (() => void)[] = []): ReportesApi => {
  const call = async (name: string, input: unknown) => {
    llamadas.push({ name, input: input as Record<string, unknown> });
    switch (name) {
      case 'conciliacion.puntosEmision':
        return ok([
          { id: 'p1', codigo: '001-001', descripcion: 'Caja 1' },
          { id: 'p2', codigo: '001-002', descripcion: 'Caja 2' },
        ]);
      case 'reportes.generar': {
        const { filtro } = input as { filtro: { desde: string; hasta: string } };
        if (filtro.desde === '1999-01-01') {
          return err('sin_permiso', 'Los reportes son para un supervisor o un administrador.');
        }
        if (pendientes.length === 0 && filtro.desde !== '2026-03-16') {
          return ok(reporte(filtro.desde, filtro.hasta));
        }
        return new Promise((done) =>
          pendientes.push(() => done(ok(reporte(filtro.desde, filtro.hasta)))),
        );
      }
      case 'reportes.tributario':
        return ok(null);
      default:
        throw new Error(`llamada inesperada: ${name}`);
    }
  };
  return { call: call as unknown as ReportesApi['call'] };
};

describe('estado de Reportes', () => {
  it('empieza en este punto de emisión y hoy; los periodos van de lunes y de día 1', async () => {
    const llamadas: Llamada[] = [];
    const s = createReportesStore(fakeApi(llamadas), () => HOY);
    await s.getState().iniciar('001-002');
    expect(s.getState().punto).toBe('p2');
    expect(llamadas.find((l) => l.name === 'reportes.generar')?.input).toEqual({
      filtro: { desde: HOY, hasta: HOY, comparar: 'semana', puntoEmisionId: 'p2' },
    });
    await s.getState().elegirPeriodo('mes');
    expect(s.getState().rango).toEqual({ desde: '2026-03-01', hasta: HOY });
    expect(s.getState().comparar).toBe('mes');
    await s.getState().elegirPeriodo('mes_anterior');
    expect(s.getState().rango).toEqual({ desde: '2026-02-01', hasta: '2026-02-28' });
    expect(s.getState().mes).toBe('2026-02');
    await s.getState().elegirPunto(null);
    expect(llamadas.at(-2)?.input).toEqual({
      filtro: { desde: '2026-02-01', hasta: '2026-02-28', comparar: 'mes' },
    });
  });

  it('una respuesta lenta de un periodo anterior no tapa la del periodo elegido después', async () => {
    const pendientes: (() => void)[] = [];
    const s = createReportesStore(fakeApi([], pendientes), () => HOY);
    const semana = s.getState().elegirPeriodo('semana'); // 16–18 March, answered late
    const hoy = s.getState().elegirPeriodo('hoy');
    pendientes[1]?.();
    await hoy;
    pendientes[0]?.();
    await semana;
    expect(s.getState().reporte?.desde).toBe(HOY);
  });

  it('un rango al revés no se pide y se explica; un rechazo de main se muestra', async () => {
    const llamadas: Llamada[] = [];
    const s = createReportesStore(fakeApi(llamadas), () => HOY);
    await s.getState().elegirRango({ desde: '2026-04-01' });
    expect(s.getState().mensaje?.texto).toBe('La fecha inicial es posterior a la final.');
    expect(llamadas).toEqual([]);
    await s.getState().elegirRango({ desde: '1999-01-01' });
    expect(s.getState().reporte).toBeNull();
    expect(s.getState().mensaje).toEqual({
      tipo: 'error',
      texto: 'Los reportes son para un supervisor o un administrador.',
    });
  });
});
