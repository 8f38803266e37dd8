export { type Cliente, createCliente } from './client';
export { errorPorEstadoHttp, mensajes } from './mensajes';
export type { ConexionLocal, EventoInvalido, Transport } from './transport';
