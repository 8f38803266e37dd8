import { MarcoPantalla, Proximamente } from './MarcoPantalla';

/** Credit notes (DESIGN.md §1). */
export const NotasCredito = () => (
  <MarcoPantalla
    id="notas-credito"
    titulo="Notas de crédito"
    quien="Para el cajero, con el PIN de un supervisor."
    resumen="Aquí se registran las devoluciones sobre facturas ya autorizadas."
  >
    <Proximamente
      puntos={[
        'Buscar una factura autorizada por su número, su clave de acceso o el comprador.',
        'Devolver todas o algunas de sus líneas, indicando el motivo y la forma de reembolso.',
        'Emitir la nota de crédito firmada y enviarla al SRI.',
      ]}
    />
  </MarcoPantalla>
);
