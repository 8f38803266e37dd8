import './reportes/reportes.css';
import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import type { Exportacion } from '../../shared/contract/mantenimiento';
import type { ProductoReporte, Reporte, ResumenTributario } from '../../shared/contract/reportes';
import { type Comparacion, PERIODOS, type Periodo } from '../../shared/periodos';
import { useApp } from '../stores/app';
import { useReportes } from '../stores/reportes';
import { useSesion } from '../stores/sesion';
import { formatoDolares } from './cobro/dinero';
import { MarcoPantalla } from './MarcoPantalla';
import { Grafico } from './reportes/Grafico';

const NOMBRE_PERIODO: Record<Periodo, string> = {
  hoy: 'Hoy',
  semana: 'Esta semana',
  mes: 'Este mes',
  mes_anterior: 'El mes pasado',
  rango: 'Un rango de fechas',
};

const NOMBRE_COMPARACION: Record<Comparacion, string> = {
  semana: 'la semana anterior',
  mes: 'el mes anterior',
  ano: 'el año anterior',
};

/** AAAA-MM-DD → dd/mm/aaaa, as a person reads it. */
const fecha = (f: string): string => `${f.slice(8, 10)}/${f.slice(5, 7)}/${f.slice(0, 4)}`;
const cantidad = (micro: number): string =>
  (micro / 1_000_000).toLocaleString('es-EC', { maximumFractionDigits: 3 });
const hora = (h: number): string => `${String(h).padStart(2, '0')}:00`;

/** The browser host downloads the file; the desktop app leaves it in the exports folder. */
const enNavegador = (): boolean => !('mostrador' in window);

const descargar = (e: Exportacion): void => {
  if (e.contenidoBase64 === null) return;
  const binario = atob(e.contenidoBase64);
  const bytes = new Uint8Array(binario.length);
  for (let i = 0; i < binario.length; i++) bytes[i] = binario.charCodeAt(i);
  const tipo = e.nombre.endsWith('.pdf')
    ? 'application/pdf'
    : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const url = URL.createObjectURL(new Blob([bytes], { type: tipo }));
  const enlace = document.createElement('a');
  enlace.href = url;
  enlace.download = e.nombre;
  enlace.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

const Controles = () => {
  const s = useReportes((x) => x);
  const periodo = useRef<HTMLSelectElement>(null);
  // The screen is loaded on demand, after App placed the focus: it lands on the period itself.
  useEffect(() => {
    periodo.current?.focus();
  }, []);
  return (
    <form
      className="reportes-controles"
      aria-label="Periodo y punto de emisión"
      onSubmit={(e) => e.preventDefault()}
    >
      <label>
        Periodo
        <select
          ref={periodo}
          value={s.periodo}
          onChange={(e) => void s.elegirPeriodo(e.target.value as Periodo)}
          data-enfoque-inicial
          data-testid="reportes-periodo"
        >
          {PERIODOS.map((p) => (
            <option key={p} value={p}>
              {NOMBRE_PERIODO[p]}
            </option>
          ))}
        </select>
      </label>
      {s.periodo === 'rango' && (
        <>
          <label>
            Desde
            <input
              type="date"
              value={s.rango.desde}
              max={s.rango.hasta}
              onChange={(e) =>
                e.target.value !== '' && void s.elegirRango({ desde: e.target.value })
              }
              data-testid="reportes-desde"
            />
          </label>
          <label>
            Hasta
            <input
              type="date"
              value={s.rango.hasta}
              min={s.rango.desde}
              onChange={(e) =>
                e.target.value !== '' && void s.elegirRango({ hasta: e.target.value })
              }
              data-testid="reportes-hasta"
            />
          </label>
        </>
      )}
      <label>
        Punto de emisión
        <select
          value={s.punto ?? ''}
          onChange={(e) => void s.elegirPunto(e.target.value === '' ? null : e.target.value)}
          data-testid="reportes-punto"
        >
          {s.puntos.map((p) => (
            <option key={p.id} value={p.id}>
              {p.id === s.puntoPropio
                ? `Este punto (${p.codigo})`
                : `${p.codigo} · ${p.descripcion}`}
            </option>
          ))}
          <option value="">Todos los puntos</option>
        </select>
      </label>
      <label>
        Comparar con
        <select
          value={s.comparar}
          onChange={(e) => void s.elegirComparacion(e.target.value as Comparacion)}
          data-testid="reportes-comparar"
        >
          {(Object.keys(NOMBRE_COMPARACION) as Comparacion[]).map((c) => (
            <option key={c} value={c}>
              {NOMBRE_COMPARACION[c]}
            </option>
          ))}
        </select>
      </label>
      <div className="reportes-exportar">
        {(['xlsx', 'pdf'] as const).map((formato) => (
          <button
            key={formato}
            type="button"
            disabled={s.exportando !== null || s.reporte === null}
            onClick={async () => {
              const r = await s.exportar(formato, enNavegador());
              if (r !== null) descargar(r);
            }}
            data-testid={`reportes-exportar-${formato}`}
          >
            {s.exportando === formato ? 'Exportando…' : `Exportar ${formato.toUpperCase()}`}
          </button>
        ))}
      </div>
    </form>
  );
};

/** A chart with the table that carries its numbers, side by side. */
const Bloque = ({
  id,
  titulo,
  grafico,
  children,
}: {
  id: string;
  titulo: string;
  grafico?: ReactNode;
  children: ReactNode;
}) => (
  <section
    className="reportes-bloque"
    aria-labelledby={`${id}-titulo`}
    data-testid={`bloque-${id}`}
  >
    <h2 id={`${id}-titulo`}>{titulo}</h2>
    <div className={grafico === undefined ? 'reportes-solo-tabla' : 'reportes-par'}>
      {grafico}
      {/* Focusable so a keyboard can scroll a long table (axe: scrollable-region-focusable). */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take the focus */}
      <section className="reportes-tabla" aria-label={titulo} tabIndex={0}>
        {children}
      </section>
    </div>
  </section>
);

const Tabla = ({
  titulo,
  columnas,
  filas,
  total,
  testId,
}: {
  titulo: string;
  columnas: readonly string[];
  filas: readonly (readonly string[])[];
  total?: readonly string[];
  testId?: string;
}) => (
  <table className="tabla-reporte" data-testid={testId}>
    <caption>{titulo}</caption>
    <thead>
      <tr>
        {columnas.map((c) => (
          <th key={c} scope="col">
            {c}
          </th>
        ))}
      </tr>
    </thead>
    <tbody>
      {filas.length === 0 ? (
        <tr>
          <td colSpan={columnas.length}>Sin datos en el periodo.</td>
        </tr>
      ) : (
        filas.map((f, i) => (
          // Rows have no identity beyond their position in a fixed report.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <tr key={i}>
            {f.map((c, j) =>
              j === 0 ? (
                <th key={columnas[j]} scope="row">
                  {c}
                </th>
              ) : (
                <td key={columnas[j]}>{c}</td>
              ),
            )}
          </tr>
        ))
      )}
    </tbody>
    {total !== undefined && filas.length > 0 && (
      <tfoot>
        <tr>
          {total.map((c, j) =>
            j === 0 ? (
              <th key={columnas[j]} scope="row">
                {c}
              </th>
            ) : (
              <td key={columnas[j]}>{c}</td>
            ),
          )}
        </tr>
      </tfoot>
    )}
  </table>
);

const suma = <T,>(xs: readonly T[], f: (x: T) => number) => xs.reduce((a, x) => a + f(x), 0);

const Ventas = ({ r }: { r: Reporte }) => {
  const anterior = `Periodo anterior (${fecha(r.anterior.desde)} a ${fecha(r.anterior.hasta)})`;
  const horas = r.porHora.filter(
    (h) => h.ventasCentavos !== 0 || h.anteriorCentavos !== 0 || (h.hora >= 8 && h.hora <= 20),
  );
  const seriesHora = useMemo(
    () => [
      { nombre: 'Este periodo', valores: horas.map((h) => h.ventasCentavos) },
      { nombre: 'Periodo anterior', valores: horas.map((h) => h.anteriorCentavos) },
    ],
    [horas],
  );
  const seriesDia = useMemo(
    () => [
      { nombre: 'Este periodo', valores: r.porDia.map((d) => d.ventasCentavos) },
      { nombre: 'Periodo anterior', valores: r.porDia.map((d) => d.anteriorCentavos) },
    ],
    [r.porDia],
  );
  return (
    <>
      <Bloque
        id="ventas-hora"
        titulo="Ventas por hora"
        grafico={
          <Grafico
            etiqueta={`Gráfico de barras de las ventas por hora comparadas con ${NOMBRE_COMPARACION[r.comparar]}; los valores están en la tabla.`}
            categorias={horas.map((h) => hora(h.hora))}
            series={seriesHora}
            testId="grafico-ventas-hora"
          />
        }
      >
        <Tabla
          titulo="Ventas por hora (facturas)"
          columnas={['Hora', 'Facturas', 'Ventas', anterior]}
          filas={horas.map((h) => [
            hora(h.hora),
            String(h.facturas),
            formatoDolares(h.ventasCentavos),
            formatoDolares(h.anteriorCentavos),
          ])}
          total={[
            'Total',
            String(suma(r.porHora, (h) => h.facturas)),
            formatoDolares(suma(r.porHora, (h) => h.ventasCentavos)),
            formatoDolares(suma(r.porHora, (h) => h.anteriorCentavos)),
          ]}
          testId="tabla-ventas-hora"
        />
      </Bloque>
      <Bloque
        id="ventas-dia"
        titulo="Ventas por día"
        grafico={
          <Grafico
            etiqueta={`Gráfico de barras de las ventas por día comparadas con ${NOMBRE_COMPARACION[r.comparar]}; los valores están en la tabla.`}
            categorias={r.porDia.map((d) => fecha(d.fecha).slice(0, 5))}
            series={seriesDia}
            testId="grafico-ventas-dia"
          />
        }
      >
        <Tabla
          titulo="Ventas por día"
          columnas={['Fecha', 'Facturas', 'Ventas', 'Notas de crédito', 'Neto', anterior]}
          filas={r.porDia.map((d) => [
            fecha(d.fecha),
            String(d.facturas),
            formatoDolares(d.ventasCentavos),
            formatoDolares(d.notasCreditoCentavos),
            formatoDolares(d.netoCentavos),
            formatoDolares(d.anteriorCentavos),
          ])}
          total={[
            'Total',
            String(r.totales.facturas),
            formatoDolares(r.totales.ventasCentavos),
            formatoDolares(r.totales.notasCreditoCentavos),
            formatoDolares(r.totales.netoCentavos),
            formatoDolares(r.totales.anteriorCentavos),
          ]}
          testId="tabla-ventas-dia"
        />
      </Bloque>
    </>
  );
};

const filaProducto = (p: ProductoReporte) => [
  p.descripcion,
  p.codigo,
  cantidad(p.cantidadMicro),
  formatoDolares(p.ventasCentavos),
  cantidad(p.devueltoMicro),
  formatoDolares(p.netoCentavos),
];
const COLUMNAS_PRODUCTO = ['Producto', 'Código', 'Cantidad', 'Vendido', 'Devuelto (cant.)', 'Neto'];

const Productos = ({ r }: { r: Reporte }) => {
  const porMonto = useMemo(
    () => [{ nombre: 'Neto sin IVA', valores: r.productosPorMonto.map((p) => p.netoCentavos) }],
    [r.productosPorMonto],
  );
  const porCantidad = useMemo(
    () => [
      {
        nombre: 'Cantidad',
        valores: r.productosPorCantidad.map((p) => (p.cantidadMicro - p.devueltoMicro) / 1_000_000),
      },
    ],
    [r.productosPorCantidad],
  );
  return (
    <>
      <Bloque
        id="productos-monto"
        titulo="Productos más vendidos por monto"
        grafico={
          <Grafico
            etiqueta="Gráfico de barras de los productos más vendidos por monto; los valores están en la tabla."
            categorias={r.productosPorMonto.map((p) => p.descripcion)}
            series={porMonto}
            horizontal
          />
        }
      >
        <Tabla
          titulo="Por monto (sin IVA, menos devoluciones)"
          columnas={COLUMNAS_PRODUCTO}
          filas={r.productosPorMonto.map(filaProducto)}
          testId="tabla-productos-monto"
        />
      </Bloque>
      <Bloque
        id="productos-cantidad"
        titulo="Productos más vendidos por cantidad"
        grafico={
          <Grafico
            etiqueta="Gráfico de barras de los productos más vendidos por cantidad; los valores están en la tabla."
            categorias={r.productosPorCantidad.map((p) => p.descripcion)}
            series={porCantidad}
            horizontal
            dinero={false}
          />
        }
      >
        <Tabla
          titulo="Por cantidad (menos devoluciones)"
          columnas={COLUMNAS_PRODUCTO}
          filas={r.productosPorCantidad.map(filaProducto)}
          testId="tabla-productos-cantidad"
        />
      </Bloque>
      <Bloque id="no-vendidos" titulo={`Productos sin ventas (${r.productosNoVendidos.length})`}>
        <Tabla
          titulo="Productos activos del catálogo que no se vendieron en el periodo"
          columnas={['Producto', 'Código']}
          filas={r.productosNoVendidos.slice(0, 200).map((p) => [p.descripcion, p.codigo])}
          testId="tabla-no-vendidos"
        />
        {r.productosNoVendidos.length > 200 && (
          <p className="reportes-nota">
            Se muestran 200 de {r.productosNoVendidos.length}; la exportación los incluye todos.
          </p>
        )}
      </Bloque>
    </>
  );
};

const Cajeros = ({ r }: { r: Reporte }) => {
  const series = useMemo(
    () => [
      { nombre: 'Ventas', valores: r.porCajero.map((c) => c.ventasCentavos) },
      { nombre: 'Notas de crédito', valores: r.porCajero.map((c) => c.notasCreditoCentavos) },
    ],
    [r.porCajero],
  );
  const formas = useMemo(
    () => [{ nombre: 'Neto', valores: r.porFormaPago.map((p) => p.netoCentavos) }],
    [r.porFormaPago],
  );
  const motivos = useMemo(
    () => [{ nombre: 'Total', valores: r.motivosNotasCredito.map((m) => m.totalCentavos) }],
    [r.motivosNotasCredito],
  );
  return (
    <>
      <Bloque
        id="cajeros"
        titulo="Por cajero"
        grafico={
          <Grafico
            etiqueta="Gráfico de barras de las ventas y notas de crédito de cada cajero; los valores están en la tabla."
            categorias={r.porCajero.map((c) => c.nombre)}
            series={series}
          />
        }
      >
        <Tabla
          titulo="Ventas, notas de crédito y documentos con problemas por cajero"
          columnas={[
            'Cajero',
            'Facturas',
            'Ventas',
            'Notas de crédito',
            'Devuelto',
            'Ticket promedio',
            'Anulados',
            'Revisión manual',
          ]}
          filas={r.porCajero.map((c) => [
            c.nombre,
            String(c.facturas),
            formatoDolares(c.ventasCentavos),
            String(c.notasCredito),
            formatoDolares(c.notasCreditoCentavos),
            formatoDolares(c.ticketPromedioCentavos),
            String(c.anulados),
            String(c.revisionManual),
          ])}
          testId="tabla-cajeros"
        />
      </Bloque>
      <Bloque
        id="formas-pago"
        titulo="Por forma de pago"
        grafico={
          <Grafico
            etiqueta="Gráfico de barras del neto cobrado por forma de pago; los valores están en la tabla."
            categorias={r.porFormaPago.map((p) => p.nombre)}
            series={formas}
            horizontal
          />
        }
      >
        <Tabla
          titulo="Cobrado por forma de pago (facturas menos notas de crédito)"
          columnas={['Forma de pago', 'Facturas', 'Notas de crédito', 'Neto']}
          filas={r.porFormaPago.map((p) => [
            p.nombre,
            formatoDolares(p.facturasCentavos),
            formatoDolares(p.notasCreditoCentavos),
            formatoDolares(p.netoCentavos),
          ])}
          total={[
            'Total',
            formatoDolares(suma(r.porFormaPago, (p) => p.facturasCentavos)),
            formatoDolares(suma(r.porFormaPago, (p) => p.notasCreditoCentavos)),
            formatoDolares(suma(r.porFormaPago, (p) => p.netoCentavos)),
          ]}
          testId="tabla-formas-pago"
        />
      </Bloque>
      <Bloque
        id="motivos"
        titulo="Notas de crédito y sus motivos"
        grafico={
          <Grafico
            etiqueta="Gráfico de barras del total de notas de crédito por motivo; los valores están en la tabla."
            categorias={r.motivosNotasCredito.map((m) => m.motivo)}
            series={motivos}
            horizontal
          />
        }
      >
        <Tabla
          titulo="Notas de crédito por motivo"
          columnas={['Motivo', 'Notas de crédito', 'Total']}
          filas={r.motivosNotasCredito.map((m) => [
            m.motivo,
            String(m.cantidad),
            formatoDolares(m.totalCentavos),
          ])}
          total={[
            'Total',
            String(suma(r.motivosNotasCredito, (m) => m.cantidad)),
            formatoDolares(suma(r.motivosNotasCredito, (m) => m.totalCentavos)),
          ]}
          testId="tabla-motivos"
        />
      </Bloque>
    </>
  );
};

const Tributario = ({ t }: { t: ResumenTributario }) => {
  const mes = useReportes((s) => s.mes);
  const elegirMes = useReportes((s) => s.elegirMes);
  return (
    <section
      className="reportes-bloque"
      aria-labelledby="tributario-titulo"
      data-testid="bloque-tributario"
    >
      <h2 id="tributario-titulo">Resumen tributario del mes</h2>
      <label className="reportes-mes">
        Mes
        <input
          type="month"
          value={mes}
          onChange={(e) => /^\d{4}-\d{2}$/.test(e.target.value) && void elegirMes(e.target.value)}
          data-testid="reportes-mes"
        />
      </label>
      <p className="reportes-nota">
        Para el formulario 104: solo comprobantes autorizados por el SRI emitidos del{' '}
        {fecha(t.desde)} al {fecha(t.hasta)}.
      </p>
      {t.aviso !== null && (
        <p className="reportes-aviso" role="alert" data-testid="tributario-aviso">
          {t.aviso}
        </p>
      )}
      <Tabla
        titulo={`Bases e IVA por tarifa de ${t.mes}`}
        columnas={[
          'Tarifa',
          'Base facturas',
          'IVA facturas',
          'Base notas de crédito',
          'IVA notas de crédito',
          'Base neta',
          'IVA neto',
        ]}
        filas={t.porIva.map((x) => [
          x.nombre,
          formatoDolares(x.facturas.baseCentavos),
          formatoDolares(x.facturas.ivaCentavos),
          formatoDolares(x.notasCredito.baseCentavos),
          formatoDolares(x.notasCredito.ivaCentavos),
          formatoDolares(x.neto.baseCentavos),
          formatoDolares(x.neto.ivaCentavos),
        ])}
        total={[
          'Total',
          formatoDolares(t.facturas.subtotalCentavos),
          formatoDolares(t.facturas.ivaCentavos),
          formatoDolares(t.notasCredito.subtotalCentavos),
          formatoDolares(t.notasCredito.ivaCentavos),
          formatoDolares(t.neto.subtotalCentavos),
          formatoDolares(t.neto.ivaCentavos),
        ]}
        testId="tabla-tributario"
      />
      <Tabla
        titulo="Por tipo de comprobante"
        columnas={['Tipo', 'Cantidad', 'Subtotal', 'IVA', 'Total']}
        filas={[
          ['Facturas', t.facturas],
          ['Notas de crédito', t.notasCredito],
        ].map(([nombre, x]) => {
          const v = x as ResumenTributario['facturas'];
          return [
            nombre as string,
            String(v.cantidad),
            formatoDolares(v.subtotalCentavos),
            formatoDolares(v.ivaCentavos),
            formatoDolares(v.totalCentavos),
          ];
        })}
        testId="tabla-tributario-tipos"
      />
    </section>
  );
};

/** Reportes (issue 21): sales by hour and day, products, cashiers, payments, credit notes, taxes. */
export const Reportes = () => {
  const tienda = useApp((s) => s.tienda);
  const iniciar = useReportes((s) => s.iniciar);
  const reporte = useReportes((s) => s.reporte);
  const tributario = useReportes((s) => s.tributario);
  const cargando = useReportes((s) => s.cargando);
  const mensaje = useReportes((s) => s.mensaje);
  const cerrarMensaje = useReportes((s) => s.cerrarMensaje);
  const propio = tienda === null ? null : `${tienda.establecimiento}-${tienda.puntoEmision}`;
  // Main decides who may see the figures: they load again when someone else logs in.
  const usuario = useSesion((s) => s.usuario?.id ?? null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the user is a trigger, not an input.
  useEffect(() => {
    void iniciar(propio);
  }, [iniciar, propio, usuario]);
  return (
    <MarcoPantalla
      id="reportes"
      titulo="Reportes"
      quien="Para el supervisor, el dueño y el contador."
      resumen="Ventas por hora y por día frente a un periodo anterior, productos, cajeros, formas de pago, notas de crédito y el resumen tributario del mes, con su exportación a Excel y PDF."
    >
      <Controles />
      {mensaje !== null && (
        <p
          className={mensaje.tipo === 'error' ? 'reportes-error' : 'reportes-info'}
          role={mensaje.tipo === 'error' ? 'alert' : 'status'}
          data-testid="reportes-mensaje"
        >
          {mensaje.texto}{' '}
          <button type="button" onClick={cerrarMensaje}>
            Cerrar aviso
          </button>
        </p>
      )}
      <p className="reportes-estado" role="status" aria-live="polite">
        {cargando
          ? 'Cargando…'
          : reporte === null
            ? ''
            : `Del ${fecha(reporte.desde)} al ${fecha(reporte.hasta)}: ${reporte.totales.facturas} facturas, ventas ${formatoDolares(reporte.totales.ventasCentavos)}, neto ${formatoDolares(reporte.totales.netoCentavos)} (periodo anterior ${formatoDolares(reporte.totales.anteriorCentavos)}).`}
      </p>
      {reporte !== null && (
        <div
          className="reportes-cuerpo"
          data-testid="reportes-cuerpo"
          data-desde={reporte.desde}
          data-hasta={reporte.hasta}
        >
          <Ventas r={reporte} />
          <Productos r={reporte} />
          <Cajeros r={reporte} />
        </div>
      )}
      {tributario !== null && <Tributario t={tributario} />}
    </MarcoPantalla>
  );
};
