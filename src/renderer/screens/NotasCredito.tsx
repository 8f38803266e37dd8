import './notasCredito/notasCredito.css';
import { useNotasCredito } from '../stores/notasCredito';
import { MarcoPantalla } from './MarcoPantalla';
import { Buscador } from './notasCredito/Buscador';
import { Devolucion, NotaEmitidaPanel } from './notasCredito/Devolucion';

const MensajeNc = () => {
  const mensaje = useNotasCredito((s) => s.mensaje);
  if (mensaje === null) return null;
  return (
    <p
      className={`nc-mensaje nc-mensaje-${mensaje.tipo}`}
      role={mensaje.tipo === 'error' ? 'alert' : 'status'}
      data-testid="nc-mensaje"
    >
      {mensaje.texto}
    </p>
  );
};

/** Credit notes (docs/architecture.md §1): find an authorized invoice, return lines, supervisor PIN. */
export const NotasCredito = () => {
  const hayFactura = useNotasCredito((s) => s.factura !== null);
  const emitida = useNotasCredito((s) => s.emitida !== null);
  return (
    <MarcoPantalla
      id="notas-credito"
      titulo="Notas de crédito"
      quien="Para el cajero, con el PIN de un supervisor."
      resumen="Devoluciones sobre facturas autorizadas por el SRI a un comprador identificado."
    >
      <MensajeNc />
      {emitida ? <NotaEmitidaPanel /> : hayFactura ? <Devolucion /> : <Buscador />}
    </MarcoPantalla>
  );
};
