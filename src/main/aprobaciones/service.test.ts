import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AppUser, createUser } from '../db';
import { openTestDatabase, type TestDatabase } from '../db/testing';
import { autorizar } from '../sesion';
import { llamadasConCampo } from './enLinea';
import { ROL_APROBACION } from './reglas';
import { createAprobaciones, VIGENCIA_APROBACION_MS } from './service';

let db: TestDatabase;
let supervisor: AppUser;

beforeEach(async () => {
  db = openTestDatabase();
  supervisor = await createUser(
    db,
    { nombre: 'Jorge', rol: 'supervisor', pin: '5678' },
    { clock: db.clock, ids: db.ids },
  );
});
afterEach(() => db.close());

const servicio = () =>
  createAprobaciones({
    db,
    clock: db.clock,
    verificarPin: (c, rol, accion) => autorizar(db, c, rol, { clock: db.clock, accion }),
  });

const entrada = { tipo: 'salida', montoCentavos: 100, motivo: 'Depósito' };

describe('aprobaciones de un solo uso', () => {
  it('vencen pasado un minuto', async () => {
    const a = servicio();
    const emitida = await a.solicitar({
      usuarioId: supervisor.id,
      pin: '5678',
      accion: 'caja.movimiento',
      entrada,
    });
    if (!emitida.ok) throw new Error(emitida.error.message);
    db.clock.advance(VIGENCIA_APROBACION_MS);
    const usada = a.consumir(emitida.value.token, 'caja.movimiento', entrada);
    expect(!usada.ok && usada.error.code).toBe('aprobacion_vencida');
  });

  it('no se emiten para operaciones que no llevan aprobación', async () => {
    const r = await servicio().solicitar({
      usuarioId: supervisor.id,
      pin: '5678',
      accion: 'sesion.cerrar',
      entrada: {},
    });
    expect(!r.ok && r.error.code).toBe('sin_aprobacion');
  });

  it('toda llamada del contrato que lleva aprobación tiene su rol mínimo', () => {
    const conAprobacion = [
      ...llamadasConCampo('autorizacion'),
      ...llamadasConCampo('aprobacion'),
    ].sort();
    expect(conAprobacion.length).toBeGreaterThan(10);
    expect(Object.keys(ROL_APROBACION).sort()).toEqual(conAprobacion);
  });
});
