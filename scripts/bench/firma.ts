// `npm run bench -- firma [--n 1000]`: signs the same N facturas (the fiscal builder's output)
// with our signer and with ec-sri-invoice-signer (the baseline most Node projects use), same
// p12, one process, and prints ms/doc for each and the ratio; then the cost of one XSD validation
// (xmllint-wasm, as `firmar DOC.xml` and the simulator run it). Benchmarks print; never assert.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signInvoiceXml } from 'ec-sri-invoice-signer';
import { comprobanteDesdeJson, construirXml } from '../../src/main/fiscal';
import {
  loadSigningIdentity,
  signComprobante,
  verifyComprobanteSignature,
} from '../../src/main/signing';
import { problemaDeEsquema } from '../../src/main/sri/esquema';
import { modernP12 } from '../../test/fixtures/certs';
import { EJEMPLOS_DIR } from '../../test/fixtures/paths';
import { line, summarize } from './_percentiles';

const facturas = (n: number): string[] => {
  const example = JSON.parse(readFileSync(join(EJEMPLOS_DIR, 'factura.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const docs: string[] = [];
  for (let i = 1; i <= n; i++) {
    const parsed = comprobanteDesdeJson({ ...example, sequential: String(i).padStart(9, '0') });
    if (!parsed.ok) throw new Error(parsed.error.message);
    docs.push(construirXml(parsed.value));
  }
  return docs;
};

const timeEach = (
  docs: string[],
  sign: (xml: string) => string,
): { msPerDoc: number; first: string } => {
  let first = '';
  const start = process.hrtime.bigint();
  for (const [index, xml] of docs.entries()) {
    const signed = sign(xml);
    if (index === 0) first = signed;
  }
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  return { msPerDoc: elapsed / docs.length, first };
};

export const run = async (args: string[]): Promise<void> => {
  const at = args.indexOf('--n');
  const n = at === -1 ? 1000 : Number(args[at + 1]);
  const fixture = modernP12({ ruc: '0992345675001', razonSocial: 'COMERCIAL LA ESQUINA S.A.' });
  const docs = facturas(n);
  console.log(
    `firma: ${n} facturas de ${docs[0]?.length ?? 0} bytes, p12 moderno (AES-256/PBKDF2), RSA 2048`,
  );

  const loadStart = process.hrtime.bigint();
  const identity = loadSigningIdentity(fixture.p12, fixture.password, new Date());
  const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
  if (!identity.ok) throw new Error(identity.error.message);

  const ours = (xml: string) => signComprobante(xml, identity.value, { signingTime: new Date() });
  const baseline = (xml: string) =>
    signInvoiceXml(xml, fixture.p12, { pkcs12Password: fixture.password });

  // Warm both up (JIT, lazy requires) before measuring.
  const warm = docs.slice(0, 5);
  for (const xml of warm) {
    ours(xml);
    baseline(xml);
  }
  const mine = timeEach(docs, ours);
  const theirs = timeEach(docs, baseline);
  for (const [name, signed] of [
    ['mostrador', mine.first],
    ['ec-sri-invoice-signer', theirs.first],
  ] as const) {
    const checked = verifyComprobanteSignature(signed);
    console.log(
      `  verificación de la primera firma (${name}): ${checked.ok ? 'válida' : checked.error.message}`,
    );
  }
  console.log(`  carga del p12 (una vez): ${loadMs.toFixed(1)} ms`);
  console.log(`  mostrador:             ${mine.msPerDoc.toFixed(3)} ms/doc`);
  console.log(`  ec-sri-invoice-signer: ${theirs.msPerDoc.toFixed(3)} ms/doc`);
  console.log(
    `  razón: ${(theirs.msPerDoc / mine.msPerDoc).toFixed(1)}× más rápido (objetivo ≥ 20×)`,
  );

  // XSD validation of a signed factura (signature stripped, XML 1.0 check first): the first call
  // compiles the WebAssembly module; the rest instantiate it.
  const xsdStart = performance.now();
  const primero = await problemaDeEsquema(mine.first);
  const xsdPrimeraMs = performance.now() - xsdStart;
  if (primero !== null) throw new Error(`La factura firmada no cumple el XSD: ${primero.mensaje}`);
  const muestras: number[] = [];
  for (let i = 0; i < Math.min(200, n); i++) {
    const inicio = performance.now();
    const problema = await problemaDeEsquema(mine.first);
    muestras.push(performance.now() - inicio);
    if (problema !== null) throw new Error(problema.mensaje);
  }
  console.log(`  validación XSD, primera (compila el módulo WASM): ${xsdPrimeraMs.toFixed(1)} ms`);
  console.log(`  ${line('validación XSD de una factura firmada', summarize(muestras))}`);
};
