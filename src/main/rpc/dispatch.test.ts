import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { calls } from '../../shared/contract';
import { ok } from '../../shared/result';
import { createMemoryLogger } from '../log';
import { dispatch, type Handlers, INTERNAL_ERROR_MESSAGE } from './dispatch';
import { formatIssues } from './validation';

const estado = {
  version: '1.2.3',
  ambiente: 'pruebas',
  backendSri: 'simulador',
  enLinea: true,
  outboxPendientes: 0,
  ultimoErrorSri: null,
  tienda: null,
} as const;

/** Every call answers «unexpected» except the ones given; counts invocations. */
const handlersWith = (overrides: Record<string, (input: unknown) => unknown>) => {
  const invoked: string[] = [];
  const table: Record<string, (input: unknown) => unknown> = {};
  for (const name of Object.keys(calls)) {
    table[name] = (input) => {
      invoked.push(name);
      const override = overrides[name];
      if (override === undefined) throw new Error(`llamada inesperada: ${name}`);
      return override(input);
    };
  }
  // The test table covers every name of the contract at runtime; its types are erased on purpose.
  return { handlers: table as unknown as Handlers, invoked };
};

const ctx = () => {
  const logger = createMemoryLogger();
  return { logger, ctx: { transport: 'interno' as const, logger } };
};

describe('dispatch', () => {
  it('responde llamada_desconocida a un nombre que no está en el contrato', async () => {
    const { handlers, invoked } = handlersWith({});
    const result = await dispatch(handlers, 'ventas.borrarTodo', {}, ctx().ctx);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'llamada_desconocida',
        message: 'La operación «ventas.borrarTodo» no existe.',
      },
    });
    expect(invoked).toEqual([]);
  });

  it('no confunde propiedades heredadas de Object con llamadas', async () => {
    const { handlers } = handlersWith({});
    const result = await dispatch(handlers, 'toString', {}, ctx().ctx);
    expect(result.ok || result.error.code).toBe('llamada_desconocida');
  });

  it('no llama al manejador cuando la entrada no cumple el esquema', async () => {
    const { handlers, invoked } = handlersWith({ 'app.estado': () => ok(estado) });
    const result = await dispatch(handlers, 'app.estado', { sobra: 1 }, ctx().ctx);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'validacion',
        message: 'El campo «sobra» no está permitido.',
        field: 'sobra',
      },
    });
    expect(invoked).toEqual([]);
  });

  it('rechaza una entrada que no es objeto con un mensaje en español', async () => {
    const { handlers, invoked } = handlersWith({ 'app.estado': () => ok(estado) });
    const result = await dispatch(handlers, 'app.estado', 'hola', ctx().ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('validacion');
      expect(result.error.message).toBe(
        'Los datos enviados no son válidos: se esperaba objeto, recibido texto.',
      );
    }
    expect(invoked).toEqual([]);
  });

  it('devuelve el valor del manejador cuando la entrada es válida', async () => {
    const { handlers, invoked } = handlersWith({ 'app.estado': () => ok(estado) });
    const result = await dispatch(handlers, 'app.estado', {}, ctx().ctx);
    expect(result).toEqual({ ok: true, value: estado });
    expect(invoked).toEqual(['app.estado']);
  });

  it('convierte una excepción del manejador en error interno y la registra sin la entrada', async () => {
    const { handlers } = handlersWith({
      'app.estado': () => {
        throw new Error('disco lleno');
      },
    });
    const { logger, ctx: context } = ctx();
    const result = await dispatch(handlers, 'app.estado', {}, context);
    expect(result).toEqual({
      ok: false,
      error: { code: 'interno', message: INTERNAL_ERROR_MESSAGE },
    });
    expect(logger.entries).toHaveLength(1);
    expect(logger.entries[0]).toMatchObject({
      level: 'error',
      data: { call: 'app.estado', error: 'disco lleno' },
    });
    expect(logger.entries[0]?.data).not.toHaveProperty('input');
  });

  it('convierte un rechazo asíncrono del manejador en error interno', async () => {
    const { handlers } = handlersWith({ 'app.estado': async () => Promise.reject(new Error('x')) });
    const result = await dispatch(handlers, 'app.estado', {}, ctx().ctx);
    expect(result.ok || result.error.code).toBe('interno');
  });

  it('detecta en desarrollo una salida que no cumple el contrato', async () => {
    const { handlers } = handlersWith({ 'app.estado': () => ok({ ...estado, enLinea: 'sí' }) });
    const { logger, ctx: context } = ctx();
    const checked = await dispatch(handlers, 'app.estado', {}, context, { checkOutput: true });
    expect(checked.ok || checked.error.code).toBe('interno');
    expect(logger.entries[0]?.message).toBe('La respuesta de una llamada no cumple el contrato');
    const unchecked = await dispatch(handlers, 'app.estado', {}, context, { checkOutput: false });
    expect(unchecked.ok).toBe(true);
  });

  it('deja pasar los errores esperados del manejador tal cual', async () => {
    const failure = { ok: false, error: { code: 'sin_emisor', message: 'Configure el emisor.' } };
    const { handlers } = handlersWith({ 'app.estado': () => failure });
    const result = await dispatch(handlers, 'app.estado', {}, ctx().ctx, { checkOutput: true });
    expect(result).toEqual(failure);
  });
});

describe('formatIssues', () => {
  const schema = z.object({
    comprador: z.object({ identificacion: z.string().min(10) }),
    lineas: z.array(z.object({ cantidad: z.number() })),
  });

  it('nombra la ruta completa del campo anidado', () => {
    const parsed = schema.safeParse({
      comprador: { identificacion: '0102030405' },
      lineas: [{ cantidad: 1 }, { cantidad: 'dos' }],
    });
    expect(parsed.success).toBe(false);
    if (!parsed.success) {
      expect(formatIssues(parsed.error.issues)).toEqual({
        field: 'lineas.1.cantidad',
        message: 'El campo «lineas.1.cantidad» no es válido: se esperaba número, recibido texto.',
      });
    }
  });

  it('cuenta los demás problemas cuando hay varios', () => {
    const parsed = schema.safeParse({ comprador: { identificacion: '1' }, lineas: 'x' });
    expect(parsed.success).toBe(false);
    if (!parsed.success) {
      expect(formatIssues(parsed.error.issues).message).toMatch(/\(y 1 problema más\)\.$/u);
    }
  });

  it('conserva el mensaje propio de un refine', () => {
    const ruc = z.object({
      ruc: z.string().refine((v) => v.length === 13, 'El RUC tiene 13 dígitos'),
    });
    const parsed = ruc.safeParse({ ruc: '123' });
    expect(parsed.success).toBe(false);
    if (!parsed.success) {
      expect(formatIssues(parsed.error.issues).message).toBe(
        'El campo «ruc» no es válido: El RUC tiene 13 dígitos.',
      );
    }
  });
});
