import { MarcoPantalla, Proximamente } from './MarcoPantalla';

/** Settings and onboarding (DESIGN.md §1). */
export const Ajustes = () => (
  <MarcoPantalla
    id="ajustes"
    titulo="Ajustes"
    quien="Para el propietario."
    resumen="Aquí se configura la tienda para facturar electrónicamente."
  >
    <Proximamente
      puntos={[
        'Registrar los datos del emisor, del establecimiento y del punto de emisión.',
        'Elegir el ambiente del SRI: pruebas o producción.',
        'Importar el certificado de firma electrónica (archivo .p12).',
        'Configurar las impresoras y la clave del servicio en línea.',
        'Crear usuarios y sus PIN.',
      ]}
    />
  </MarcoPantalla>
);
