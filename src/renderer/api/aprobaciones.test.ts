import { describe, expect, it } from 'vitest';
import type { MostradorApi } from '../../shared/contract';
import { ok, type Result } from '../../shared/result';
import { conAprobacionDeUnSoloUso } from './aprobaciones';

const fake = () => {
  const enviadas: { name: string; input: unknown }[] = [];
  const api = {
    call: async (name: string, input: unknown): Promise<Result<unknown>> => {
      enviadas.push({ name, input });
      return name === 'aprobaciones.solicitar'
        ? ok({ token: 't'.repeat(43), venceEn: '', aprobadoPor: { id: 'u', nombre: 'Jorge' } })
        : ok({ estado: 'MANUAL_REVIEW' });
    },
    subscribe: () => () => {},
  } as unknown as MostradorApi;
  return { api: conAprobacionDeUnSoloUso(api), enviadas };
};

describe('conAprobacionDeUnSoloUso', () => {
  it('cambia el PIN por una aprobación de un solo uso para esa llamada y sus datos', async () => {
    const { api, enviadas } = fake();
    await api.call('conciliacion.marcar', {
      id: 'd1',
      accion: 'revision_manual',
      motivo: 'Revisar con el SRI',
      autorizacion: { usuarioId: 'u', pin: '5678' },
    });
    expect(enviadas).toEqual([
      {
        name: 'aprobaciones.solicitar',
        input: {
          usuarioId: 'u',
          pin: '5678',
          accion: 'conciliacion.marcar',
          entrada: { id: 'd1', accion: 'revision_manual', motivo: 'Revisar con el SRI' },
        },
      },
      {
        name: 'conciliacion.marcar',
        input: {
          id: 'd1',
          accion: 'revision_manual',
          motivo: 'Revisar con el SRI',
          autorizacion: { token: 't'.repeat(43) },
        },
      },
    ]);
    // The PIN went only to the approval.
    expect(JSON.stringify(enviadas[1])).not.toContain('5678');
  });

  it('deja pasar sin cambios las llamadas sin aprobación', async () => {
    const { api, enviadas } = fake();
    await api.call('caja.movimiento', { tipo: 'entrada', montoCentavos: 100, motivo: 'Cambio' });
    expect(enviadas.map((e) => e.name)).toEqual(['caja.movimiento']);
  });
});
