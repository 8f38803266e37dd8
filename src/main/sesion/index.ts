/** Who is at the counter: PIN login, roles, inline supervisor authorizations, user management. */
export {
  autorizar,
  BLOQUEO_PIN_MS,
  type Credenciales,
  type CredencialesPin,
  credencialesAprobadas,
  MAXIMO_FALLOS_PIN,
  type OpcionesAutorizar,
} from './autorizar';
export { iniciarSesionDemo } from './demo';
export { createSesionHandlers, type SesionHandlersDeps, usuarioPublico } from './handlers';
export { nombreRol, ORDEN_ROLES, rolAlcanza } from './roles';
export { createSesionService, type SesionDeps, type SesionService } from './service';
export { cambiarPin, crearUsuario, desactivarUsuario, type UsuariosDeps } from './usuarios';
