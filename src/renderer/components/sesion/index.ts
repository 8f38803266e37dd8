import './sesion.css';

export { ElegirUsuario } from './ElegirUsuario';
export { GestionUsuarios } from './GestionUsuarios';
export { IngresoPin, UsuarioActual } from './IngresoPin';
export { TecladoPin } from './TecladoPin';
