/**
 * Keeps secrets and personal data out of logs and diagnostics (issue 11 §5). Values under
 * sensitive keys are masked whatever they hold; long base64 runs (a p12, a key, a signature),
 * PEM blocks and XML documents are masked wherever they appear.
 */

export const MASK = '[oculto]';

/** Keys whose values never leave the process: secrets and buyer data. */
const SENSITIVE_KEY =
  /pass(word)?|contrase|^pin$|pin[_-]?hash|p12|pfx|api[_-]?key|token|secret|bearer|authorization|private|privada|cookie|razon[_-]?social|identificacion|email|correo|telefono|direccion|buyer[_-]?(name|id)/i;

/** Base64 this long is a blob (a p12 is kilobytes); ids and claves de acceso are shorter. */
const BASE64_RUN = /[A-Za-z0-9+/_-]{120,}={0,2}/g;
const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----/g;
const XML_DOCUMENT = /<\?xml[\s\S]*|<(factura|notaCredito|autorizacion|soap:Envelope)[\s>][\s\S]*/g;
const SECRET_PAIR =
  /\b(password|contraseña|pin|token|api[_-]?key|secret)(["']?\s*[:=]\s*["']?)([^\s"',;&]+)/gi;

/**
 * Masks secrets inside free text (a log line that was not structured).
 * @example redactarTexto('token=abc123 listo') // 'token=[oculto] listo'
 */
export const redactarTexto = (text: string): string =>
  text
    .replace(PEM_BLOCK, '[bloque PEM oculto]')
    .replace(XML_DOCUMENT, '[XML oculto]')
    .replace(BASE64_RUN, (run) => `[base64 oculto: ${run.length} caracteres]`)
    .replace(SECRET_PAIR, (_all, key: string, sep: string) => `${key}${sep}${MASK}`);

/**
 * A copy of `value` with sensitive keys masked and every string passed through `redactarTexto`.
 * @example redactar({ pin: '1234', nota: 'ok' }) // { pin: '[oculto]', nota: 'ok' }
 */
export const redactar = (value: unknown, depth = 0): unknown => {
  if (depth > 8) return '[anidado]';
  if (typeof value === 'string') return redactarTexto(value);
  if (value instanceof Uint8Array) return `[binario oculto: ${value.length} bytes]`;
  if (Array.isArray(value)) return value.map((item) => redactar(item, depth + 1));
  if (value instanceof Error) return redactarTexto(value.message);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = SENSITIVE_KEY.test(key) ? MASK : redactar(inner, depth + 1);
    }
    return out;
  }
  return value;
};
