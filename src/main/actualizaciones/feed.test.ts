import { describe, expect, it } from 'vitest';
import { feedFileName, parseFeed } from './feed';

const SHA = `${'A'.repeat(86)}==`;

describe('latest.yml', () => {
  it('lee el archivo que publica electron-builder', () => {
    const text = [
      'version: 1.3.0',
      'files:',
      '  - url: Mostrador-Setup-1.3.0.exe',
      `    sha512: ${SHA}`,
      '    size: 81234567',
      '  - url: Mostrador-1.3.0.AppImage',
      `    sha512: ${SHA}`,
      '    size: 99',
      'path: Mostrador-Setup-1.3.0.exe',
      `sha512: ${SHA}`,
      "releaseDate: '2025-03-14T15:00:00.000Z'",
      'stagingPercentage: 25',
      'releaseNotes: |',
      '  Corrige el vuelto.',
      '  Nueva impresora.',
      '',
    ].join('\n');
    expect(parseFeed(text)).toEqual({
      ok: true,
      value: {
        version: '1.3.0',
        files: [
          { url: 'Mostrador-Setup-1.3.0.exe', sha512: SHA, size: 81234567 },
          { url: 'Mostrador-1.3.0.AppImage', sha512: SHA, size: 99 },
        ],
        releaseDate: '2025-03-14T15:00:00.000Z',
        stagingPercentage: 25,
        releaseNotes: 'Corrige el vuelto.\nNueva impresora.\n',
      },
    });
  });

  it('acepta el formato antiguo con solo path y sha512', () => {
    const parsed = parseFeed(`version: 1.0.1\npath: M.exe\nsha512: ${SHA}\n`);
    expect(parsed.ok && parsed.value.files).toEqual([{ url: 'M.exe', sha512: SHA, size: null }]);
  });

  it('rechaza una versión no semántica, un instalador sin huella o sin archivos', () => {
    for (const text of [
      `version: latest\npath: M.exe\nsha512: ${SHA}\n`,
      'version: 1.0.0\nfiles:\n  - url: M.exe\n    size: 3\n',
      'version: 1.0.0\n',
      '<html>mantenimiento</html>',
    ]) {
      const parsed = parseFeed(text);
      expect(parsed.ok ? null : parsed.error.code).toBe('feed_invalido');
    }
  });

  it('nombra el archivo del canal como electron-updater', () => {
    expect(feedFileName('estable', 'win32')).toBe('latest.yml');
    expect(feedFileName('estable', 'linux')).toBe('latest-linux.yml');
    expect(feedFileName('beta', 'darwin')).toBe('beta-mac.yml');
  });
});
