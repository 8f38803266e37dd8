import type { AppError } from '../../shared/result';

/**
 * Spanish messages for failures of the channel itself (not of a call). Each one says what
 * happened and what the person at the counter can do about it.
 */
export const mensajes = {
  sinConexion:
    'No hay conexión con el servicio local de Mostrador. Compruebe que «mostrador serve» siga abierto en la terminal y vuelva a intentarlo.',
  sesionInvalida:
    'La sesión de este navegador no es válida. Abra de nuevo la dirección completa que muestra la terminal al ejecutar «mostrador serve».',
  accesoDenegado:
    'El servicio local rechazó la solicitud porque no viene de este equipo. Abra Mostrador con la dirección 127.0.0.1 que muestra la terminal.',
  solicitudInvalida:
    'El servicio local no aceptó los datos enviados. Revise lo ingresado y vuelva a intentarlo.',
  solicitudGrande:
    'Los datos enviados son demasiado grandes para el servicio local. Divida la operación o reduzca su tamaño.',
  operacionDesconocida:
    'Esta versión del servicio local no conoce la operación solicitada. Cierre Mostrador y ábralo de nuevo para usar la misma versión en ambos lados.',
  errorServicio:
    'El servicio local de Mostrador tuvo un problema al atender la solicitud. Vuelva a intentarlo; si se repite, revise el registro del servicio.',
  respuestaInvalida:
    'El servicio local respondió con datos que esta pantalla no entiende. Cierre Mostrador y ábralo de nuevo; si se repite, avise a soporte.',
  puente:
    'No se pudo comunicar con el proceso principal de Mostrador. Cierre la aplicación y ábrala de nuevo.',
  eventoInvalido:
    'Se recibió un aviso del servicio local con un formato inesperado y se ignoró. Si los indicadores de la cabecera no se actualizan, recargue la página.',
} as const;

/** The error for an HTTP answer whose body is not a `Result`, by status code. */
export const errorPorEstadoHttp = (status: number): AppError => {
  if (status === 400) return { code: 'solicitud_invalida', message: mensajes.solicitudInvalida };
  if (status === 401) return { code: 'no_autorizado', message: mensajes.sesionInvalida };
  if (status === 403) return { code: 'prohibido', message: mensajes.accesoDenegado };
  if (status === 404) {
    return { code: 'operacion_desconocida', message: mensajes.operacionDesconocida };
  }
  if (status === 413) return { code: 'solicitud_grande', message: mensajes.solicitudGrande };
  if (status >= 500) return { code: 'error_servicio', message: mensajes.errorServicio };
  return { code: 'respuesta_invalida', message: mensajes.respuestaInvalida };
};
