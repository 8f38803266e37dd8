import { MarcoPantalla, Proximamente } from './MarcoPantalla';

/** Reconciliation (DESIGN.md §1). */
export const Conciliacion = () => (
  <MarcoPantalla
    id="conciliacion"
    titulo="Conciliación"
    quien="Para el supervisor."
    resumen="Aquí se revisa qué pasó con cada documento en el SRI y se cuadran los totales del día."
  >
    <Proximamente
      puntos={[
        'Ver cada documento con su estado en el SRI y su historial.',
        'Filtrar por día, por estado y por punto de emisión.',
        'Reintentar el envío, volver a consultar la autorización, marcar para revisión manual, reimprimir y exportar.',
        'Ver los totales del día por tarifa de IVA y por forma de pago.',
        'Comparar lo que registra este equipo con lo que tiene el servicio en línea.',
      ]}
    />
  </MarcoPantalla>
);
