/**
 * The renderer's Content-Security-Policy, sent as a header by the browser host and by the
 * Electron session. `src/renderer/index.html` carries the same policy in a meta tag (minus
 * `frame-ancestors`, which browsers ignore there).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * Electron in development loads the renderer from Vite's dev server, whose React refresh
 * preamble is an inline script and whose HMR talks over a WebSocket. Never used in a build.
 */
export const DEV_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "script-src 'self'",
  "script-src 'self' 'unsafe-inline'",
)
  .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
  .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* http://localhost:*");
