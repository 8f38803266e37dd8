/**
 * «Exportar diagnóstico» (issue 11 §5): logs and database statistics, without personal data
 * or key material, from a store that has sold to an identified buyer and imported its firma.
 */

import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDir } from '../../src/main/db/testing';
import { createFileLogger, teeLogger } from '../../src/main/diagnostico';
import { createMemoryLogger, systemClock } from '../../src/main/log';
import { adminAuthorization, type DemoApp, startDemoApp, waitForAuthorized } from './release-app';

let tmp: { dir: string; cleanup: () => void };
let demo: DemoApp;
let buyer: { tipo: string; identificacion: string; razonSocial: string };
const dataDir = () => path.join(tmp.dir, 'datos');

beforeAll(async () => {
  tmp = createTempDir('mostrador-diag-');
  const logger = teeLogger(
    createMemoryLogger(),
    createFileLogger({ dir: path.join(dataDir(), 'logs'), clock: systemClock }),
  );
  demo = await startDemoApp(dataDir(), { logger });
  const row = demo.app.db.sqlite
    .prepare<[], { tipo: '04' | '05' | '06' | '08'; identificacion: string; razonSocial: string }>(
      "SELECT tipo_identificacion AS tipo, identificacion, razon_social AS razonSocial FROM buyer WHERE tipo_identificacion = '05' LIMIT 1",
    )
    .get();
  if (row === undefined) throw new Error('la tienda de demostración no tiene compradores');
  buyer = row;
  const product = demo.app.db.sqlite
    .prepare<[], { id: string; price: number }>(
      'SELECT id, unit_price_micro AS price FROM product WHERE is_weighed = 0 LIMIT 1',
    )
    .get();
  const carrito = {
    comprador: {
      tipoIdentificacion: row.tipo,
      identificacion: row.identificacion,
      razonSocial: row.razonSocial,
    },
    lineas: [
      { productoId: product?.id ?? '', cantidad: '1', precioUnitarioMicros: product?.price ?? 0 },
    ],
  };
  const calculo = await demo.app.call('ventas.calcular', carrito, 'interno');
  if (!calculo.ok) throw new Error(calculo.error.message);
  const total = (calculo.value as { totales: { totalCentavos: number } }).totales.totalCentavos;
  const cobro = await demo.app.call(
    'ventas.cobrar',
    { ...carrito, ventaId: randomUUID(), pagos: [{ formaPago: '01', montoCentavos: total }] },
    'interno',
  );
  if (!cobro.ok) throw new Error(cobro.error.message);
  await waitForAuthorized(demo.app, 1);
  // An old log line written before redaction existed, with a secret and a buyer in it.
  writeFileSync(
    path.join(dataDir(), 'logs', 'mostrador.1.log'),
    `antiguo password=hunter2 comprador ${row.identificacion} p12 ${demo.certificate.p12.toString('base64')}\n`,
  );
});
afterAll(async () => {
  await demo.app.close();
  tmp.cleanup();
});

describe('exportar diagnóstico', () => {
  it('reúne registros y estadísticas sin datos personales ni material de claves', async () => {
    const result = await demo.app.call('diagnostico.exportar', { descargar: true }, 'interno');
    if (!result.ok) throw new Error(result.error.message);
    const value = result.value as { archivo: string; contenidoBase64: string; bytes: number };
    expect(Buffer.from(value.contenidoBase64, 'base64')).toEqual(readFileSync(value.archivo));

    const out = path.join(tmp.dir, 'zip');
    expect(spawnSync('unzip', ['-q', value.archivo, '-d', out]).status).toBe(0);
    expect(readdirSync(path.join(out, 'logs')).sort()).toEqual([
      'mostrador.1.log',
      'mostrador.log',
    ]);
    const resumen = JSON.parse(readFileSync(path.join(out, 'diagnostico.json'), 'utf8'));
    expect(resumen.baseDeDatos.pragmas.quick_check).toBe('ok');
    expect(resumen.baseDeDatos.filas.document).toBe(1);
    expect(resumen.baseDeDatos.documentosPorEstado).toEqual({ '01 AUTHORIZED': 1 });
    expect(resumen.versiones.mostrador).toMatch(/^\d+\.\d+\.\d+/);

    const everything = [
      readFileSync(path.join(out, 'diagnostico.json'), 'utf8'),
      readFileSync(path.join(out, 'logs', 'mostrador.log'), 'utf8'),
      readFileSync(path.join(out, 'logs', 'mostrador.1.log'), 'utf8'),
    ].join('\n');
    expect(everything).toContain('Aplicación iniciada');
    for (const secret of [
      buyer.razonSocial,
      buyer.identificacion,
      demo.certificate.password,
      demo.certificate.p12.toString('base64').slice(0, 60),
      'hunter2',
      '<factura',
      '<?xml',
      'BEGIN',
      '9012',
    ]) {
      expect(everything, secret).not.toContain(secret);
    }
  });

  it('archivo.exportar entrega el ZIP para descargar desde el navegador', async () => {
    const hoy = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Guayaquil' }).format(
      new Date(),
    );
    const result = await demo.app.call(
      'archivo.exportar',
      { desde: hoy, hasta: hoy, descargar: true },
      'interno',
    );
    if (!result.ok) throw new Error(result.error.message);
    const value = result.value as {
      archivo: string;
      nombre: string;
      documentos: number;
      contenidoBase64: string;
    };
    expect(value.documentos).toBe(1);
    expect(value.nombre).toMatch(/^comprobantes-.*\.zip$/);
    expect(value.archivo.startsWith(path.join(dataDir(), 'exportaciones'))).toBe(true);
    expect(Buffer.from(value.contenidoBase64, 'base64')).toEqual(readFileSync(value.archivo));
    const vacio = await demo.app.call(
      'archivo.exportar',
      { desde: '2001-01-01', hasta: '2001-01-02' },
      'interno',
    );
    expect(vacio.ok ? null : vacio.error.code).toBe('archivo_vacio');
  });

  it('sin actualizador (navegador) las actualizaciones lo dicen y no instalan nada', async () => {
    const sinAutorizacion = await demo.app.call(
      'actualizaciones.configurar',
      { canal: 'beta' },
      'interno',
    );
    expect(sinAutorizacion.ok ? null : sinAutorizacion.error.code).toBe('autorizacion_requerida');
    const configurado = await demo.app.call(
      'actualizaciones.configurar',
      {
        url: 'https://actualizaciones.example/mostrador/',
        canal: 'beta',
        autorizacion: adminAuthorization(demo.app),
      },
      'interno',
    );
    expect(configurado).toMatchObject({
      ok: true,
      value: { canal: 'beta', url: 'https://actualizaciones.example/mostrador/' },
    });
    const revisado = await demo.app.call('actualizaciones.revisar', {}, 'interno');
    expect(revisado).toMatchObject({ ok: true, value: { estado: { fase: 'error' } } });
    expect(await demo.app.call('app.carritoAbierto', { abierto: true }, 'interno')).toEqual({
      ok: true,
      value: { abierto: true },
    });
    const instalar = await demo.app.call(
      'actualizaciones.instalar',
      { autorizacion: adminAuthorization(demo.app) },
      'interno',
    );
    expect(instalar.ok ? null : instalar.error.code).toBe('sin_actualizacion');
  });
});
