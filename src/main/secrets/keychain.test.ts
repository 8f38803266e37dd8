import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log';
import {
  checkKeychainSecret,
  createSystemKeychain,
  describeKeychainFailure,
  MAX_KEYCHAIN_SECRET_BYTES,
} from './keychain';

describe('límite de tamaño del llavero', () => {
  it('acepta un secreto de exactamente 2048 bytes', () => {
    expect(checkKeychainSecret('cuenta', 'a'.repeat(MAX_KEYCHAIN_SECRET_BYTES)).ok).toBe(true);
  });

  it('rechaza 2049 bytes contando UTF-8, no caracteres', () => {
    const result = checkKeychainSecret('cuenta', 'ñ'.repeat(1025));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('secreto_demasiado_grande');
      expect(result.error.message).toMatch(/2050 bytes.*2048/);
    }
  });

  it('el adaptador real rechaza un secreto grande sin tocar el llavero', async () => {
    const logger = createMemoryLogger();
    // A service name nobody uses: if the size check failed to stop it, nothing real is touched.
    const keychain = createSystemKeychain({ logger, service: 'MostradorPruebaTamano' });
    const result = await keychain.set('grande', 'x'.repeat(5 * 1024));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('secreto_demasiado_grande');
    expect(logger.entries).toEqual([]);
  });

  it('rechaza un nombre de cuenta vacío', async () => {
    const keychain = createSystemKeychain({ logger: createMemoryLogger() });
    const result = await keychain.get('');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('cuenta_llavero_invalida');
  });
});

describe('causa del fallo del llavero', () => {
  it('reconoce la falta de D-Bus en el error anidado de la librería', () => {
    const error = new Error('Platform failure: DBus error: Failed to connect to socket /x', {
      cause: new Error('Failed to connect to socket /x: No such file or directory'),
    });
    expect(describeKeychainFailure(error)).toBe('no hay conexión con D-Bus');
  });

  it('reconoce un llavero bloqueado', () => {
    const error = new Error(
      "Couldn't access platform storage: Secret Service: unlock prompt was dismissed",
    );
    expect(describeKeychainFailure(error)).toBe('el llavero está bloqueado');
  });

  it('cae en error de la plataforma para lo desconocido', () => {
    expect(describeKeychainFailure(new Error('algo raro'))).toBe('error de la plataforma');
  });
});
