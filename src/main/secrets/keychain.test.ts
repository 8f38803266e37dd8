import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log';
import {
  checkKeychainSecret,
  createSystemKeychain,
  describeKeychainFailure,
  MAX_KEYCHAIN_SECRET_BYTES,
  mensajeFallaLlavero,
  WINDOWS_CREDENTIAL_BLOB_BYTES,
} from './keychain';

describe('límite de tamaño del llavero', () => {
  it('acepta 2048 bytes UTF-8 que caben en el límite UTF-16 de Windows', () => {
    // 1,024 × 'ñ' = 2,048 UTF-8 bytes and 2,048 UTF-16 bytes.
    const secret = 'ñ'.repeat(1024);
    expect(Buffer.byteLength(secret)).toBe(MAX_KEYCHAIN_SECRET_BYTES);
    expect(checkKeychainSecret('cuenta', secret).ok).toBe(true);
  });

  it('rechaza 2049 bytes contando UTF-8, no caracteres', () => {
    const result = checkKeychainSecret('cuenta', `${'ñ'.repeat(1024)}a`);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('secreto_demasiado_grande');
      expect(result.error.message).toMatch(/2049 bytes.*2048/);
    }
  });

  it('rechaza un secreto ASCII que en UTF-16 supera los 2560 bytes de Windows', () => {
    expect(checkKeychainSecret('cuenta', 'a'.repeat(WINDOWS_CREDENTIAL_BLOB_BYTES / 2)).ok).toBe(
      true,
    );
    const result = checkKeychainSecret('cuenta', 'a'.repeat(WINDOWS_CREDENTIAL_BLOB_BYTES / 2 + 1));
    expect(result.ok ? null : result.error.code).toBe('secreto_demasiado_grande');
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
    expect(describeKeychainFailure(error)).toBe('sin_servicio');
  });

  it('reconoce un llavero bloqueado', () => {
    const error = new Error(
      "Couldn't access platform storage: Secret Service: unlock prompt was dismissed",
    );
    expect(describeKeychainFailure(error)).toBe('bloqueado');
  });

  it('cae en «otra» para lo desconocido', () => {
    expect(describeKeychainFailure(new Error('algo raro'))).toBe('otra');
  });

  it('explica cada falla en palabras de todos los días, sin términos técnicos ni contradicciones', () => {
    for (const falla of ['sin_servicio', 'bloqueado', 'acceso_negado', 'tamano', 'otra'] as const) {
      const mensaje = mensajeFallaLlavero(falla);
      expect(mensaje).not.toMatch(/D-?Bus|Secret Service|plataforma|No se encontró/i);
      expect(mensaje).toMatch(/llavero de contraseñas/);
    }
    expect(mensajeFallaLlavero('bloqueado')).toMatch(/Desbloquéelo/);
    expect(mensajeFallaLlavero('sin_servicio')).toMatch(/Pedir la contraseña cada vez/);
  });
});
