import { describe, expect, it } from 'vitest';
import { isTrustedSender, type TrustedRenderer } from './senderFrame';

const built: TrustedRenderer = {
  kind: 'file',
  indexFile: '/opt/Mostrador/out/renderer/index.html',
};
const dev: TrustedRenderer = { kind: 'dev', origin: 'http://localhost:5173' };
const top = (url: string) => ({ url, isMainFrame: true });

describe('isTrustedSender', () => {
  it('acepta el index.html compilado, con ruta interna en el hash', () => {
    expect(isTrustedSender(top('file:///opt/Mostrador/out/renderer/index.html'), built)).toBe(true);
    expect(
      isTrustedSender(top('file:///opt/Mostrador/out/renderer/index.html?x=1#/caja'), built),
    ).toBe(true);
  });

  it('rechaza otro archivo local, aunque esté junto al renderer', () => {
    expect(isTrustedSender(top('file:///opt/Mostrador/out/renderer/otro.html'), built)).toBe(false);
    expect(isTrustedSender(top('file:///tmp/index.html'), built)).toBe(false);
    expect(
      isTrustedSender(top('file:///opt/Mostrador/out/renderer/../renderer2/index.html'), built),
    ).toBe(false);
  });

  it('rechaza un file:// con host (ruta de red) aunque la ruta coincida', () => {
    expect(
      isTrustedSender(top('file://servidor/opt/Mostrador/out/renderer/index.html'), built),
    ).toBe(false);
  });

  it('rechaza páginas web y URLs que no se pueden leer', () => {
    expect(isTrustedSender(top('https://evil.example/index.html'), built)).toBe(false);
    expect(isTrustedSender(top('no es una url'), built)).toBe(false);
    expect(isTrustedSender(top(''), built)).toBe(false);
  });

  it('rechaza un iframe aunque tenga nuestra URL, y un marco ya destruido', () => {
    expect(
      isTrustedSender(
        { url: 'file:///opt/Mostrador/out/renderer/index.html', isMainFrame: false },
        built,
      ),
    ).toBe(false);
    expect(isTrustedSender(null, built)).toBe(false);
  });

  it('en desarrollo acepta solo el origen del servidor de Vite', () => {
    expect(isTrustedSender(top('http://localhost:5173/#/cobro'), dev)).toBe(true);
    expect(isTrustedSender(top('http://localhost:5174/'), dev)).toBe(false);
    expect(isTrustedSender(top('http://localhost.evil.example:5173/'), dev)).toBe(false);
    expect(isTrustedSender(top('file:///opt/Mostrador/out/renderer/index.html'), dev)).toBe(false);
  });
});
