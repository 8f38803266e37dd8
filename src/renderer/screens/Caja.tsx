import { MarcoPantalla, Proximamente } from './MarcoPantalla';

/** Cash shift (DESIGN.md §1). */
export const Caja = () => (
  <MarcoPantalla
    id="caja"
    titulo="Caja"
    quien="Para el cajero."
    resumen="Aquí se abre y se cierra el turno de caja."
  >
    <Proximamente
      puntos={[
        'Abrir el turno con el fondo de caja.',
        'Registrar entradas y salidas de efectivo durante el turno.',
        'Cerrar el turno con el efectivo contado por denominación e imprimir el reporte Z.',
      ]}
    />
  </MarcoPantalla>
);
