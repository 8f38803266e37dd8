import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { VersionFactura } from '../fiscal/documento';
// The zod-free reader, not `../fiscal`: zod loads only for a document it does not accept.
import { comprobanteDesdeDocumento, leerDocumentoJsonRapido } from '../fiscal/documentoJson';
import { construirXml } from '../fiscal/xml';
// The signing modules one by one, not `../signing`: its index also brings node-forge (old p12
// files, the demo certificate), which a modern certificate never needs (docs/architecture.md §12).
import { loadSigningIdentityLazily, type SigningIdentity } from '../signing/signingIdentity';
import { trySignComprobante, trySignComprobanteOffThread } from '../signing/xades';
import { primerByteNoUtf8 } from '../signing/xml10';
import { precargarEsquemas, problemaDeEsquema } from '../sri/esquema';
import { BadInput, type CliCommand, type CliIo, EXIT_BAD_INPUT, EXIT_OK, parseArgs } from './io';

const usage = `Uso: mostrador firmar --p12 ARCHIVO.p12 --password-env VARIABLE DOC.json|DOC.xml… [--out-dir DIR] [--version-factura 1.1.0|2.1.0]

Firma comprobantes con XAdES-BES. Un DOC.json (cuerpo de POST /documents) se valida, se recalcula
y se convierte en XML antes de firmarlo; un DOC.xml se comprueba (XML 1.0 bien formado y válido
contra el XSD del SRI de su raíz y versión, sale con 2 nombrando línea y elemento del primer
problema) y se firma tal cual. La contraseña del .p12 se
lee de la variable de entorno indicada (nunca de la línea de órdenes). Con un solo documento el
XML firmado sale por la salida estándar; con --out-dir se escribe <claveAcceso>.xml por documento.`;

type Unsigned = {
  xml: string;
  claveAcceso: string | null;
  ruc: string | null;
  /** Built here from a JSON document: canonical by construction (fiscal/xml). */
  construido: boolean;
};

/**
 * The file's text, or null after printing why not. Synchronous: a batch reads many small files
 * one after the other, and each promise-based read costs four trips to the thread pool.
 */
const readText = (file: string, io: CliIo): string | null => {
  try {
    const bytes = readFileSync(file);
    const malo = primerByteNoUtf8(bytes);
    if (malo !== -1) {
      // as text these bytes would become U+FFFD and be signed; the SRI refuses them (35)
      const linea = bytes.subarray(0, malo).filter((b) => b === 0x0a).length + 1;
      io.stderr(
        `${file}: no se firmó, línea ${linea}: el archivo no es UTF-8 válido (byte ${malo + 1}; p. ej., un sustituto suelto).`,
      );
      return null;
    }
    return bytes.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(
      code === 'ENOENT'
        ? `No existe el archivo ${file}.`
        : `No se pudo leer ${file}: ${(error as Error).message}`,
    );
    return null;
  }
};

/**
 * Documents being signed at once with --out-dir: enough to keep a second core signing (RSA on
 * the thread pool) while this one reads and builds, without holding a large batch in memory.
 */
const IN_FLIGHT = 8;

const unsignedFromJson = async (
  file: string,
  text: string,
  version: VersionFactura | undefined,
  io: CliIo,
): Promise<Unsigned | null> => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    io.stderr(`${file} no es JSON válido: ${(error as Error).message}`);
    return null;
  }
  const opciones = {
    ...(version === undefined ? {} : { versionFactura: version }),
    ahora: new Date(),
  };
  const leido = leerDocumentoJsonRapido(json);
  const comprobante =
    leido !== null
      ? comprobanteDesdeDocumento(leido, opciones)
      : // the schema names what is wrong, in Spanish
        (await import('../fiscal/documentInput')).comprobanteDesdeJson(json, opciones);
  if (!comprobante.ok) {
    io.stderr(`${file}: ${comprobante.error.message}`);
    return null;
  }
  for (const advertencia of comprobante.value.advertencias)
    io.stderr(`Advertencia (${file}): ${advertencia}`);
  return {
    xml: construirXml(comprobante.value),
    claveAcceso: comprobante.value.claveAcceso,
    ruc: comprobante.value.emisor.ruc,
    construido: true,
  };
};

const unsignedFromXml = (text: string): Unsigned => ({
  xml: text,
  claveAcceso: /<claveAcceso>\s*(\d{49})\s*<\/claveAcceso>/.exec(text)?.[1] ?? null,
  ruc: /<ruc>\s*(\d{13})\s*<\/ruc>/.exec(text)?.[1] ?? null,
  construido: false,
});

const warnIfOtherRuc = (
  file: string,
  ruc: string | null,
  identity: SigningIdentity,
  io: CliIo,
): void => {
  const certificateRuc = identity.summary.ruc;
  if (ruc === null || certificateRuc === null || certificateRuc === ruc) return;
  // Legal representatives sign for their companies with a personal certificate: warn only.
  io.stderr(
    `Advertencia (${file}): el certificado es de RUC ${certificateRuc} y el emisor es ${ruc}; ` +
      'es válido si el titular firma como representante.',
  );
};

/** `mostrador firmar`: signs JSON or XML comprobantes with a p12, loading it once. */
export const firmarCommand: CliCommand = {
  usage,
  run: async (args, io) => {
    const { positional, flags } = parseArgs(
      args,
      ['p12', 'password-env', 'out-dir', 'version-factura'],
      [],
    );
    const p12Flag = flags.p12;
    const passwordEnv = flags['password-env'];
    if (typeof p12Flag !== 'string') throw new BadInput('Falta --p12 ARCHIVO.p12.');
    if (typeof passwordEnv !== 'string') throw new BadInput('Falta --password-env VARIABLE.');
    if (positional.length === 0) throw new BadInput('Indique al menos un documento JSON o XML.');
    const outDir = flags['out-dir'];
    if (positional.length > 1 && typeof outDir !== 'string') {
      throw new BadInput('Con varios documentos indique --out-dir DIR.');
    }
    const version = flags['version-factura'];
    if (version !== undefined && version !== '1.1.0' && version !== '2.1.0') {
      throw new BadInput(`--version-factura debe ser 1.1.0 o 2.1.0, no «${String(version)}».`);
    }
    const password = io.env[passwordEnv];
    if (password === undefined) {
      io.stderr(
        `La variable de entorno ${passwordEnv} no está definida: debe contener la contraseña del .p12.`,
      );
      return EXIT_BAD_INPUT;
    }
    // XML inputs are checked against the XSD: compile the validator while the p12 opens
    if (positional.some((input) => !input.toLowerCase().endsWith('.json'))) precargarEsquemas();
    const p12File = path.resolve(io.cwd, p12Flag);
    let p12: Buffer;
    try {
      p12 = await readFile(p12File);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      io.stderr(
        code === 'ENOENT' ? `No existe el archivo ${p12File}.` : `No se pudo leer ${p12File}.`,
      );
      return EXIT_BAD_INPUT;
    }
    const identity = await loadSigningIdentityLazily(p12, password, new Date());
    if (!identity.ok) {
      io.stderr(`${p12File}: ${identity.error.message}`);
      return EXIT_BAD_INPUT;
    }
    if (identity.value.summary.diasRestantes < 30) {
      io.stderr(
        `Advertencia: el certificado caduca en ${identity.value.summary.diasRestantes} días.`,
      );
    }
    const outputDir = typeof outDir === 'string' ? path.resolve(io.cwd, outDir) : null;
    if (outputDir !== null) await mkdir(outputDir, { recursive: true });

    let failures = 0;
    // With --out-dir, signatures finish in the background; the paths are printed in the order
    // of the arguments, and a failed write stops the batch as before.
    let printed: Promise<void> = Promise.resolve();
    const inFlight: Promise<void>[] = [];
    let writeFailed = false;
    for (const input of positional) {
      const file = path.resolve(io.cwd, input);
      const text = readText(file, io);
      const unsigned =
        text === null
          ? null
          : file.toLowerCase().endsWith('.json')
            ? await unsignedFromJson(file, text, version as VersionFactura | undefined, io)
            : unsignedFromXml(text);
      if (unsigned === null) {
        failures++;
        continue;
      }
      if (!file.toLowerCase().endsWith('.json')) {
        // what the SRI would answer with 35: refuse it before it gets a signature
        const problema = await problemaDeEsquema(unsigned.xml);
        if (problema !== null) {
          io.stderr(`${file}: no se firmó, ${problema.mensaje}`);
          failures++;
          continue;
        }
      }
      warnIfOtherRuc(file, unsigned.ruc, identity.value, io);
      if (outputDir === null) {
        const signed = trySignComprobante(unsigned.xml, identity.value, {
          signingTime: new Date(),
        });
        if (!signed.ok) {
          io.stderr(`${file}: ${signed.error.message}`);
          failures++;
          continue;
        }
        io.stdout(signed.value);
        continue;
      }
      const signed = trySignComprobanteOffThread(unsigned.xml, identity.value, {
        signingTime: new Date(),
        construido: unsigned.construido,
      });
      if (!signed.ok) {
        io.stderr(`${file}: ${signed.error.message}`);
        failures++;
        continue;
      }
      if (unsigned.claveAcceso === null) {
        signed.value.catch(() => {});
        io.stderr(
          `${file}: el XML no tiene una claveAcceso de 49 dígitos para nombrar el archivo firmado.`,
        );
        failures++;
        continue;
      }
      const target = path.join(outputDir, `${unsigned.claveAcceso}.xml`);
      // A few KB: written at once, not through three thread-pool round trips that would queue
      // behind the RSA signatures on the same pool.
      const written = signed.value.then((xml) => writeFileSync(target, xml));
      printed = printed
        .then(() => written)
        .then(() => {
          io.stdout(`${target}\n`);
        });
      // Observed here so that a failure waits for its turn instead of ending the process.
      inFlight.push(
        written.catch(() => {
          writeFailed = true;
        }),
      );
      printed.catch(() => {});
      if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
      if (writeFailed) break;
    }
    await printed;
    return failures === 0 ? EXIT_OK : EXIT_BAD_INPUT;
  },
};
