import { describe, expect, it } from 'vitest';
import { TOKEN_KEY, type TokenEnv, takeToken } from './token';

const entorno = (href: string, guardado: string | null = null) => {
  const storage = new Map<string, string>();
  if (guardado !== null) storage.set(TOKEN_KEY, guardado);
  const direcciones: string[] = [];
  const env: TokenEnv = {
    href,
    storage: {
      getItem: (k) => storage.get(k) ?? null,
      setItem: (k, v) => {
        storage.set(k, v);
      },
    },
    replaceUrl: (url) => direcciones.push(url),
  };
  return { env, storage, direcciones };
};

describe('token del host del navegador', () => {
  it('toma el token de la dirección, lo guarda en la sesión y lo quita de la barra', () => {
    const { env, storage, direcciones } = entorno('http://127.0.0.1:4310/?token=abc-123_X#caja');
    expect(takeToken(env)).toBe('abc-123_X');
    expect(storage.get(TOKEN_KEY)).toBe('abc-123_X');
    expect(direcciones).toEqual(['/#caja']);
  });

  it('conserva los demás parámetros de la dirección', () => {
    const { env, direcciones } = entorno('http://127.0.0.1:4310/?modo=x&token=t1');
    takeToken(env);
    expect(direcciones).toEqual(['/?modo=x']);
  });

  it('al recargar sin token en la dirección usa el guardado en la sesión', () => {
    const { env, direcciones } = entorno('http://127.0.0.1:4310/', 'guardado');
    expect(takeToken(env)).toBe('guardado');
    expect(direcciones).toEqual([]);
  });

  it('sin token en ningún lado devuelve null', () => {
    expect(takeToken(entorno('http://127.0.0.1:4310/').env)).toBeNull();
  });

  it('un token vacío en la dirección se quita y no reemplaza al guardado', () => {
    const { env, direcciones } = entorno('http://127.0.0.1:4310/?token=', 'guardado');
    expect(takeToken(env)).toBe('guardado');
    expect(direcciones).toEqual(['/']);
  });
});
