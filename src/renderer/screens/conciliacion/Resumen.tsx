import type { ResumenDiario } from '../../../shared/contract/conciliacion';
import { fechaPersona } from '../../fechas';
import { formatoDolares, formatoTarifa } from '../cobro/dinero';
import { LineaCorreosSinEntregar } from './Correo';

/** Money that leaves the day's totals; no sign on zero ("−$0.00" reads like an error). */
const menos = (centavos: number): string =>
  centavos === 0 ? formatoDolares(0) : `−${formatoDolares(centavos)}`;

/** The SRI's table 24 names are in capitals; on screen they read like the rest. */
const nombreFormaPago = (codigo: string, nombre: string): string =>
  codigo === '01' ? 'Efectivo' : nombre.toLowerCase().replace(/^./, (c) => c.toUpperCase());

/** The day's totals by IVA rate and payment method: facturas minus notas de crédito. */
export const Resumen = ({ r }: { r: ResumenDiario }) => (
  <section
    className="conciliacion-resumen"
    aria-labelledby="resumen-titulo"
    data-testid="resumen-diario"
  >
    <h2 id="resumen-titulo">
      Totales{' '}
      {r.desde === r.hasta
        ? `del ${fechaPersona(r.desde)}`
        : `del ${fechaPersona(r.desde)} al ${fechaPersona(r.hasta)}`}
    </h2>
    <table className="tabla-resumen">
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col">Cantidad</th>
          <th scope="col">Subtotal</th>
          <th scope="col">IVA</th>
          <th scope="col">Total</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">Facturas</th>
          <td>{r.facturas.cantidad}</td>
          <td>{formatoDolares(r.facturas.subtotalCentavos)}</td>
          <td>{formatoDolares(r.facturas.ivaCentavos)}</td>
          <td>{formatoDolares(r.facturas.totalCentavos)}</td>
        </tr>
        <tr>
          <th scope="row">Notas de crédito</th>
          <td>{r.notasCredito.cantidad}</td>
          <td>{menos(r.notasCredito.subtotalCentavos)}</td>
          <td>{menos(r.notasCredito.ivaCentavos)}</td>
          <td>{menos(r.notasCredito.totalCentavos)}</td>
        </tr>
        <tr className="fila-total">
          <th scope="row">Neto</th>
          <td />
          <td>{formatoDolares(r.neto.subtotalCentavos)}</td>
          <td>{formatoDolares(r.neto.ivaCentavos)}</td>
          <td data-testid="resumen-neto">{formatoDolares(r.neto.totalCentavos)}</td>
        </tr>
      </tbody>
    </table>
    <LineaCorreosSinEntregar n={r.correosSinEntregar} />
    <div className="resumen-columnas">
      <table className="tabla-resumen">
        <caption>Por tarifa de IVA (neto)</caption>
        <thead>
          <tr>
            <th scope="col">Tarifa</th>
            <th scope="col">Base</th>
            <th scope="col">IVA</th>
          </tr>
        </thead>
        <tbody>
          {r.porIva.map((t) => (
            <tr key={`${t.codigoPorcentaje}-${t.tarifa}`}>
              <th scope="row">{formatoTarifa(t.tarifa)}</th>
              <td>{formatoDolares(t.neto.baseCentavos)}</td>
              <td>{formatoDolares(t.neto.ivaCentavos)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="tabla-resumen">
        <caption>Por forma de pago (neto)</caption>
        <thead>
          <tr>
            <th scope="col">Forma de pago</th>
            <th scope="col">Monto</th>
          </tr>
        </thead>
        <tbody>
          {r.porFormaPago.map((p) => (
            <tr key={p.formaPago}>
              <th scope="row">{nombreFormaPago(p.formaPago, p.nombre)}</th>
              <td>{formatoDolares(p.netoCentavos)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    {r.excluidos.cantidad > 0 ? (
      <p className="nota">
        No suman {r.excluidos.cantidad} documentos fallidos o anulados en el SRI.
      </p>
    ) : null}
  </section>
);
