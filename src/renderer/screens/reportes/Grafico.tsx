/**
 * A bar chart drawn by Apache ECharts with its SVG renderer. Only the parts used are imported
 * (bars, grid, legend; SVG), which keeps the bundle small; ECharts needs neither `eval` nor
 * inline `<style>` (animation, the one feature that writes CSS text, is off), so it runs under
 * the app's CSP. The chart is a picture for the eye: its numbers are in the table beside it,
 * which is what keyboards, screen readers and the exports use.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, LegendComponent, SVGRenderer]);

export type Serie = { nombre: string; valores: readonly number[] };

type Props = {
  /** What the chart shows, read out instead of the drawing. */
  etiqueta: string;
  categorias: readonly string[];
  series: readonly Serie[];
  /** Bars along the vertical axis (long product names). */
  horizontal?: boolean;
  /** Values are cents: the axis shows dollars. */
  dinero?: boolean;
  testId?: string;
};

const COLORES = ['#1f6f8b', '#b8c4cc', '#6a994e', '#bc4749'];

export const Grafico = ({
  etiqueta,
  categorias,
  series,
  horizontal = false,
  dinero = true,
  testId,
}: Props) => {
  const contenedor = useRef<HTMLDivElement>(null);
  const grafico = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = contenedor.current;
    if (el === null) return;
    const g = echarts.init(el, null, { renderer: 'svg' });
    grafico.current = g;
    const observador = new ResizeObserver(() => g.resize());
    observador.observe(el);
    return () => {
      observador.disconnect();
      g.dispose();
      grafico.current = null;
    };
  }, []);

  useEffect(() => {
    const g = grafico.current;
    if (g === null) return;
    const ejeValor = {
      type: 'value' as const,
      axisLabel: {
        formatter: (v: number) => (dinero ? `$${(v / 100).toLocaleString('es-EC')}` : String(v)),
      },
    };
    const ejeCategoria = {
      type: 'category' as const,
      data: [...categorias],
      axisLabel: horizontal
        ? { width: 160, overflow: 'truncate' as const }
        : { interval: 'auto' as const },
      inverse: horizontal,
    };
    g.setOption(
      {
        animation: false,
        color: COLORES,
        grid: {
          left: horizontal ? 170 : 64,
          right: 16,
          top: series.length > 1 ? 32 : 12,
          bottom: 28,
        },
        legend: series.length > 1 ? { top: 0 } : { show: false },
        xAxis: horizontal ? ejeValor : ejeCategoria,
        yAxis: horizontal ? ejeCategoria : ejeValor,
        series: series.map((s) => ({ type: 'bar', name: s.nombre, data: [...s.valores] })),
      },
      { notMerge: true },
    );
  }, [categorias, series, horizontal, dinero]);

  const vacio = series.every((x) => x.valores.every((v) => v === 0));
  return (
    <div
      className={vacio ? 'reportes-grafico reportes-grafico-vacio' : 'reportes-grafico'}
      ref={contenedor}
      role="img"
      aria-label={etiqueta}
      data-testid={testId}
    />
  );
};
