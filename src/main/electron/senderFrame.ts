import { normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where our renderer is loaded from: the built index.html, or Vite's dev server. */
export type TrustedRenderer = { kind: 'file'; indexFile: string } | { kind: 'dev'; origin: string };

/**
 * What IPC knows of the frame that sent a message (`event.senderFrame`); `pantallaCliente`: it
 * belongs to the customer display's window (known by its webContents, not by its URL, which
 * the page could change).
 */
export type SenderFrame = { url: string; isMainFrame: boolean; pantallaCliente?: boolean };

/**
 * Only the top frame of our own page may call main: not an iframe, not a page the window was
 * somehow navigated to, not another file on disk.
 * @example isTrustedSender({ url: 'file:///app/out/renderer/index.html#/cobro', isMainFrame: true }, { kind: 'file', indexFile: '/app/out/renderer/index.html' }) // true
 */
export const isTrustedSender = (frame: SenderFrame | null, trusted: TrustedRenderer): boolean => {
  if (frame === null || !frame.isMainFrame) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  switch (trusted.kind) {
    case 'file': {
      if (url.protocol !== 'file:' || url.host !== '') return false;
      url.search = '';
      url.hash = '';
      try {
        return normalize(fileURLToPath(url)) === normalize(trusted.indexFile);
      } catch {
        return false;
      }
    }
    case 'dev':
      return url.protocol !== 'file:' && url.origin === new URL(trusted.origin).origin;
  }
};
