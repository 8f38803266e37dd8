import './sesion.css';

export { ElegirUsuario } from './ElegirUsuario';
export { IngresoPin, UsuarioActual } from './IngresoPin';
export { TecladoPin } from './TecladoPin';
