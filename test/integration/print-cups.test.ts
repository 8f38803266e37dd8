/**
 * A USB thermal printer installed in the system (issue 18 §1, CUPS): the print queue sends the
 * same ESC/POS bytes as to a network printer — receipt with the drawer kick, test page, Z report
 * — raw through `lp -d QUEUE -o raw`, after `lpstat` says the printer can print. The fake `lp`
 * and `lpstat` are first on PATH and record arguments and bytes.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../src/main/db/testing';
import { comprobanteDesdeJson, construirXml } from '../../src/main/fiscal';
import { createMemoryLogger } from '../../src/main/log';
import {
  createPrintQueue,
  encodeText,
  PRINTER_PROFILES,
  type PrintQueue,
  parseRide,
  renderEscpos,
} from '../../src/main/print';
import type { ResultadoImpresion } from '../../src/shared/contract/impresion';
import { type FakeCups, startFakeCups } from '../fakes/cups';
import { facturaJsonEjemplo } from '../fixtures/fiscal';

const DRAWER = [0x1b, 0x70, 0, 25, 250];
const DESDE = 'enabled since Wed 02 Dec 2026 10:00:00 -05';

const facturaXml = (): string => {
  const comprobante = comprobanteDesdeJson(facturaJsonEjemplo());
  if (!comprobante.ok) throw new Error(comprobante.error.message);
  return construirXml(comprobante.value);
};

const seed = (db: TestDatabase): void => {
  const at = db.clock.now().toISOString();
  db.sqlite.exec(`
    INSERT INTO issuer (id, ruc, razon_social, direccion_matriz, obligado_contabilidad, ambiente, updated_at)
      VALUES ('iss', '0992345675001', 'COMERCIAL LA ESQUINA S.A.', 'Guayaquil', 1, '1', '${at}');
    INSERT INTO establishment (id, issuer_id, code, address, updated_at) VALUES ('est', 'iss', '001', 'Guayaquil', '${at}');
    INSERT INTO emission_point (id, establishment_id, code, description, updated_at) VALUES ('pto', 'est', '002', 'Caja 2', '${at}');
    INSERT INTO printer (id, name, kind, queue_name, profile, paper, is_default, open_drawer)
      VALUES ('usb', 'Caja USB', 'escpos_spooler', 'TM20', 'tm-t20iii', '80mm', 1, 1);
    INSERT INTO printer (id, name, kind, queue_name, profile, paper, is_default, open_drawer)
      VALUES ('apagada', 'Bodega', 'escpos_spooler', 'USB80', 'tm-t20iii', '80mm', 0, 0);
  `);
  db.sqlite
    .prepare(
      `INSERT INTO document (id, cod_doc, version, ambiente, emission_point_id, estab, pto_emi, secuencial,
         clave_acceso, fecha_emision, buyer_tipo, buyer_identificacion, buyer_razon_social, subtotal_cents,
         descuento_cents, iva_cents, total_cents, status, signed_xml, created_at, updated_at)
       VALUES ('doc-1', '01', '1.1.0', '1', 'pto', '001', '002', 1, ?, '2026-11-20', '05', '0926687856',
         'María José Ñañez', 1419, 50, 190, 1609, 'SIGNED', ?, ?, ?)`,
    )
    .run('1'.padStart(49, '0'), facturaXml(), at, at);
};

let cups: FakeCups;
let db: TestDatabase;
let queue: PrintQueue;
let avisos: ResultadoImpresion[];

beforeAll(() => {
  cups = startFakeCups();
  cups.setColas({
    TM20: `printer TM20 is idle.  ${DESDE}`,
    USB80: `printer USB80 is idle.  ${DESDE}\n\tWaiting for printer to become available.`,
  });
});
afterAll(() => cups.close());

beforeEach(() => {
  db = openTestDatabase();
  seed(db);
  avisos = [];
  queue = createPrintQueue({
    db,
    clock: db.clock,
    logger: createMemoryLogger(),
    delivery: { raw: { platform: 'linux', cups: { env: cups.env } } },
    random: () => 0.5,
    alCambiar: (r) => avisos.push(r),
  });
});
afterEach(async () => {
  await queue.stop();
  db.sqlite.close();
});

describe('ESC/POS por la cola de CUPS', () => {
  it('el RIDE de una venta en efectivo llega entero por «lp -o raw», con el pulso del cajón', async () => {
    const antes = cups.trabajos().length;
    expect(queue.enqueue({ kind: 'ride', documentId: 'doc-1' }).ok).toBe(true);
    expect(await queue.runOnce()).toBe(1);
    const trabajo = cups.trabajos()[antes];
    expect(trabajo?.args).toEqual(['-d', 'TM20', '-o', 'raw']);
    const ride = parseRide(facturaXml());
    if (!ride.ok) throw new Error(ride.error.message);
    const esperado = renderEscpos(ride.value, {
      profile: PRINTER_PROFILES['tm-t20iii'],
      cajon: true,
    });
    expect(Buffer.from(trabajo?.bytes ?? []).equals(Buffer.from(esperado))).toBe(true);
    expect(Buffer.from(trabajo?.bytes ?? []).includes(Buffer.from(DRAWER))).toBe(true);
    expect(avisos.at(-1)).toMatchObject({ resultado: 'impreso', mensaje: 'Impreso.' });
    expect(queue.jobs()[0]).toMatchObject({ status: 'done', savedAsPdf: false });
  });

  it('la página de prueba y el reporte Z salen por la misma cola en ESC/POS', async () => {
    const antes = cups.trabajos().length;
    queue.enqueue({ kind: 'test' });
    queue.enqueue({
      kind: 'z_report',
      payload: { titulo: 'REPORTE Z', lineas: ['Ventas $16.09'] },
    });
    expect(await queue.runOnce()).toBe(2);
    const [prueba, z] = cups.trabajos().slice(antes);
    expect(prueba?.args).toEqual(['-d', 'TM20', '-o', 'raw']);
    expect(
      Buffer.from(prueba?.bytes ?? []).includes(
        Buffer.from(encodeText('Español: ñ Ñ á é í ó ú Á É Í Ó Ú ü Ü ¿ ¡', 'PC858')),
      ),
    ).toBe(true);
    expect(
      Buffer.from(z?.bytes ?? []).includes(Buffer.from(encodeText('Ventas $16.09', 'PC858'))),
    ).toBe(true);
    // ESC @ first: ESC/POS, not a PDF.
    expect(Array.from(z?.bytes ?? []).slice(0, 2)).toEqual([0x1b, 0x40]);
  });

  it('con la impresora apagada no deja nada en la cola del sistema y dice «No se imprimió: …»', async () => {
    const antes = cups.trabajos().length;
    queue.enqueue({ kind: 'ride', documentId: 'doc-1', printerId: 'apagada' });
    await queue.runOnce();
    expect(cups.trabajos()).toHaveLength(antes);
    expect(avisos.at(-1)).toMatchObject({
      resultado: 'no_impreso',
      mensaje:
        'No se imprimió: la impresora «USB80» está apagada o desconectada. Revise el cable y que esté encendida. Se reintentará solo.',
      reintentable: true,
    });
  });
});
