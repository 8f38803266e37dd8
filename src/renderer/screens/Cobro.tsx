import { MarcoPantalla, Proximamente } from './MarcoPantalla';

/** Checkout (DESIGN.md §1). */
export const Cobro = () => (
  <MarcoPantalla
    id="cobro"
    titulo="Cobro"
    quien="Para el cajero."
    resumen="Aquí se registra y se cobra cada venta, con el lector de códigos de barras y el teclado."
  >
    <Proximamente
      puntos={[
        'Escanear o buscar productos, y ajustar cantidades y descuentos.',
        'Vender a consumidor final o identificar al comprador por cédula, RUC o pasaporte, con búsqueda.',
        'Registrar uno o varios pagos y ver el cambio que se debe entregar.',
        'Cobrar con F12: la factura se emite, se firma, queda en cola para el SRI y se imprime en un solo paso.',
        'Ver si hay conexión con el SRI y cuántos documentos faltan por enviar.',
      ]}
    />
  </MarcoPantalla>
);
