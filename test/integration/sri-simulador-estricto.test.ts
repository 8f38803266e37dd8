/**
 * `mostrador sri-simulador` as strict as the SRI (issue 16, item 5), through the real command
 * and SOAP: an XSD-invalid signed comprobante is DEVUELTA 35, wrong totals are DEVUELTA 52
 * and a tampered signature is DEVUELTA 39 (judged after them, at reception: docs/sri.md §7, the
 * simulator); and with --log a restart still knows what it authorized.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { comprobanteDesdeJson, construirXml } from '../../src/main/fiscal';
import { hoyEcuador } from '../../src/main/fiscal/ventanaEmision';
import { silentLogger } from '../../src/main/log';
import { loadSigningIdentity, trySignComprobante } from '../../src/main/signing';
import { createSriClient, endpointsDesdeBase } from '../../src/main/sri';
import { solicitudValidarComprobante } from '../../src/main/sri/soap';
import { modernP12 } from '../fixtures/certs';
import { EJEMPLOS_DIR } from '../fixtures/paths';

const repoRoot = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'mostrador-sri-estricto-'));
const procesos: ChildProcess[] = [];
afterAll(() => {
  for (const p of procesos) if (p.exitCode === null) p.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

const fixture = modernP12({ ruc: '0992345675001' });
const identidad = (() => {
  const loaded = loadSigningIdentity(fixture.p12, fixture.password, new Date());
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.value;
})();

let secuencial = 100;
/** The example factura, dated today (the simulator refuses dates outside the window: 65). */
const facturaXml = (): { xml: string; clave: string } => {
  const json = JSON.parse(readFileSync(join(EJEMPLOS_DIR, 'factura.json'), 'utf8'));
  json.issue_date = hoyEcuador(new Date());
  json.sequential = String(secuencial++).padStart(9, '0');
  const c = comprobanteDesdeJson(json);
  if (!c.ok) throw new Error(c.error.message);
  return { xml: construirXml(c.value), clave: c.value.claveAcceso };
};
const firmar = (xml: string): string => {
  const signed = trySignComprobante(xml, identidad, { signingTime: new Date() });
  if (!signed.ok) throw new Error(signed.error.message);
  return signed.value;
};

const iniciar = async (
  log: string,
  extra: string[] = [],
): Promise<{ url: string; proceso: ChildProcess }> => {
  const proceso = spawn(
    'node',
    ['bin/mostrador.mjs', 'sri-simulador', '--port', '0', '--log', log, ...extra],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  procesos.push(proceso);
  let salida = '';
  proceso.stdout?.setEncoding('utf8');
  for await (const parte of proceso.stdout as AsyncIterable<string>) {
    salida += parte;
    if (salida.includes('\n')) break;
  }
  return { url: salida.trim(), proceso };
};

const cliente = (url: string) =>
  createSriClient({
    endpoints: endpointsDesdeBase(url),
    timeouts: { connectMs: 5_000, responseMs: 20_000 },
    logger: silentLogger,
  });

describe('mostrador sri-simulador, tan estricto como el SRI', () => {
  it('DEVUELTA 35 al XSD, 52 a los totales, 39 a la firma alterada, y recuerda tras reiniciar', async () => {
    const log = join(dir, 'sri.jsonl');
    const primero = await iniciar(log);
    expect(primero.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const sri = cliente(primero.url);

    // XSD-invalid (7 decimals in cantidad), signed: DEVUELTA 35 with the SRI's text, raw SOAP
    const sieteDecimales = facturaXml();
    const invalido = firmar(sieteDecimales.xml.replace(/<cantidad>[^<]*/, '<cantidad>1.1234567'));
    const respuesta = await fetch(sri.endpoints.recepcion, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""' },
      body: solicitudValidarComprobante(invalido),
    });
    const sobre = await respuesta.text();
    expect(sobre).toContain('<estado>DEVUELTA</estado>');
    expect(sobre).toContain('<identificador>35</identificador>');
    expect(sobre).toContain('<mensaje>ARCHIVO NO CUMPLE ESTRUCTURA XML</mensaje>');
    expect(sobre).toMatch(/<informacionAdicional>línea \d+, elemento &lt;cantidad&gt;/);

    // elements out of XSD order, an unknown tipoIdentificacionComprador: 35
    const orden = facturaXml();
    const fueraDeOrden = orden.xml.replace(
      /(<razonSocial>[^<]*<\/razonSocial>)(<nombreComercial>[^<]*<\/nombreComercial>)?(<ruc>[^<]*<\/ruc>)/,
      '$3$1$2',
    );
    expect(fueraDeOrden).not.toBe(orden.xml);
    expect(await sri.validarComprobante(firmar(fueraDeOrden))).toMatchObject({
      kind: 'devuelta',
      mensajes: [{ identificador: '35' }],
    });
    const tipo = facturaXml();
    expect(
      await sri.validarComprobante(
        firmar(
          tipo.xml.replace(/<tipoIdentificacionComprador>\d+/, '<tipoIdentificacionComprador>09'),
        ),
      ),
    ).toMatchObject({ kind: 'devuelta', mensajes: [{ identificador: '35' }] });

    // a control character after signing: not well-formed, 35 before the signature is looked at
    const control = facturaXml();
    const conControl = firmar(control.xml).replace(
      '<razonSocialComprador>',
      '<razonSocialComprador>\u0001',
    );
    expect(await sri.validarComprobante(conControl)).toMatchObject({
      kind: 'devuelta',
      mensajes: [{ identificador: '35', informacionAdicional: expect.stringMatching(/U\+0001/) }],
    });

    // importeTotal that disagrees with lines and payments: DEVUELTA 52
    const totales = facturaXml();
    const malSumado = totales.xml.replace(
      /<importeTotal>(\d+)\.(\d{2})<\/importeTotal>/,
      (_m, e: string, d: string) => `<importeTotal>${Number(e) + 1}.${d}</importeTotal>`,
    );
    expect(malSumado).not.toBe(totales.xml);
    expect(await sri.validarComprobante(firmar(malSumado))).toMatchObject({
      kind: 'devuelta',
      mensajes: [{ identificador: '52', mensaje: 'ERROR EN DIFERENCIAS' }],
    });

    // tampered after signing: DEVUELTA 39 at reception, raw SOAP; the SRI keeps nothing of it
    const alterada = facturaXml();
    const firmada = firmar(alterada.xml);
    const cambiada = firmada.replace(/<razonSocialComprador>(.)/, '<razonSocialComprador>X');
    expect(cambiada).not.toBe(firmada);
    const sobreFirma = await (
      await fetch(sri.endpoints.recepcion, {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""' },
        body: solicitudValidarComprobante(cambiada),
      })
    ).text();
    expect(sobreFirma).toContain('<estado>DEVUELTA</estado>');
    expect(sobreFirma).toContain(`<claveAcceso>${alterada.clave}</claveAcceso>`);
    expect(sobreFirma).toContain('<identificador>39</identificador>');
    expect(sobreFirma).toContain('<mensaje>FIRMA INVALIDA</mensaje>');
    expect(await sri.autorizacionComprobante(alterada.clave)).toMatchObject({
      kind: 'pendiente',
    });
    // after a DEVUELTA the same clave may come back corrected, and is authorized
    expect((await sri.validarComprobante(firmada)).kind).toBe('recibida');
    expect((await sri.autorizacionComprobante(alterada.clave)).kind).toBe('autorizado');

    // a good one is authorized
    const buena = facturaXml();
    expect((await sri.validarComprobante(firmar(buena.xml))).kind).toBe('recibida');
    expect((await sri.autorizacionComprobante(buena.clave)).kind).toBe('autorizado');

    primero.proceso.kill('SIGTERM');
    await once(primero.proceso, 'exit');

    const segundo = await iniciar(log);
    const otra = cliente(segundo.url);
    expect((await otra.autorizacionComprobante(buena.clave)).kind).toBe('autorizado');
    expect(await otra.validarComprobante(firmar(buena.xml))).toMatchObject({
      kind: 'devuelta',
      mensajes: [{ identificador: '43' }],
    });
    segundo.proceso.kill('SIGTERM');
    await once(segundo.proceso, 'exit');
  });

  it('--sin-xsd (solo para medir la cola propia) recibe lo que el XSD devolvería; la firma sigue revisada', async () => {
    const { url } = await iniciar(join(dir, 'sin-xsd.jsonl'), ['--sin-xsd']);
    const sri = cliente(url);
    const orden = facturaXml();
    const fueraDeOrden = orden.xml.replace(
      /(<razonSocial>[^<]*<\/razonSocial>)(<nombreComercial>[^<]*<\/nombreComercial>)?(<ruc>[^<]*<\/ruc>)/,
      '$3$1$2',
    );
    expect(fueraDeOrden).not.toBe(orden.xml);
    expect(await sri.validarComprobante(firmar(fueraDeOrden))).toMatchObject({ kind: 'recibida' });
    const alterada = facturaXml();
    const firmada = firmar(alterada.xml).replace('<totalSinImpuestos>', '<totalSinImpuestos>0');
    expect(await sri.validarComprobante(firmada)).toMatchObject({
      kind: 'devuelta',
      mensajes: [{ identificador: '39' }],
    });
  });
});
