/**
 * libxml2's `xmllint` compiled to WebAssembly (the `xmllint-wasm` package), run in this thread
 * with the WebAssembly module compiled once. The package's own `validateXML` starts a worker
 * thread and compiles the 0.8 MB module on every call (≈ 260 ms of CPU per validation on the
 * build machine); instantiating the precompiled module here costs ≈ 9 ms. The package's
 * Emscripten factory is loaded from its file with a stand-in for the worker channel it expects.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type XmllintArchivo = { fileName: string; contents: string };
export type XmllintSalida = { exitCode: number; stdout: string; stderr: string };

type ModuloEmscripten = (opciones: Record<string, unknown>) => Promise<unknown>;

// The Node typings this project compiles with do not declare the WebAssembly JS API.
type ModuloWasm = object;
type InstanciaWasm = object;
const wasm = (
  globalThis as unknown as {
    WebAssembly: {
      compile: (bytes: Uint8Array) => Promise<ModuloWasm>;
      instantiate: (modulo: ModuloWasm, imports: object) => Promise<InstanciaWasm>;
      Memory: new (limites: { initial: number; maximum: number }) => object;
    };
  }
).WebAssembly;

let cargado: { fabrica: ModuloEmscripten; compilado: Promise<ModuloWasm> } | null = null;

const cargar = () => {
  if (cargado !== null) return cargado;
  const requerir = createRequire(import.meta.url);
  const archivo = requerir.resolve('xmllint-wasm/xmllint-node.js');
  const dir = path.dirname(archivo);
  const modulo: { exports: unknown } = { exports: {} };
  // the file ends by listening on its worker port: give it one that never speaks
  const requerirSinHilo = (id: string): unknown =>
    id === 'worker_threads'
      ? { parentPort: { on: () => {}, postMessage: () => {} } }
      : requerir(id);
  new Function(
    'require',
    'module',
    'exports',
    '__filename',
    '__dirname',
    readFileSync(archivo, 'utf8'),
  )(requerirSinHilo, modulo, modulo.exports, archivo, dir);
  cargado = {
    fabrica: modulo.exports as ModuloEmscripten,
    compilado: wasm.compile(readFileSync(path.join(dir, 'xmllint.wasm'))),
  };
  return cargado;
};

/**
 * Starts compiling the WebAssembly module now, so that it overlaps other work (`firmar` opens
 * the .p12 meanwhile) instead of delaying the first validation. Errors surface at that call.
 * @example precargarXmllint(); const identidad = await loadSigningIdentityLazily(…);
 */
export const precargarXmllint = (): void => {
  try {
    cargar();
  } catch {
    // the first xmllint() loads again and reports it
  }
};

/**
 * Runs `xmllint args…` over in-memory files.
 * @example await xmllint(['--noout', '--schema', 'f.xsd', 'doc.xml'], [doc, xsd]) // { exitCode: 0, … }
 */
export const xmllint = async (
  args: readonly string[],
  archivos: readonly XmllintArchivo[],
): Promise<XmllintSalida> => {
  const { fabrica, compilado } = cargar();
  const modulo = await compilado;
  return new Promise<XmllintSalida>((resolve) => {
    let stdout = '';
    let stderr = '';
    // Emscripten's exit sets process.exitCode in Node: give the host process its own back.
    const exitCodePrevio = process.exitCode;
    void fabrica({
      inputFiles: archivos,
      arguments: [...args],
      print: (texto: string) => {
        stdout += `${texto}\n`;
      },
      printErr: (texto: string) => {
        stderr += `${texto}\n`;
      },
      onExit: (exitCode: number) => {
        queueMicrotask(() => {
          process.exitCode = exitCodePrevio;
        });
        resolve({ exitCode, stdout, stderr });
      },
      onAbort: (motivo: unknown) => {
        process.exitCode = exitCodePrevio;
        resolve({ exitCode: -1, stdout, stderr: `${stderr}WASM abort: ${String(motivo)}\n` });
      },
      instantiateWasm: (
        imports: object,
        listo: (instancia: InstanciaWasm, modulo: ModuloWasm) => void,
      ) => {
        void wasm.instantiate(modulo, imports).then((instancia) => listo(instancia, modulo));
        return {};
      },
      // 16 MiB initial, 64 MiB at most: a comprobante is a few KB
      wasmMemory: new wasm.Memory({ initial: 256, maximum: 1024 }),
    });
  });
};
