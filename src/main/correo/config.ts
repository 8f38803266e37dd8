/**
 * The SMTP server the buyer's e-mails leave through, from `MOSTRADOR_SMTP_URL`
 * (`smtp://user:pass@host:port`, `smtps://…` for TLS from the first byte, `?from=` for the
 * sender's address). TLS is required — STARTTLS on `smtp://`, implicit on `smtps://` — except on
 * the loopback address, where a training room's or a test's mail catcher listens in plain text.
 */
import { err, ok, type Result } from '../../shared/result';

export type SmtpConfig = {
  host: string;
  port: number;
  /** TLS from the first byte (smtps, usually 465). */
  secure: boolean;
  /** Plain text allowed: only on the loopback address (demo, tests). */
  loopback: boolean;
  user: string | null;
  /** Never logged, never written into a job's error. */
  pass: string | null;
  /** The sender's address; the display name is the store's. */
  remitente: string;
  /** The sender's display name (Ajustes › Correo); absent or null: the store's name. */
  nombre?: string | null;
};

export const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

const invalida = (detalle: string): Result<SmtpConfig> =>
  err('correo_config', `La dirección del servidor de correo no es válida: ${detalle}.`);

/**
 * @example parseSmtpUrl('smtp://ventas%40tienda.ec:secreto@mail.tienda.ec:587') // ok({ host: 'mail.tienda.ec', port: 587, secure: false, … })
 */
export const parseSmtpUrl = (texto: string): Result<SmtpConfig> => {
  let url: URL;
  try {
    url = new URL(texto.trim());
  } catch {
    // Not echoed: the text may carry the password.
    return invalida('use smtp://usuario:contraseña@servidor:puerto');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    return invalida('debe empezar con smtp:// o smtps://');
  }
  if (url.hostname === '') return invalida('falta el servidor');
  const secure = url.protocol === 'smtps:';
  const port = url.port === '' ? (secure ? 465 : 587) : Number(url.port);
  const user = url.username === '' ? null : decodeURIComponent(url.username);
  const pass = url.password === '' ? null : decodeURIComponent(url.password);
  const remitente =
    url.searchParams.get('from') ?? (user?.includes('@') ? user : `facturacion@${url.hostname}`);
  if (!/^[^\s@]+@[^\s@]+$/.test(remitente)) return invalida('el remitente (from) no es un correo');
  return ok({
    host: url.hostname,
    port,
    secure,
    loopback: LOOPBACK.has(url.hostname),
    user,
    pass,
    remitente,
  });
};
