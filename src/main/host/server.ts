import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { isCallName } from '../../shared/contract';
import {
  MAX_PROPUESTA_CORREO_BYTES,
  type PantallaCliente,
} from '../../shared/contract/pantallaCliente';
import { type AppError, err, ok, type Result } from '../../shared/result';
import type { App } from '../app';
import { CONTENT_SECURITY_POLICY } from '../app/index';
import type { Logger } from '../log';

/** Largest request body accepted by `/api/call/*`. */
export const MAX_BODY_BYTES = 1024 * 1024;
const HEARTBEAT_MS = 15_000;
/** After a 413 the rest of the body is discarded unread for at most this long, then the socket is cut. */
const DISCARD_GRACE_MS = 1_000;

export type HostOptions = {
  app: Pick<App, 'call' | 'events'> & {
    /** What the customer display shows now; without it the display waits for the next change. */
    pantallaCliente?: () => PantallaCliente | null;
    /** The buyer's e-mail from the display (`POST /api/cliente/correo`); absent: refused. */
    proponerCorreoCliente?: (entrada: unknown) => Result<{ enviado: true }>;
  };
  /** The built renderer (`out/renderer`). */
  staticDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Per-start secret; a random 32-byte base64url token when omitted. */
  token?: string;
  logger: Logger;
  /** SSE heartbeat period; 15 s unless a test needs it shorter. */
  heartbeatMs?: number;
};

export type Host = {
  /** `http://127.0.0.1:<port>/?token=<token>`: what the user opens. */
  url: string;
  /**
   * The customer display (`/cliente`), with its own token: it opens only the display's event
   * stream; every call with it is refused (issue 18 §6).
   */
  urlCliente: string;
  port: number;
  token: string;
  close: () => Promise<void>;
};

/** Name of the cookie that carries the per-start token after the first page load. */
export const COOKIE_TOKEN = 'mostrador_token';
/** The customer display's cookie: a different token, good for its event stream only. */
export const COOKIE_CLIENTE = 'mostrador_cliente';

const securityHeaders = {
  'X-Content-Type-Options': 'nosniff',
  // The token travels in the page URL; never leak it through Referer.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

const sendJson = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
};

const sendError = (
  res: ServerResponse,
  status: number,
  error: AppError,
  headers: Record<string, string> = {},
): void => {
  sendJson(res, status, { ok: false, error }, headers);
};

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

type BodyOutcome =
  | { kind: 'ok'; text: string }
  | { kind: 'too_large' }
  | { kind: 'invalid_utf8' }
  | { kind: 'aborted' };

/** Reads at most `MAX_BODY_BYTES`; beyond that it stops collecting and reports `too_large`. */
const readBody = (req: IncomingMessage, max = MAX_BODY_BYTES): Promise<BodyOutcome> =>
  new Promise((done) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) {
      done({ kind: 'too_large' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    const finish = (outcome: BodyOutcome): void => {
      if (finished) return;
      finished = true;
      req.off('data', onData);
      done(outcome);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > max) {
        chunks.length = 0;
        finish({ kind: 'too_large' });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      try {
        const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
        finish({ kind: 'ok', text });
      } catch {
        finish({ kind: 'invalid_utf8' });
      }
    });
    req.once('error', () => finish({ kind: 'aborted' }));
    req.once('close', () => finish({ kind: 'aborted' }));
  });

/**
 * Answers 413 at once and discards (never buffers) whatever the client is still sending, for a
 * short grace so it can read the answer; then the connection is cut.
 */
const rejectTooLarge = (req: IncomingMessage, res: ServerResponse, max = MAX_BODY_BYTES): void => {
  req.on('data', () => {});
  req.resume();
  const cut = setTimeout(() => req.socket.destroy(), DISCARD_GRACE_MS);
  cut.unref();
  req.once('end', () => clearTimeout(cut));
  sendError(
    res,
    413,
    {
      code: 'cuerpo_demasiado_grande',
      message:
        max >= 1024 * 1024
          ? `La solicitud supera el máximo de ${max / (1024 * 1024)} MB.`
          : `La solicitud supera el máximo de ${max} bytes.`,
    },
    { Connection: 'close' },
  );
};

const parseJson = (text: string): Result<unknown> => {
  if (text.trim() === '') {
    return err('json_invalido', 'El cuerpo de la solicitud está vacío; se esperaba JSON.');
  }
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return err('json_invalido', `El cuerpo de la solicitud no es JSON válido (${detail}).`);
  }
};

/**
 * The browser host: the built renderer plus the contract over HTTP (`POST /api/call/<name>`)
 * and server-sent events (`GET /api/events`), on 127.0.0.1 only, behind a per-start token.
 * @example const host = await createHost({ app, staticDir: 'out/renderer', logger })
 */
export const createHost = async (options: HostOptions): Promise<Result<Host>> => {
  const { app, logger } = options;
  const token = options.token ?? randomBytes(32).toString('base64url');
  const tokenDigest = digest(token);
  const staticRoot = resolve(options.staticDir);
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const streams = new Set<ServerResponse>();
  let allowedHosts = new Set<string>();

  const tokenMatches = (given: string | null | undefined): boolean =>
    typeof given === 'string' && timingSafeEqual(digest(given), tokenDigest);
  const tokenCliente = randomBytes(32).toString('base64url');
  const tokenClienteDigest = digest(tokenCliente);
  const tokenClienteMatches = (given: string | null | undefined): boolean =>
    typeof given === 'string' && timingSafeEqual(digest(given), tokenClienteDigest);

  const bearer = (req: IncomingMessage): string | undefined => {
    const match = /^Bearer\s+(\S+)\s*$/iu.exec(req.headers.authorization ?? '');
    return match?.[1];
  };

  /** The token the first page load exchanged for an HttpOnly cookie (issue 15 item 11). */
  const deCookie = (req: IncomingMessage, cookie = COOKIE_TOKEN): string | undefined => {
    for (const parte of (req.headers.cookie ?? '').split(';')) {
      const [nombre, ...valor] = parte.trim().split('=');
      if (nombre === cookie) return valor.join('=');
    }
    return undefined;
  };

  /** The customer display's stream: its current picture, then each change; nothing else. */
  const handleEventsCliente = (req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n: conectado\n\n');
    streams.add(res);
    const enviar = (payload: PantallaCliente): void => {
      res.write(`event: pantallaCliente\ndata: ${JSON.stringify(payload)}\n\n`);
    };
    const inicial = app.pantallaCliente?.() ?? null;
    if (inicial !== null) enviar(inicial);
    const unsubscribe = app.events.subscribe('pantallaCliente', enviar);
    const heartbeat = setInterval(() => res.write(': latido\n\n'), heartbeatMs);
    heartbeat.unref();
    const cleanup = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    };
    req.once('close', cleanup);
    res.once('close', cleanup);
  };
  /**
   * The display's one message (issue 19 §4): the buyer's e-mail for the cart on screen. Its own
   * cookie only (never the cashier's token), a small body, and main's answer as is: main checks
   * the address, the request on screen and the pace, and only tells the cashier.
   */
  const handleCorreoCliente = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req, MAX_PROPUESTA_CORREO_BYTES);
    switch (body.kind) {
      case 'aborted':
        return;
      case 'too_large':
        rejectTooLarge(req, res, MAX_PROPUESTA_CORREO_BYTES);
        return;
      case 'invalid_utf8':
        sendError(res, 400, {
          code: 'json_invalido',
          message: 'El cuerpo de la solicitud no está codificado en UTF-8.',
        });
        return;
      case 'ok': {
        const input = parseJson(body.text);
        if (!input.ok) {
          sendError(res, 400, input.error);
          return;
        }
        const r =
          app.proponerCorreoCliente?.(input.value) ??
          err('correo_no_pedido', 'Ahora no hay una compra que pida su correo.');
        if (r.ok) {
          sendJson(res, 200, r);
          return;
        }
        const status =
          r.error.code === 'limite' ? 429 : r.error.code === 'correo_no_pedido' ? 409 : 400;
        sendJson(res, status, r);
        return;
      }
    }
  };
  const autorizado = (req: IncomingMessage, enUrl: string | null = null): boolean =>
    tokenMatches(bearer(req)) || tokenMatches(deCookie(req)) || tokenMatches(enUrl);

  const handleEvents = (req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n: conectado\n\n');
    streams.add(res);
    const unsubscribe = app.events.subscribeAll((name, payload) => {
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': latido\n\n'), heartbeatMs);
    heartbeat.unref();
    let cleaned = false;
    const cleanup = (): void => {
      if (cleaned) return;
      cleaned = true;
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    };
    req.once('close', cleanup);
    res.once('close', cleanup);
  };

  const handleCall = async (
    req: IncomingMessage,
    res: ServerResponse,
    name: string,
  ): Promise<void> => {
    if (!isCallName(name)) {
      sendError(res, 404, {
        code: 'llamada_desconocida',
        message: `La operación «${name}» no existe.`,
      });
      return;
    }
    const body = await readBody(req);
    switch (body.kind) {
      case 'aborted':
        return;
      case 'too_large':
        rejectTooLarge(req, res);
        return;
      case 'invalid_utf8':
        sendError(res, 400, {
          code: 'json_invalido',
          message: 'El cuerpo de la solicitud no está codificado en UTF-8.',
        });
        return;
      case 'ok': {
        const input = parseJson(body.text);
        if (!input.ok) {
          sendError(res, 400, input.error);
          return;
        }
        sendJson(res, 200, await app.call(name, input.value, 'http'));
        return;
      }
    }
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    // Browsers mark cross-site requests; a page elsewhere never reaches the API even if it
    // somehow had the token.
    const site = req.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site') {
      sendError(res, 403, { code: 'prohibido', message: 'Solicitud de otro sitio rechazada.' });
      return;
    }
    if (url.pathname === '/api/cliente/events') {
      const dado = deCookie(req, COOKIE_CLIENTE) ?? url.searchParams.get('token');
      if (req.method !== 'GET' || !tokenClienteMatches(dado)) {
        sendError(res, 401, { code: 'no_autorizado', message: 'Falta el token o no es válido.' });
        return;
      }
      handleEventsCliente(req, res);
      return;
    }
    if (url.pathname === '/api/cliente/correo') {
      // The display's cookie only: not the cashier's token, not a token in the URL.
      if (!tokenClienteMatches(deCookie(req, COOKIE_CLIENTE))) {
        sendError(res, 401, { code: 'no_autorizado', message: 'Falta el token o no es válido.' });
        return;
      }
      if (req.method !== 'POST') {
        sendError(res, 405, { code: 'metodo', message: 'Use POST.' }, { Allow: 'POST' });
        return;
      }
      await handleCorreoCliente(req, res);
      return;
    }
    if (url.pathname === '/api/events') {
      if (!autorizado(req, url.searchParams.get('token'))) {
        sendError(res, 401, { code: 'no_autorizado', message: 'Falta el token o no es válido.' });
        return;
      }
      if (req.method !== 'GET') {
        sendError(res, 405, { code: 'metodo', message: 'Use GET.' }, { Allow: 'GET' });
        return;
      }
      handleEvents(req, res);
      return;
    }
    if (!autorizado(req)) {
      sendError(
        res,
        401,
        { code: 'no_autorizado', message: 'Falta el token o no es válido.' },
        { 'WWW-Authenticate': 'Bearer' },
      );
      return;
    }
    const prefix = '/api/call/';
    if (!url.pathname.startsWith(prefix)) {
      sendError(res, 404, { code: 'no_encontrado', message: 'Ruta desconocida.' });
      return;
    }
    if (req.method !== 'POST') {
      sendError(res, 405, { code: 'metodo', message: 'Use POST.' }, { Allow: 'POST' });
      return;
    }
    let name: string;
    try {
      name = decodeURIComponent(url.pathname.slice(prefix.length));
    } catch {
      sendError(res, 404, { code: 'llamada_desconocida', message: 'Operación desconocida.' });
      return;
    }
    await handleCall(req, res, name);
  };

  const resolveStatic = async (pathname: string): Promise<string | null> => {
    const wanted = pathname === '/' ? '/index.html' : pathname;
    const candidate = resolve(join(staticRoot, wanted));
    const inside = (root: string, file: string): boolean => {
      const rel = relative(root, file);
      return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
    };
    if (!inside(staticRoot, candidate)) return null;
    const file = await stat(candidate).then(
      (info) => (info.isFile() ? candidate : null),
      () => null,
    );
    // Paths without an extension are app routes: the renderer decides what they show.
    const chosen = file ?? (extname(wanted) === '' ? join(staticRoot, 'index.html') : null);
    if (chosen === null) return null;
    // Symlinks must not lead outside the build folder.
    const [realRoot, realFile] = await Promise.all([
      realpath(staticRoot),
      realpath(chosen).catch(() => null),
    ]);
    return realFile !== null && inside(realRoot, realFile) ? realFile : null;
  };

  const handleStatic = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 405, { code: 'metodo', message: 'Use GET.' }, { Allow: 'GET, HEAD' });
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      sendError(res, 400, { code: 'ruta_invalida', message: 'Ruta mal codificada.' });
      return;
    }
    if (pathname.includes('\0')) {
      sendError(res, 400, { code: 'ruta_invalida', message: 'Ruta inválida.' });
      return;
    }
    const file = await resolveStatic(pathname);
    if (file === null) {
      sendError(res, 404, { code: 'no_encontrado', message: 'No existe ese archivo.' });
      return;
    }
    const bytes = await readFile(file);
    const isHtml = extname(file) === '.html';
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'Content-Length': bytes.length,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      // Vite fingerprints everything under assets/; the page itself must always be fresh.
      'Cache-Control': isHtml
        ? 'no-store'
        : relative(staticRoot, file).startsWith('assets')
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    req.on('error', () => {});
    res.on('error', () => {});
    // DNS rebinding: a foreign name resolving to 127.0.0.1 still carries its own Host.
    const host = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts.has(host)) {
      sendError(res, 403, { code: 'prohibido', message: 'Host no permitido.' });
      return;
    }
    // CSRF: a browser always names the page that sent a cross-origin request.
    const origin = req.headers.origin;
    if (origin !== undefined && origin.toLowerCase() !== `http://${host}`) {
      sendError(res, 403, { code: 'prohibido', message: 'Origen no permitido.' });
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${host}`);
    } catch {
      sendError(res, 400, { code: 'ruta_invalida', message: 'Ruta inválida.' });
      return;
    }
    // Only the path is logged: the query may hold the token.
    logger.debug('Solicitud HTTP', { method: req.method, path: url.pathname });
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      await handleApi(req, res, url);
    } else if (
      req.method === 'GET' &&
      url.pathname === '/cliente' &&
      tokenClienteMatches(url.searchParams.get('token'))
    ) {
      // The display's URL: its own cookie, which opens its event stream and nothing else.
      res.writeHead(303, {
        ...securityHeaders,
        'Set-Cookie': `${COOKIE_CLIENTE}=${tokenCliente}; HttpOnly; SameSite=Strict; Path=/api/cliente`,
        Location: '/cliente',
        'Cache-Control': 'no-store',
      });
      res.end();
    } else if (req.method === 'GET' && tokenMatches(url.searchParams.get('token'))) {
      // The first URL carries the token: swap it for an HttpOnly, SameSite=Strict cookie and
      // send the browser to the same page without it, so it stays out of history (issue 15).
      url.searchParams.delete('token');
      res.writeHead(303, {
        ...securityHeaders,
        'Set-Cookie': `${COOKIE_TOKEN}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: `${url.pathname}${url.search}`,
        'Cache-Control': 'no-store',
      });
      res.end();
    } else {
      await handleStatic(req, res, url);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error('Error interno del servidor HTTP', {
        error: error instanceof Error ? error.message : String(error),
      });
      if (!res.headersSent) {
        sendError(res, 500, {
          code: 'interno',
          message: 'Ocurrió un error interno. Intente de nuevo.',
        });
      } else {
        res.destroy();
      }
    });
  });
  // Bounds how long a slow client may take to send its request (not the SSE stream).
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;

  const requestedPort = options.port ?? 0;
  const listening = await new Promise<Result<number>>((done) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      if (error.code === 'EADDRINUSE') {
        done(
          err(
            'puerto_ocupado',
            `El puerto ${requestedPort} ya está en uso en 127.0.0.1; elija otro con --port.`,
          ),
        );
      } else if (error.code === 'EACCES') {
        done(err('puerto_no_permitido', `No hay permiso para usar el puerto ${requestedPort}.`));
      } else {
        done(err('servidor', `No se pudo iniciar el servidor: ${error.message}`));
      }
    };
    server.once('error', onError);
    server.listen(requestedPort, '127.0.0.1', () => {
      server.off('error', onError);
      const address = server.address();
      done(
        typeof address === 'object' && address !== null
          ? ok(address.port)
          : err('servidor', 'Sin dirección.'),
      );
    });
  });
  if (!listening.ok) return listening;
  const port = listening.value;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  server.on('error', (error) => logger.error('Error del servidor HTTP', { error: error.message }));

  let closing: Promise<void> | null = null;
  return ok({
    url: `http://127.0.0.1:${port}/?token=${token}`,
    urlCliente: `http://127.0.0.1:${port}/cliente?token=${tokenCliente}`,
    port,
    token,
    close: () => {
      closing ??= new Promise<void>((done) => {
        for (const stream of streams) stream.end();
        streams.clear();
        server.close(() => done());
        server.closeAllConnections();
      });
      return closing;
    },
  });
};
