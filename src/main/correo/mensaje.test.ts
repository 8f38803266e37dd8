import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it } from 'vitest';
import { SRI_SAMPLES_DIR } from '../../../test/fixtures/paths';
import { construirMensaje, type DocumentoAutorizado, xmlAutorizado } from './mensaje';

const muestra = (archivo: string): string => readFileSync(join(SRI_SAMPLES_DIR, archivo), 'utf8');

const FACTURA: DocumentoAutorizado = {
  claveAcceso: '1804202401123456789000110010010000000051234567816',
  ambiente: '1',
  numeroAutorizacion: '1804202401123456789000110010010000000051234567816',
  fechaAutorizacion: '2024-04-18T10:20:30-05:00',
  comprobante: muestra('factura_V1.1.0_prueba_firmada-XAdES-BES.xml'),
};

const compilar = async (doc: DocumentoAutorizado, para = 'Añez Núñez <ana.nunez@example.com>') => {
  const mensaje = await construirMensaje(doc, {
    remitente: 'ventas@tienda.example',
    para,
    messageId: '<abc123@tienda.example>',
    fecha: new Date('2024-04-18T15:21:00Z'),
  });
  if (!mensaje.ok) throw new Error(mensaje.error.message);
  return simpleParser(await new MailComposer(mensaje.value).compile().build());
};

const textoPdf = (pdf: Buffer): string => {
  const dir = mkdtempSync(join(tmpdir(), 'correo-'));
  try {
    writeFileSync(join(dir, 'ride.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'ride.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

describe('construirMensaje', () => {
  it('arma la factura: remitente con el nombre de la tienda, asunto, cuerpo y los dos adjuntos', async () => {
    const m = await compilar(FACTURA);
    expect(m.from?.value).toEqual([{ name: '1500932445001', address: 'ventas@tienda.example' }]);
    expect(m.to && !Array.isArray(m.to) ? m.to.value : null).toEqual([
      { name: 'Añez Núñez', address: 'ana.nunez@example.com' },
    ]);
    expect(m.subject).toBe('FACTURA 001-001-000000005 de 1500932445001');
    expect(m.messageId).toBe('<abc123@tienda.example>');
    expect(m.text).toContain('Valor total: USD 44.56');
    expect(m.text).toContain(`Clave de acceso: ${FACTURA.claveAcceso}`);
    expect(m.html).toContain(FACTURA.claveAcceso);
    expect(m.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      [`${FACTURA.claveAcceso}.xml`, 'application/xml'],
      [`${FACTURA.claveAcceso}.pdf`, 'application/pdf'],
    ]);
    const [xml, pdf] = m.attachments;
    // The XML byte for byte: the SRI's autorizacion with the comprobante in CDATA.
    expect(xml?.content.equals(Buffer.from(xmlAutorizado(FACTURA), 'utf8'))).toBe(true);
    expect(xml?.content.toString('utf8')).toContain('<estado>AUTORIZADO</estado>');
    expect(textoPdf(pdf?.content ?? Buffer.alloc(0)).replace(/\s/g, '')).toContain(
      FACTURA.claveAcceso,
    );
  });

  it('la nota de crédito lleva su nombre en el asunto', async () => {
    const nc: DocumentoAutorizado = {
      ...FACTURA,
      claveAcceso: '2712202404123456789100110010010000000028694560211',
      numeroAutorizacion: '2712202404123456789100110010010000000028694560211',
      comprobante: muestra('notaCredito_V1.1.0_prueba_firmada-XAdES-BES.xml'),
    };
    const m = await compilar(nc, 'cliente@example.com');
    expect(m.subject).toBe('NOTA DE CRÉDITO 001-001-000000002 de ABC');
    expect(m.text).toContain('la nota de crédito electrónica');
    expect(m.text).toContain('USD 115.00');
  });

  it('un comprobante ilegible no arma un correo a medias', async () => {
    const r = await construirMensaje(
      { ...FACTURA, comprobante: '<factura/>' },
      {
        remitente: 'ventas@tienda.example',
        para: 'a@example.com',
        messageId: '<x@y>',
        fecha: new Date(),
      },
    );
    expect(r.ok).toBe(false);
  });
});
