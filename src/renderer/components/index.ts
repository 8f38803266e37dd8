export { Avisos } from './Avisos';
export { BannerAmbiente } from './BannerAmbiente';
export { Cabecera } from './Cabecera';
export { ConexionLocal } from './ConexionLocal';
export { DialogoAtajos } from './DialogoAtajos';
export { ErrorBoundary } from './ErrorBoundary';
export { Navegacion } from './Navegacion';
export { PieAtajos } from './PieAtajos';
