/**
 * Who may point the sync somewhere else, and where (issue 15 item 2): the server receives the
 * stored API key and buyers' data, so only https is accepted; plain http only to this machine
 * in training mode (the fakes of the tests and demos listen on 127.0.0.1).
 */
import { err, ok, type Result } from '../../shared/result';

const LOCALES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** @example urlFactioPermitida('http://factio.example/', false) // err('url_insegura', …) */
export const urlFactioPermitida = (url: string | null, modoPractica: boolean): Result<void> => {
  if (url === null) return ok(undefined);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return err('url_invalida', 'Escriba una dirección https:// válida.', 'url');
  }
  if (parsed.protocol === 'https:') return ok(undefined);
  if (parsed.protocol === 'http:' && modoPractica && LOCALES.has(parsed.hostname)) {
    return ok(undefined);
  }
  return err(
    'url_insegura',
    'Factio solo se configura con una dirección https://: por ella viajan la clave de la API y los datos de los compradores. (http:// solo hacia 127.0.0.1 en modo capacitación.)',
    'url',
  );
};

/** What the audit keeps of a server address: its origin, never a user or password in it. */
export const origenDe = (url: string | null): string | null => {
  if (url === null) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};
