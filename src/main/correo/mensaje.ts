/**
 * The buyer's e-mail of one authorized document (issue 19): from the store's name, subject
 * «FACTURA 001-001-000000123 de <nombre comercial>», a short Spanish body (plain text and HTML)
 * with the total and the clave de acceso, and two attachments — the SRI's `autorizacion` XML and
 * the A4 RIDE — both named after the clave de acceso. Electron-free; the transport sends it.
 */
import type Mail from 'nodemailer/lib/mailer';
import { err, ok, type Result } from '../../shared/result';
import { autorizacionXml } from '../archivo';
import { formatCents, parseRide, type RideFonts, renderRidePdf } from '../print';

/** What the `document` row holds of an authorized document. */
export type DocumentoAutorizado = {
  claveAcceso: string;
  /** '1' pruebas, '2' producción (tabla 4). */
  ambiente: string;
  numeroAutorizacion: string;
  fechaAutorizacion: string;
  /** The comprobante as the SRI returned it (or our signed bytes when it returned none). */
  comprobante: string;
};

export type OpcionesMensaje = {
  /** The sender's address (the store's mailbox); the display name is the store's. */
  remitente: string;
  /** The display name chosen in Ajustes › Correo; absent or null: the store's name. */
  nombreRemitente?: string | null;
  para: string;
  /** `<…@…>`, fixed before the first attempt so a resend carries the same one. */
  messageId: string;
  fecha: Date;
  logo?: Uint8Array | null;
  fonts?: RideFonts;
};

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The `autorizacion` XML exactly as attached (tests compare the attachment with it). */
export const xmlAutorizado = (doc: DocumentoAutorizado): string =>
  autorizacionXml({
    numeroAutorizacion: doc.numeroAutorizacion,
    fechaAutorizacion: doc.fechaAutorizacion,
    ambiente: doc.ambiente === '2' ? 'PRODUCCIÓN' : 'PRUEBAS',
    comprobante: doc.comprobante,
  });

/**
 * Builds the message (nodemailer's options: the transport or MailComposer turns it into MIME).
 * An error when the stored comprobante cannot be read as a RIDE (a damaged document).
 * @example await construirMensaje(doc, { remitente: 'ventas@tienda.ec', para: 'ana@example.com', messageId: '<x@tienda.ec>', fecha })
 */
export const construirMensaje = async (
  doc: DocumentoAutorizado,
  opciones: OpcionesMensaje,
): Promise<Result<Mail.Options>> => {
  const xml = xmlAutorizado(doc);
  const ride = parseRide(xml, { fechaAutorizacion: doc.fechaAutorizacion });
  if (!ride.ok) {
    return err(
      'correo_documento',
      `No se pudo preparar el correo de ${doc.claveAcceso}: ${ride.error.message}`,
    );
  }
  const r = ride.value;
  const tienda = r.emisor.nombreComercial ?? r.emisor.razonSocial;
  const pdf = await renderRidePdf(r, {
    formato: 'a4',
    logo: opciones.logo ?? null,
    ...(opciones.fonts === undefined ? {} : { fonts: opciones.fonts }),
  });
  const documento = r.tipo === 'factura' ? 'la factura' : 'la nota de crédito';
  const total = `USD ${formatCents(r.totales.total)}`;
  const text = [
    `Estimado/a ${r.comprador.razonSocial}:`,
    '',
    `Adjuntamos ${documento} electrónica ${r.numero} de ${tienda}, autorizada por el SRI.`,
    `Valor total: ${total}`,
    `Clave de acceso: ${r.claveAcceso}`,
    '',
    'Encontrará el comprobante en XML y su representación impresa (RIDE) en PDF.',
    '',
    tienda,
    '',
  ].join('\n');
  const html = [
    '<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"></head><body>',
    `<p>Estimado/a ${escapeHtml(r.comprador.razonSocial)}:</p>`,
    `<p>Adjuntamos ${documento} electrónica <strong>${escapeHtml(r.numero)}</strong> de ${escapeHtml(tienda)}, autorizada por el SRI.</p>`,
    `<p>Valor total: <strong>${escapeHtml(total)}</strong><br>Clave de acceso: <code>${escapeHtml(r.claveAcceso)}</code></p>`,
    '<p>Encontrará el comprobante en XML y su representación impresa (RIDE) en PDF.</p>',
    `<p>${escapeHtml(tienda)}</p>`,
    '</body></html>',
  ].join('\n');
  return ok({
    from: { name: opciones.nombreRemitente ?? tienda, address: opciones.remitente },
    to: opciones.para,
    subject: `${r.titulo} ${r.numero} de ${tienda}`,
    text,
    html,
    messageId: opciones.messageId,
    date: opciones.fecha,
    attachments: [
      {
        filename: `${r.claveAcceso}.xml`,
        content: Buffer.from(xml, 'utf8'),
        contentType: 'application/xml; charset=utf-8',
      },
      {
        filename: `${r.claveAcceso}.pdf`,
        content: Buffer.from(pdf),
        contentType: 'application/pdf',
      },
    ],
  });
};
