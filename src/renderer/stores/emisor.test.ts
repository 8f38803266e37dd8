import { describe, expect, it } from 'vitest';
import type { TiendaConfig } from '../../shared/contract/ajustes';
import { err, ok, type Result } from '../../shared/result';
import { createEmisorStore, type EmisorApi, leerSecuencial } from './emisor';

/** Only what the store reads of a configuration; the rest is the real call's business. */
const tienda = (advertencias: string[]): TiendaConfig =>
  ({ advertencias, emisor: null, secuenciales: [] }) as unknown as TiendaConfig;

/** A fake main: records each call and answers from a table the test fills. */
const fakeApi = (respuestas: Record<string, (input: unknown) => Result<unknown>>) => {
  const llamadas: { name: string; input: unknown }[] = [];
  const api: EmisorApi = {
    call: async (name, input) => {
      llamadas.push({ name, input });
      const responder = respuestas[name];
      if (responder === undefined) return err('interno', `sin respuesta para ${name}`);
      return responder(input) as never;
    },
  };
  return { api, llamadas };
};

const emisor = {
  ruc: '0992345678001',
  razonSocial: 'Tienda Sofía',
  direccionMatriz: 'Guayaquil',
  nombreComercial: null,
  obligadoContabilidad: false,
  contribuyenteEspecial: null,
  agenteRetencion: null,
  regimen: null,
};

describe('store de Ajustes › Emisor', () => {
  it('guarda el emisor, publica la configuración nueva y recuerda sus advertencias', async () => {
    const publicadas: TiendaConfig[] = [];
    const { api, llamadas } = fakeApi({
      'ajustes.guardarEmisor': () => ok(tienda(['El dígito verificador del RUC no cuadra.'])),
    });
    const store = createEmisorStore(api, (t) => publicadas.push(t));
    const aprobacion = { usuarioId: 'u1', pin: '9012' };
    expect(await store.getState().guardarEmisor(emisor, aprobacion)).toBeNull();
    expect(llamadas).toEqual([
      { name: 'ajustes.guardarEmisor', input: { emisor, autorizacion: aprobacion } },
    ]);
    expect(publicadas).toHaveLength(1);
    expect(store.getState().advertencias).toEqual(['El dígito verificador del RUC no cuadra.']);
  });

  it('sin usuarios todavía (la bienvenida) no envía aprobación; un error no publica nada', async () => {
    const publicadas: TiendaConfig[] = [];
    const { api, llamadas } = fakeApi({
      'ajustes.guardarPuntoEmision': () => err('ajuste_invalido', 'El código tiene 3 dígitos.'),
    });
    const store = createEmisorStore(api, (t) => publicadas.push(t));
    const fallo = await store.getState().guardarPunto({
      establecimiento: { codigo: '1', direccion: 'Guayaquil' },
      puntoEmision: { codigo: '001', descripcion: 'Caja 1' },
    });
    expect(fallo?.message).toBe('El código tiene 3 dígitos.');
    expect(llamadas[0]?.input).toEqual({
      establecimiento: { codigo: '1', direccion: 'Guayaquil', nombreComercial: null },
      puntoEmision: { codigo: '001', descripcion: 'Caja 1' },
    });
    expect(publicadas).toEqual([]);
  });

  it('pasar a producción lleva la confirmación; volver a pruebas no', async () => {
    const { api, llamadas } = fakeApi({ 'ajustes.cambiarAmbiente': () => ok(tienda([])) });
    const store = createEmisorStore(api, () => {});
    await store.getState().cambiarAmbiente('produccion', { usuarioId: 'u1', pin: '9012' });
    await store.getState().cambiarAmbiente('pruebas');
    expect(llamadas.map((l) => l.input)).toEqual([
      {
        ambiente: 'produccion',
        confirmarProduccion: true,
        autorizacion: { usuarioId: 'u1', pin: '9012' },
      },
      { ambiente: 'pruebas' },
    ]);
  });

  it('lee el secuencial antes de pedir la aprobación', () => {
    expect(leerSecuencial(' 42 ')).toEqual({ ok: true, value: 42 });
    for (const malo of ['0', '', 'diez', '1234567890', '1.5']) {
      expect(leerSecuencial(malo).ok, malo).toBe(false);
    }
    const r = leerSecuencial('0');
    expect(r.ok ? '' : r.error.message).toBe('El secuencial es un número de 1 a 999999999.');
  });
});
