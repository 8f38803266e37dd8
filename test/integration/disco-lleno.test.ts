/**
 * Issue 17 §7 on a real full filesystem: a size-limited tmpfs mounted for the test (root only;
 * skipped elsewhere with the reason). The diagnostic log must survive the first ENOSPC without a
 * torn line and resume when space returns; starting on a full disk must say «El disco está
 * lleno»; a sale refused for lack of space leaves the browser's kept-alive connection usable.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/main/app';
import { arrancar } from '../../src/main/app/arranque';
import type { CliIo } from '../../src/main/cli/io';
import { createServeCommand } from '../../src/main/cli/serve';
import { createFileLogger, LOG_FILE, teeLogger } from '../../src/main/diagnostico';
import { createHost } from '../../src/main/host';
import { type Logger, silentLogger, systemClock } from '../../src/main/log';
import { createMemoryKeychain } from '../fakes/memoryKeychain';
import { startDemoApp } from './release-app';

let raiz = '';
let montado: string | null = null;
let sinMontar = 'se necesita root para montar un tmpfs pequeño';

const montar = (nombre: string, tamano: string): string => {
  const dir = path.join(raiz, nombre);
  mkdirSync(dir);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${tamano}`, 'tmpfs', dir]);
  montado = dir;
  return dir;
};
const desmontar = (): void => {
  if (montado !== null) execFileSync('umount', [montado]);
  montado = null;
};

/** Fills the filesystem of `dir` to the last byte; returns the filler to free space later. */
const llenar = (dir: string): string => {
  const relleno = path.join(dir, 'relleno.bin');
  const fd = openSync(relleno, 'w');
  const bloque = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) {
      try {
        writeSync(fd, bloque);
      } catch {
        break;
      }
    }
    for (;;) {
      try {
        writeSync(fd, Buffer.alloc(1, 1));
      } catch {
        break;
      }
    }
  } finally {
    closeSync(fd);
  }
  return relleno;
};

beforeAll(() => {
  raiz = mkdtempSync(path.join(tmpdir(), 'mostrador-disco-'));
  if (process.getuid?.() === 0) {
    try {
      montar('prueba', '64k');
      desmontar();
      sinMontar = '';
    } catch (error) {
      sinMontar = `no se pudo montar un tmpfs: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
});
afterAll(() => {
  desmontar();
  rmSync(raiz, { recursive: true, force: true });
});

describe('disco lleno', () => {
  it('el registro de diagnóstico no deja líneas cortadas y se reanuda al liberar espacio', (ctx) => {
    if (sinMontar !== '') ctx.skip(sinMontar);
    const dir = montar('registro', '256k');
    try {
      const logger = createFileLogger({ dir, clock: systemClock });
      logger.info('antes de llenar');
      const relleno = llenar(dir);
      // More than what is left in the log file's last page: one write is cut short.
      for (let i = 0; i < 50; i++) logger.info('sin espacio', { detalle: 'x'.repeat(300) });
      const lineas = () => readFileSync(path.join(dir, LOG_FILE), 'utf8').split('\n');
      const sinCortes = () => {
        const l = lineas();
        expect(l.at(-1)).toBe('');
        for (const linea of l.slice(0, -1)) expect(() => JSON.parse(linea)).not.toThrow();
      };
      sinCortes();

      rmSync(relleno);
      logger.info('hay espacio otra vez');
      sinCortes();
      const mensajes = lineas()
        .slice(0, -1)
        .map((l) => (JSON.parse(l) as { mensaje: string }).mensaje);
      const escritas = mensajes.filter((m) => m === 'sin espacio').length;
      expect(escritas).toBeLessThan(50);
      expect(mensajes).toEqual([
        'antes de llenar',
        ...Array.from({ length: escritas }, () => 'sin espacio'),
        `Se perdieron ${50 - escritas} entradas del registro por falta de espacio en el disco`,
        'hay espacio otra vez',
      ]);
    } finally {
      desmontar();
    }
  });

  it('un registro que falla (stderr a un archivo del disco lleno) no hace fallar a quien registra', (ctx) => {
    if (sinMontar !== '') ctx.skip(sinMontar);
    const dir = montar('stderr', '64k');
    try {
      const fd = openSync(path.join(dir, 'stderr.log'), 'a');
      const stderrEnArchivo: Logger = {
        debug: () => {},
        info: (m) => {
          writeSync(fd, `${m}\n`);
        },
        warn: () => {},
        error: () => {},
      };
      const archivo = createFileLogger({ dir: path.join(raiz, 'logs-stderr'), clock: systemClock });
      const logger = teeLogger(stderrEnArchivo, archivo);
      llenar(dir);
      expect(() => logger.info('venta rechazada: disco lleno')).not.toThrow();
      closeSync(fd);
      const escrito = readFileSync(path.join(raiz, 'logs-stderr', LOG_FILE), 'utf8');
      expect(escrito).toContain('venta rechazada: disco lleno');
    } finally {
      desmontar();
    }
  });

  it('arrancar con el disco lleno dice «El disco está lleno»', async (ctx) => {
    if (sinMontar !== '') ctx.skip(sinMontar);
    const dataDir = montar('datos', '24m');
    try {
      const { app } = await startDemoApp(dataDir, { importCertificate: false });
      await app.close();
      const staticDir = path.join(raiz, 'renderer');
      mkdirSync(staticDir, { recursive: true });
      writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
      llenar(dataDir);

      const stderr: string[] = [];
      const io: CliIo = {
        stdout: () => {},
        stderr: (t) => stderr.push(t),
        env: { MOSTRADOR_LOG: 'error' },
        cwd: raiz,
        stopped: Promise.resolve(),
      };
      const code = await createServeCommand({ staticDir }).run(['--data-dir', dataDir], io);
      expect(code).toBe(2);
      expect(stderr.join('\n')).toContain('El disco está lleno');
      // Past the folder lock, opening the database on the full disk says the same.
      const abierta = await createApp({
        dataDir,
        logger: silentLogger,
        clock: systemClock,
        keychain: createMemoryKeychain(),
      });
      expect(abierta.ok ? '' : abierta.error.message).toContain('El disco está lleno');
    } finally {
      desmontar();
    }
  });

  it('una venta rechazada por disco lleno no corta la conexión keep-alive del navegador', async (ctx) => {
    if (sinMontar !== '') ctx.skip(sinMontar);
    const dataDir = montar('keepalive', '24m');
    const agente = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const logger = createFileLogger({ dir: path.join(dataDir, 'logs'), clock: systemClock });
      const preparada = await startDemoApp(dataDir, { importCertificate: false });
      const productos = preparada.app.db.sqlite
        .prepare<[], { id: string }>(
          'SELECT id FROM product WHERE active = 1 AND is_weighed = 0 ORDER BY code LIMIT 2',
        )
        .all();
      await preparada.app.close();
      // What `mostrador serve` runs: a write that fails may trigger the damage check.
      const arrancada = await arrancar({
        dataDir,
        demo: true,
        logger,
        clock: systemClock,
        keychain: createMemoryKeychain(),
      });
      if (!arrancada.ok) throw new Error(arrancada.error.message);
      const app = arrancada.value;
      const staticDir = path.join(raiz, 'renderer-keepalive');
      mkdirSync(staticDir, { recursive: true });
      writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
      const creado = await createHost({ app, staticDir, logger });
      if (!creado.ok) throw new Error(creado.error.message);
      const host = creado.value;
      type Respuesta = {
        reusada: boolean;
        cuerpo: { ok: boolean; error?: { code: string; message: string } };
      };
      const llamar = (nombre: string, entrada: unknown): Promise<Respuesta> =>
        new Promise((done, fail) => {
          const texto = JSON.stringify(entrada);
          const req = request(
            {
              host: '127.0.0.1',
              port: host.port,
              path: `/api/call/${nombre}`,
              method: 'POST',
              agent: agente,
              headers: {
                Authorization: `Bearer ${host.token}`,
                'Content-Type': 'application/json',
                'Content-Length': Buffer.byteLength(texto),
              },
            },
            (res) => {
              let cuerpo = '';
              res.setEncoding('utf8');
              res.on('data', (c: string) => {
                cuerpo += c;
              });
              res.on('end', () => done({ reusada: req.reusedSocket, cuerpo: JSON.parse(cuerpo) }));
            },
          );
          req.on('error', fail);
          req.end(texto);
        });
      const carrito = {
        comprador: null,
        lineas: productos.map((p) => ({ productoId: p.id, cantidad: '1' })),
      };
      const calculo = await llamar('ventas.calcular', carrito);
      const total = (calculo.cuerpo as unknown as { value: { totales: { totalCentavos: number } } })
        .value.totales.totalCentavos;
      const vender = () =>
        llamar('ventas.cobrar', {
          ...carrito,
          ventaId: randomUUID(),
          pagos: [{ formaPago: '01', montoCentavos: total }],
        });
      expect((await vender()).cuerpo.ok).toBe(true);

      const relleno = llenar(dataDir);
      const rechazada = await vender();
      expect(rechazada.cuerpo.error?.message).toContain('El disco está lleno');
      // The next requests travel on the same kept-alive socket and are answered, not reset.
      const siguiente = await llamar('app.estado', {});
      expect(siguiente).toMatchObject({ reusada: true, cuerpo: { ok: true } });
      expect((await vender()).cuerpo.error?.code).toBe('disco_lleno');

      rmSync(relleno);
      const despues = await vender();
      expect(despues).toMatchObject({ reusada: true, cuerpo: { ok: true } });
      agente.destroy();
      await host.close();
      await app.close();
    } finally {
      agente.destroy();
      desmontar();
    }
  });
});
