export { type Autorizacion, autorizacionXml } from './autorizacion';
export {
  exportarArchivo,
  type RangoFechas,
  type ResumenArchivo,
  validarRango,
} from './exportar';
export { centsToDecimal, type FilaIndice, indiceCsv } from './indice';
