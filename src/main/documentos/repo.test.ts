import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../db/testing';
import { cambiarEstado } from './repo';

let db: TestDatabase;

const seed = (status: string, buyerEmail: string | null = null): void => {
  const at = db.clock.now().toISOString();
  db.sqlite.exec(`
    INSERT INTO issuer (id, ruc, razon_social, direccion_matriz, obligado_contabilidad, ambiente, updated_at)
      VALUES ('i1', '0992345675001', 'COMERCIAL LA ESQUINA S.A.', 'Guayaquil', 1, '1', '${at}');
    INSERT INTO establishment (id, issuer_id, code, address, updated_at) VALUES ('e1', 'i1', '001', 'Guayaquil', '${at}');
    INSERT INTO emission_point (id, establishment_id, code, description, updated_at) VALUES ('p1', 'e1', '001', 'Caja 1', '${at}');
  `);
  db.sqlite
    .prepare(
      `INSERT INTO document (id, cod_doc, version, ambiente, emission_point_id, estab, pto_emi, secuencial,
         clave_acceso, fecha_emision, buyer_tipo, buyer_identificacion, buyer_razon_social,
         subtotal_cents, descuento_cents, iva_cents, total_cents, status, signed_xml, last_sri_message,
         buyer_email, created_at, updated_at)
       VALUES ('d1', '01', '1.1.0', '1', 'p1', '001', '001', 1, ?, '2026-11-25', '07', '9999999999999',
         'CONSUMIDOR FINAL', 100, 0, 15, 115, ?, '<factura/>', 'ERROR 70', ?, ?, ?)`,
    )
    .run('1'.padStart(49, '0'), status, buyerEmail, at, at);
};

const document = () =>
  db.sqlite
    .prepare('SELECT status, last_sri_message AS mensaje FROM document WHERE id = ?')
    .get('d1');
const history = () =>
  db.sqlite
    .prepare(
      `SELECT from_status AS desde, to_status AS hacia, source, detail, user_id AS userId
       FROM document_status_history WHERE document_id = 'd1' ORDER BY id`,
    )
    .all();

beforeEach(() => {
  db = openTestDatabase();
});
afterEach(() => db.sqlite.close());

describe('cambiarEstado', () => {
  it('mueve el documento según la máquina de estados y escribe su fila de historial', () => {
    seed('AUTHORIZED');
    const r = cambiarEstado(db.sqlite, {
      documentId: 'd1',
      desde: 'AUTHORIZED',
      evento: 'anulado_por_nc',
      at: db.clock.now().toISOString(),
      source: 'local',
      detalle: 'Devolución total',
      userId: null,
    });
    expect(r).toEqual({ ok: true, value: 'VOIDED_BY_NC' });
    // Without an SRI message the last one stays.
    expect(document()).toEqual({ status: 'VOIDED_BY_NC', mensaje: 'ERROR 70' });
    expect(history()).toEqual([
      {
        desde: 'AUTHORIZED',
        hacia: 'VOIDED_BY_NC',
        source: 'local',
        detail: 'Devolución total',
        userId: null,
      },
    ]);
  });

  it('rechaza un cambio que la máquina de estados no permite y no escribe nada', () => {
    seed('SIGNED');
    const r = cambiarEstado(db.sqlite, {
      documentId: 'd1',
      desde: 'SIGNED',
      evento: 'autorizado',
      at: db.clock.now().toISOString(),
      source: 'sri',
      detalle: null,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'transicion_invalida' } });
    expect(document()).toEqual({ status: 'SIGNED', mensaje: 'ERROR 70' });
    expect(history()).toEqual([]);
  });

  it('si el documento ya no está en el estado leído no lo mueve ni escribe historial', () => {
    seed('MANUAL_REVIEW_REQUIRED');
    const r = cambiarEstado(db.sqlite, {
      documentId: 'd1',
      desde: 'AUTHORIZED',
      evento: 'anulado_por_nc',
      at: db.clock.now().toISOString(),
      source: 'local',
      detalle: null,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'documento_cambio' } });
    expect(document()).toEqual({ status: 'MANUAL_REVIEW_REQUIRED', mensaje: 'ERROR 70' });
    expect(history()).toEqual([]);
  });

  it('guarda el último mensaje del SRI cuando el paso trae uno', () => {
    seed('SUBMITTED_TO_SRI');
    const r = cambiarEstado(db.sqlite, {
      documentId: 'd1',
      desde: 'SUBMITTED_TO_SRI',
      evento: 'devuelta_permanente',
      at: db.clock.now().toISOString(),
      source: 'sri',
      detalle: 'ERROR 35',
      mensajesSri: '[{"identificador":"35"}]',
      ultimoMensajeSri: 'ERROR 35',
    });
    expect(r).toEqual({ ok: true, value: 'REJECTED' });
    expect(document()).toEqual({ status: 'REJECTED', mensaje: 'ERROR 35' });
  });
});

describe('cambiarEstado hacia AUTHORIZED encola el correo al comprador', () => {
  const jobs = () =>
    db.sqlite
      .prepare("SELECT document_id AS d, payload FROM outbox_job WHERE kind = 'email'")
      .all();
  const entregas = () =>
    db.sqlite
      .prepare('SELECT document_id AS d, recipient, status, message_id AS m FROM email_delivery')
      .all();
  const autorizar = () =>
    cambiarEstado(db.sqlite, {
      documentId: 'd1',
      desde: 'AUTHORIZATION_PENDING',
      evento: 'autorizado',
      at: db.clock.now().toISOString(),
      source: 'sri',
      detalle: null,
    });

  it('con correo del comprador: trabajo y entrega pendiente en la misma transacción', () => {
    seed('AUTHORIZATION_PENDING', ' ana.pérez@example.com ');
    expect(autorizar()).toEqual({ ok: true, value: 'AUTHORIZED' });
    expect(jobs()).toEqual([{ d: 'd1', payload: '{"para":"ana.pérez@example.com"}' }]);
    expect(entregas()).toEqual([
      { d: 'd1', recipient: 'ana.pérez@example.com', status: 'pendiente', m: null },
    ]);
  });

  it('si la transacción se deshace no queda ni el estado ni el correo', () => {
    seed('AUTHORIZATION_PENDING', 'ana@example.com');
    expect(() =>
      db.sqlite.transaction(() => {
        autorizar();
        throw new Error('se cayó el disco');
      })(),
    ).toThrow('se cayó el disco');
    expect(document()).toMatchObject({ status: 'AUTHORIZATION_PENDING' });
    expect(jobs()).toEqual([]);
    expect(entregas()).toEqual([]);
  });

  it('sin correo, o con uno inválido, no encola nada', () => {
    seed('AUTHORIZATION_PENDING', 'ana en gmail');
    expect(autorizar()).toEqual({ ok: true, value: 'AUTHORIZED' });
    expect(jobs()).toEqual([]);
    expect(entregas()).toEqual([]);
  });

  it('volver a AUTHORIZED tras una anulación rechazada no envía otra vez', () => {
    seed('AUTHORIZATION_PENDING', 'ana@example.com');
    autorizar();
    const at = db.clock.now().toISOString();
    const base = { documentId: 'd1', at, source: 'local', detalle: null } as const;
    cambiarEstado(db.sqlite, { ...base, desde: 'AUTHORIZED', evento: 'anulacion_solicitada' });
    expect(
      cambiarEstado(db.sqlite, {
        ...base,
        desde: 'CANCELLATION_REQUESTED',
        evento: 'anulacion_rechazada',
      }),
    ).toEqual({ ok: true, value: 'AUTHORIZED' });
    expect(jobs()).toHaveLength(1);
  });
});
