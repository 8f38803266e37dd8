import type { FormaPagoCaja } from '../../../shared/contract/ventas';
import { AprobacionSupervisor } from '../../components/AprobacionSupervisor';
import { fechaPersona } from '../../fechas';
import { useNotasCredito } from '../../stores/notasCredito';
import { nombreEstado, nombreFormaPago } from '../cobro/atajosCobro';
import {
  cantidadTexto,
  formatoDolares,
  formatoTarifa,
  precioConIvaCentavos,
} from '../cobro/dinero';

/** The chosen invoice: what is left per line, the quantities to return, reason and refund. */
export const Devolucion = () => {
  const factura = useNotasCredito((s) => s.factura);
  const cantidades = useNotasCredito((s) => s.cantidades);
  const errores = useNotasCredito((s) => s.erroresLinea);
  const motivo = useNotasCredito((s) => s.motivo);
  const reembolso = useNotasCredito((s) => s.reembolso);
  const totales = useNotasCredito((s) => s.totales);
  const autorizando = useNotasCredito((s) => s.autorizando);
  const a = useNotasCredito((s) => s);
  if (factura === null) return null;
  const elegible = factura.noElegible === null;
  return (
    <section className="nc-devolucion" aria-labelledby="nc-factura-titulo">
      <div className="nc-cabecera-factura">
        <h2 id="nc-factura-titulo">
          Factura {factura.numero}{' '}
          <span className="nc-estado">({nombreEstado(factura.estado)})</span>
        </h2>
        <p>
          {fechaPersona(factura.fechaEmision)} · {factura.comprador.razonSocial} (
          {factura.comprador.identificacion}) · Total {formatoDolares(factura.totalCentavos)}
        </p>
        <button
          type="button"
          className="boton boton-secundario"
          onClick={a.volver}
          // biome-ignore lint/a11y/noAutofocus: an invoice that cannot be credited leaves one thing to do.
          autoFocus={!elegible}
        >
          Buscar otra factura
        </button>
      </div>
      {factura.notas.length === 0 ? null : (
        <p className="nc-previas">
          Notas de crédito anteriores:{' '}
          {factura.notas
            .map(
              (n) => `${n.numero} (${formatoDolares(n.totalCentavos)}, ${nombreEstado(n.estado)})`,
            )
            .join('; ')}
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          a.pedirAutorizacion();
        }}
      >
        <table className="nc-lineas">
          <caption className="solo-lectores">Líneas de la factura</caption>
          <thead>
            <tr>
              <th scope="col">Producto</th>
              <th scope="col">Facturado</th>
              <th scope="col">Precio con IVA</th>
              <th scope="col">IVA</th>
              <th scope="col">Ya devuelto</th>
              <th scope="col">A devolver</th>
            </tr>
          </thead>
          <tbody>
            {factura.lineas.map((l, i) => (
              <tr key={l.linea}>
                <th scope="row">
                  {l.descripcion} <span className="nc-codigo">{l.codigo}</span>
                </th>
                <td>{cantidadTexto(l.cantidadMicros)}</td>
                <td data-testid={`nc-precio-${i + 1}`}>
                  {formatoDolares(precioConIvaCentavos(l.precioUnitarioMicros, l.tarifa))}
                </td>
                <td>{formatoTarifa(l.tarifa)}</td>
                <td>{l.devueltaMicros === 0 ? '—' : cantidadTexto(l.devueltaMicros)}</td>
                <td>
                  <input
                    className="nc-cantidad"
                    inputMode="decimal"
                    autoComplete="off"
                    // biome-ignore lint/a11y/noAutofocus: opening an invoice means typing what comes back.
                    autoFocus={i === 0 && elegible}
                    disabled={!elegible || l.disponibleMicros === 0}
                    aria-label={`Cantidad a devolver de ${l.descripcion}, quedan ${cantidadTexto(l.disponibleMicros)}`}
                    aria-invalid={errores[l.linea] !== undefined}
                    value={cantidades[l.linea] ?? ''}
                    placeholder={`máx. ${cantidadTexto(l.disponibleMicros)}`}
                    onChange={(e) => a.setCantidad(l.linea, e.target.value)}
                    data-testid={`nc-cantidad-${l.linea}`}
                  />
                  {errores[l.linea] === undefined ? null : (
                    <span className="nc-error-linea" role="alert">
                      {errores[l.linea]}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="nc-acciones-lineas">
          <button
            type="button"
            className="boton boton-secundario"
            disabled={!elegible}
            onClick={a.devolverTodo}
          >
            Devolver todo lo que queda
          </button>
        </div>
        <div className="nc-formulario">
          <label className="nc-campo nc-campo-ancho">
            <span>Motivo (obligatorio)</span>
            <input
              type="text"
              maxLength={300}
              value={motivo}
              disabled={!elegible}
              onChange={(e) => a.setMotivo(e.target.value)}
              data-testid="nc-motivo"
            />
          </label>
          <label className="nc-campo">
            <span>Reembolso</span>
            <select
              value={reembolso}
              disabled={!elegible}
              onChange={(e) => a.setReembolso(e.target.value as FormaPagoCaja)}
              data-testid="nc-reembolso"
            >
              {factura.reembolsos.map((f) => (
                <option key={f} value={f}>
                  {nombreFormaPago[f]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <dl className="nc-totales" aria-live="polite" data-testid="nc-totales">
          <dt>Subtotal</dt>
          <dd>{totales === null ? '—' : formatoDolares(totales.totalSinImpuestosCentavos)}</dd>
          <dt>IVA</dt>
          <dd>{totales === null ? '—' : formatoDolares(totales.ivaCentavos)}</dd>
          <dt>Total a devolver</dt>
          <dd className="nc-total">
            {totales === null ? '—' : formatoDolares(totales.totalCentavos)}
          </dd>
        </dl>
        <button type="submit" className="boton" disabled={!elegible} data-testid="nc-emitir">
          Emitir nota de crédito…
        </button>
      </form>
      <AprobacionSupervisor
        abierta={autorizando}
        accion={`Emitir una nota de crédito de ${totales === null ? '' : formatoDolares(totales.totalCentavos)} sobre la factura ${factura.numero}.`}
        onAprobar={a.emitir}
        onCancelar={a.cancelarAutorizacion}
      />
    </section>
  );
};

/** After emission: the note's number, its live SRI status and the way to the next return. */
export const NotaEmitidaPanel = () => {
  const emitida = useNotasCredito((s) => s.emitida);
  const estado = useNotasCredito((s) => s.estadoEmitida);
  const nueva = useNotasCredito((s) => s.nueva);
  if (emitida === null) return null;
  return (
    <section className="nc-emitida" aria-labelledby="nc-emitida-titulo" data-testid="nc-emitida">
      <h2 id="nc-emitida-titulo" tabIndex={-1}>
        Nota de crédito {emitida.numero}
      </h2>
      <p>
        Sobre la factura {emitida.facturaNumero} · Total{' '}
        {formatoDolares(emitida.totales.totalCentavos)}
        {emitida.devolucionTotal ? ' · Devolución total' : ''}
      </p>
      <p aria-live="polite">
        Estado: <strong data-testid="nc-estado">{nombreEstado(estado ?? emitida.estado)}</strong>
      </p>
      <p className="nc-clave">Clave de acceso: {emitida.claveAcceso}</p>
      {/* biome-ignore lint/a11y/noAutofocus: after emitting, Enter starts the next return. */}
      <button type="button" className="boton" onClick={nueva} autoFocus>
        Nueva devolución
      </button>
    </section>
  );
};
