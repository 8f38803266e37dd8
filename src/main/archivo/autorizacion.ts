/**
 * The `autorizacion` element as the SRI returns it from autorizaciónComprobante (docs/sri.md §7):
 * estado, número and fecha de autorización, ambiente and the comprobante. Archived beside the
 * signed XML because the authorization is what gives the document its fiscal validity.
 */

export type Autorizacion = {
  numeroAutorizacion: string;
  fechaAutorizacion: string;
  ambiente: 'PRUEBAS' | 'PRODUCCIÓN';
  /** The signed comprobante exactly as authorized. */
  comprobante: string;
};

const escapeText = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** CDATA cannot hold `]]>`: split it across two sections (the text read back is identical). */
const cdata = (text: string): string => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

/**
 * @example autorizacionXml({ numeroAutorizacion: clave, fechaAutorizacion: '2025-03-14T10:20:30-05:00', ambiente: 'PRUEBAS', comprobante: xml })
 */
export const autorizacionXml = (autorizacion: Autorizacion): string =>
  [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<autorizacion>',
    '  <estado>AUTORIZADO</estado>',
    `  <numeroAutorizacion>${escapeText(autorizacion.numeroAutorizacion)}</numeroAutorizacion>`,
    `  <fechaAutorizacion>${escapeText(autorizacion.fechaAutorizacion)}</fechaAutorizacion>`,
    `  <ambiente>${autorizacion.ambiente}</ambiente>`,
    `  <comprobante>${cdata(autorizacion.comprobante)}</comprobante>`,
    '  <mensajes/>',
    '</autorizacion>',
    '',
  ].join('\n');
