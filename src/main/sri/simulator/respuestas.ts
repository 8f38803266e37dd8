/**
 * Answers of the simulator, with the same shapes as the real SRI samples
 * (`test/fixtures/sri/soap_*_response_*.xml`): `ns2`-prefixed operation element,
 * unqualified children.
 */

import { escaparXml, NS_AUTORIZACION, NS_RECEPCION, sobreSoap } from '../soap';
import type { MensajeSri } from '../types';

const mensajesXml = (mensajes: readonly MensajeSri[]): string =>
  mensajes.length === 0
    ? '<mensajes/>'
    : `<mensajes>${mensajes
        .map(
          (m) =>
            `<mensaje><identificador>${escaparXml(m.identificador)}</identificador><mensaje>${escaparXml(m.mensaje)}</mensaje>${
              m.informacionAdicional === null
                ? ''
                : `<informacionAdicional>${escaparXml(m.informacionAdicional)}</informacionAdicional>`
            }<tipo>${escaparXml(m.tipo)}</tipo></mensaje>`,
        )
        .join('')}</mensajes>`;

/** `validarComprobanteResponse`: RECIBIDA carries an empty `comprobantes`, as the SRI does. */
export const respuestaRecepcion = (
  estado: 'RECIBIDA' | 'DEVUELTA',
  comprobante: { claveAcceso: string; mensajes: readonly MensajeSri[] } | null,
): string =>
  sobreSoap(
    `<ns2:validarComprobanteResponse xmlns:ns2="${NS_RECEPCION}"><RespuestaRecepcionComprobante><estado>${estado}</estado>${
      comprobante === null
        ? '<comprobantes/>'
        : `<comprobantes><comprobante><claveAcceso>${escaparXml(comprobante.claveAcceso)}</claveAcceso>${mensajesXml(comprobante.mensajes)}</comprobante></comprobantes>`
    }</RespuestaRecepcionComprobante></ns2:validarComprobanteResponse>`,
  );

export type EntradaAutorizacion = {
  estado: string;
  numeroAutorizacion: string | null;
  fechaAutorizacion: string | null;
  ambiente: string;
  comprobante: string | null;
  mensajes: MensajeSri[];
};

/** `autorizacionComprobanteResponse` with the entries newest first; none → numeroComprobantes 0. */
export const respuestaAutorizacion = (
  claveAcceso: string,
  entradas: readonly EntradaAutorizacion[],
): string =>
  sobreSoap(
    `<ns2:autorizacionComprobanteResponse xmlns:ns2="${NS_AUTORIZACION}"><RespuestaAutorizacionComprobante><claveAccesoConsultada>${escaparXml(claveAcceso)}</claveAccesoConsultada><numeroComprobantes>${entradas.length}</numeroComprobantes>${
      entradas.length === 0
        ? '<autorizaciones/>'
        : `<autorizaciones>${entradas
            .map(
              (e) =>
                `<autorizacion><estado>${escaparXml(e.estado)}</estado>${
                  e.numeroAutorizacion === null
                    ? ''
                    : `<numeroAutorizacion>${escaparXml(e.numeroAutorizacion)}</numeroAutorizacion>`
                }${
                  e.fechaAutorizacion === null
                    ? ''
                    : `<fechaAutorizacion>${escaparXml(e.fechaAutorizacion)}</fechaAutorizacion>`
                }<ambiente>${escaparXml(e.ambiente)}</ambiente>${
                  e.comprobante === null
                    ? ''
                    : `<comprobante>${escaparXml(e.comprobante)}</comprobante>`
                }${mensajesXml(e.mensajes)}</autorizacion>`,
            )
            .join('')}</autorizaciones>`
    }</RespuestaAutorizacionComprobante></ns2:autorizacionComprobanteResponse>`,
  );

/** SOAP 1.1 Fault, as CXF sends it with HTTP 500. */
export const respuestaFault = (faultcode: string, faultstring: string): string =>
  sobreSoap(
    `<soap:Fault><faultcode>${escaparXml(faultcode)}</faultcode><faultstring>${escaparXml(faultstring)}</faultstring></soap:Fault>`,
  );

/**
 * `fechaAutorizacion` in Ecuador time, as the SRI writes it.
 * @example fechaAutorizacionEcuador(new Date('2024-10-07T18:48:46Z')) // '2024-10-07T13:48:46-05:00'
 */
export const fechaAutorizacionEcuador = (instante: Date): string => {
  // Ecuador has no daylight saving: a fixed −05:00 offset is exact.
  const local = new Date(instante.getTime() - 5 * 60 * 60 * 1000);
  return `${local.toISOString().slice(0, 19)}-05:00`;
};
