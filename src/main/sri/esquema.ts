/**
 * Validation of a comprobante against the SRI's own XSD (`resources/sri/xsd/`), as the SRI does
 * on reception (35), for XML that comes from outside the builder (`mostrador firmar DOC.xml`,
 * the simulator). libxml2 compiled to WebAssembly (`xmllint-wasm`, see `xmllint.ts`) runs inside
 * the app with no system library. The sale path does not call it: the builder's output is
 * XSD-valid by construction (property tests).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { err, ok, type Result } from '../../shared/result';
import { findShipped } from '../recursos';
import { checkWellFormed, describeXmlProblem } from '../signing/xml10';
import { precargarXmllint, xmllint } from './xmllint';

/** Starts loading the validator ahead of the first `problemaDeEsquema` (see precargarXmllint). */
export const precargarEsquemas = (): void => precargarXmllint();

/** The first problem, with where it is (as `firmar` and the simulator report it). */
export type ProblemaEsquema = {
  /** `xml_mal_formado` (XML 1.0) or `xml_no_cumple_xsd`. */
  codigo: 'xml_mal_formado' | 'xml_no_cumple_xsd';
  linea: number | null;
  elemento: string | null;
  /** Spanish sentence naming line and element. */
  mensaje: string;
};

const XSD_POR_RAIZ: Record<string, string> = {
  factura: 'factura',
  notaCredito: 'NotaCredito',
  notaDebito: 'NotaDebito',
  comprobanteRetencion: 'ComprobanteRetencion',
  guiaRemision: 'GuiaRemision',
  liquidacionCompra: 'LiquidacionCompra',
};

const DSIG = 'xmldsig-core-schema.xsd';

/** `resources/sri/xsd`: in the installed app's resources, else walking up from this module. */
export const defaultXsdDir = (): string => {
  const found = findShipped(
    path.join('resources', 'sri', 'xsd'),
    DSIG,
    path.dirname(fileURLToPath(import.meta.url)),
  );
  if (found === null) throw new Error(`No se encontró resources/sri/xsd/${DSIG}`);
  return found;
};

const textos = new Map<string, string>();
const leer = (archivo: string): string => {
  let texto = textos.get(archivo);
  if (texto === undefined) {
    texto = readFileSync(archivo, 'utf8');
    textos.set(archivo, texto);
  }
  return texto;
};

const RAIZ = /<([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/;

/** Root element name and its `version` attribute, after the prolog. */
const raizYVersion = (xml: string): { raiz: string; version: string | null } | null => {
  const sinProlog = xml.replace(/^\uFEFF?(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*/, '');
  const match = RAIZ.exec(sinProlog);
  if (match === null || match.index !== 0) return null;
  const version = /\sversion\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(match[2] ?? '');
  return { raiz: match[1] as string, version: version ? (version[1] ?? version[2] ?? '') : null };
};

/** Name of the XSD file for a comprobante, or a Spanish reason when there is none. */
export const xsdDelComprobante = (xml: string, dir: string): Result<string> => {
  const raiz = raizYVersion(xml);
  if (raiz === null) return err('xml_no_cumple_xsd', 'No se encontró el elemento raíz.');
  const base = XSD_POR_RAIZ[raiz.raiz];
  if (base === undefined) {
    return err(
      'xml_no_cumple_xsd',
      `La raíz <${raiz.raiz}> no es un comprobante electrónico del SRI (factura, notaCredito…).`,
    );
  }
  if (raiz.version === null) {
    return err('xml_no_cumple_xsd', `La raíz <${raiz.raiz}> no tiene el atributo version.`);
  }
  const archivo = `${base}_V${raiz.version}.xsd`;
  try {
    if (!/^\d+\.\d+\.\d+$/.test(raiz.version)) throw new Error('versión');
    leer(path.join(dir, archivo));
  } catch {
    return err(
      'xml_no_cumple_xsd',
      `El SRI no tiene esquema para <${raiz.raiz} version="${raiz.version}">.`,
    );
  }
  return ok(archivo);
};

/**
 * The document without its enveloped `ds:Signature` (the SRI's XSDs do not declare it), with
 * the same line numbers before it.
 */
export const sinFirma = (xml: string): string =>
  xml.replace(
    /<([A-Za-z_][\w.-]*:)?Signature[\s>][\s\S]*<\/\1Signature\s*>(?=\s*<\/[^>]+>\s*(?:<!--[\s\S]*?-->|<\?[\s\S]*?\?>|\s)*$)/,
    '',
  );

const problema = (
  codigo: ProblemaEsquema['codigo'],
  linea: number | null,
  elemento: string | null,
  detalle: string,
): ProblemaEsquema => ({
  codigo,
  linea,
  elemento,
  mensaje:
    linea === null
      ? detalle
      : `línea ${linea}${elemento === null ? '' : `, elemento <${elemento}>`}: ${detalle}`,
});

/**
 * First problem of `xml` as the SRI's reception sees it: not well-formed XML 1.0, or not valid
 * against the XSD of its root and version (an enveloped signature is ignored); `null` if none.
 * @example await problemaDeEsquema(xmlConSieteDecimales) // { linea: 68, elemento: 'cantidad', … }
 */
export const problemaDeEsquema = async (
  xml: string,
  dir: string = defaultXsdDir(),
): Promise<ProblemaEsquema | null> => {
  const malFormado = checkWellFormed(xml);
  if (malFormado !== null) {
    return {
      codigo: 'xml_mal_formado',
      linea: malFormado.line,
      elemento: malFormado.element,
      mensaje: describeXmlProblem(malFormado),
    };
  }
  const archivo = xsdDelComprobante(xml, dir);
  if (!archivo.ok) return problema('xml_no_cumple_xsd', null, null, archivo.error.message);
  const salida = await xmllint(
    ['--noout', '--nonet', '--schema', archivo.value, 'comprobante.xml'],
    [
      { fileName: 'comprobante.xml', contents: sinFirma(xml) },
      { fileName: archivo.value, contents: leer(path.join(dir, archivo.value)) },
      { fileName: DSIG, contents: leer(path.join(dir, DSIG)) },
    ],
  );
  if (salida.exitCode === 0) return null;
  const lineas = salida.stderr.split('\n');
  const primero = lineas
    .map((linea) => /^comprobante\.xml:(\d+): (.*)$/.exec(linea))
    .find((m) => m !== null);
  if (primero === undefined || primero === null) {
    return problema(
      'xml_no_cumple_xsd',
      null,
      null,
      `No cumple el esquema ${archivo.value}: ${lineas.find((l) => l.trim() !== '') ?? `xmllint salió con ${salida.exitCode}`}`,
    );
  }
  const mensaje = primero[2] as string;
  const elemento = /Element '(?:\{[^}]*\})?([^']+)'/.exec(mensaje)?.[1] ?? null;
  const detalle = mensaje
    .replace(/^(?:element \S+: )?Schemas validity error : /, '')
    .replace(/^Element '[^']+'(?:, attribute '[^']+')?: /, (m) =>
      m.includes('attribute') ? m : '',
    );
  return problema(
    'xml_no_cumple_xsd',
    Number(primero[1]),
    elemento,
    `no cumple el esquema ${archivo.value}: ${detalle}`,
  );
};
