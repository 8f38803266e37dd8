import { describe, expect, it } from 'vitest';
import { actualizacionVerificable, publicadoresDe } from './firma';

const CON = `provider: generic
url: https://actualizaciones.example/mostrador/
channel: latest
publisherName:
  - Mostrador Cia. Ltda.
updaterCacheDirName: mostrador-updater
`;

describe('actualizacionVerificable', () => {
  it('Windows solo con el editor en app-update.yml', () => {
    expect(publicadoresDe(CON)).toEqual(['Mostrador Cia. Ltda.']);
    expect(publicadoresDe("publisherName: 'Otra S.A.'\n")).toEqual(['Otra S.A.']);
    expect(actualizacionVerificable('win32', CON).ok).toBe(true);
    const sin = actualizacionVerificable('win32', CON.replace(/publisherName:\n.*\n/, ''));
    expect(sin.ok ? null : sin.error.code).toBe('actualizacion_no_verificable');
    expect(actualizacionVerificable('win32', null).ok).toBe(false);
  });

  it('macOS verifica siempre (Squirrel.Mac); Linux no se ofrece', () => {
    expect(actualizacionVerificable('darwin', null).ok).toBe(true);
    const linux = actualizacionVerificable('linux', CON);
    expect(linux.ok ? '' : linux.error.message).toContain('no se actualiza solo');
  });
});
