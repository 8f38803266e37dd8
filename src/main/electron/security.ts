import { app, session } from 'electron';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from '../app/index';
import type { Logger } from '../log';

/**
 * Process-wide hardening, before any window exists: every renderer sandboxed, navigation,
 * new windows, webviews and permission prompts denied, the CSP sent as a header too.
 */
export const hardenElectron = (options: { logger: Logger }): void => {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      event.preventDefault();
      // Only the scheme is logged: a URL may carry anything, including secrets.
      options.logger.warn('Navegación bloqueada', { esquema: url.split(':', 1)[0] ?? '' });
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
};

/** Session rules that need the app to be ready. */
export const hardenSession = (options: { dev: boolean }): void => {
  const policy = options.dev ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [policy],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
};
