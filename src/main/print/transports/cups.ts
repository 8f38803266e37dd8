/**
 * Raw ESC/POS through CUPS (Linux, macOS): the same bytes as the TCP path, given to
 * `lp -d QUEUE -o raw` on stdin. Opening a queue succeeds even with the printer unplugged, so
 * the queue's state (`lpstat -p QUEUE`) is read first and a printer that cannot print is said
 * in Spanish instead of leaving the job stuck in the spool.
 */
import { spawn } from 'node:child_process';
import { type AppError, err, ok, type Result } from '../../../shared/result';

export type CupsOptions = {
  /** `lp` command (tests point it, or PATH, to a fake). */
  lpCommand?: string;
  /** `lpstat` command. */
  lpstatCommand?: string;
  /** Environment of the commands; the locale is forced to C so their answers can be read. */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
};

/** What `lpstat -p` says of one queue, as Mostrador needs it. */
export type EstadoCola = 'lista' | 'imprimiendo' | 'detenida' | 'apagada' | 'sin_papel';

type Salida = { code: number | null; stdout: string; stderr: string; noEncontrado: boolean };

const ejecutar = (
  command: string,
  args: readonly string[],
  options: CupsOptions,
  stdin?: Uint8Array,
): Promise<Salida> =>
  new Promise((resolve) => {
    const child = spawn(command, args, {
      env: { ...(options.env ?? process.env), LC_ALL: 'C', LANG: 'C' },
      timeout: options.timeoutMs ?? 15_000,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const errOut: Buffer[] = [];
    let noEncontrado = false;
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => errOut.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      noEncontrado = e.code === 'ENOENT';
    });
    // A command that exits before reading all of stdin must not crash main with EPIPE.
    child.stdin.on('error', () => {});
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(errOut).toString('utf8').trim(),
        noEncontrado,
      }),
    );
    child.stdin.end(stdin === undefined ? undefined : Buffer.from(stdin));
  });

const sinCups = (comando: string): AppError => ({
  code: 'spooler_no_disponible',
  message: `No se encontró el comando «${comando}» (CUPS). Instale CUPS o use una impresora térmica por red.`,
});

const noExiste = (cola: string): AppError => ({
  code: 'impresora_no_existe',
  message: `La cola de impresión «${cola}» no existe en este equipo. Elija una de la lista de impresoras del sistema.`,
});

/**
 * Reads `lpstat -p` for one queue: its first line says idle / printing / disabled, the
 * indented lines below give the reasons (offline, out of paper) when CUPS knows them.
 * @example estadoDeLpstat('printer TM20 is idle.  enabled since …') // 'lista'
 */
export const estadoDeLpstat = (salida: string): EstadoCola => {
  const texto = salida.toLowerCase();
  if (
    /media-empty|media tray empty|paper tray is empty|out of paper|paper out|no paper/.test(texto)
  ) {
    return 'sin_papel';
  }
  if (
    /offline|not connected|not responding|unreachable|unable to connect|waiting for printer to become available/.test(
      texto,
    )
  ) {
    return 'apagada';
  }
  if (/^printer \S+ disabled/m.test(texto)) return 'detenida';
  if (/^printer \S+ now printing/m.test(texto)) return 'imprimiendo';
  return 'lista';
};

/** The Spanish message of a queue that cannot print now; null when it can. */
export const mensajeEstado = (cola: string, estado: EstadoCola): AppError | null => {
  switch (estado) {
    case 'lista':
    case 'imprimiendo':
      return null;
    case 'apagada':
      return {
        code: 'impresora_apagada',
        message: `La impresora «${cola}» está apagada o desconectada. Revise el cable y que esté encendida.`,
      };
    case 'sin_papel':
      return {
        code: 'impresora_sin_papel',
        message: `La impresora «${cola}» no tiene papel. Cambie el rollo y vuelva a intentar.`,
      };
    case 'detenida':
      return {
        code: 'impresora_detenida',
        message: `La cola «${cola}» está detenida en el sistema. Reanúdela en la configuración de impresoras (o con «cupsenable ${cola}»).`,
      };
  }
};

const colaValida = (cola: string): boolean => cola.trim() !== '' && !cola.startsWith('-');

/**
 * The state of one CUPS queue.
 * @example await estadoColaCups('TM20') // ok('lista')
 */
export const estadoColaCups = async (
  cola: string,
  options: CupsOptions = {},
): Promise<Result<EstadoCola>> => {
  if (!colaValida(cola))
    return err('impresora_cola', `El nombre de la cola «${cola}» no es válido.`);
  const comando = options.lpstatCommand ?? 'lpstat';
  const r = await ejecutar(comando, ['-p', cola], options);
  if (r.noEncontrado) return { ok: false, error: sinCups(comando) };
  // lpstat says «Invalid destination name» / «does not exist» and fails for an unknown queue.
  if (r.code !== 0 || r.stdout.trim() === '') return { ok: false, error: noExiste(cola) };
  return ok(estadoDeLpstat(r.stdout));
};

/**
 * Sends raw bytes (ESC/POS) to a CUPS queue, after checking the queue can print.
 * @example await sendCupsRaw('TM20', bytes) // ok(undefined)
 */
export const sendCupsRaw = async (
  cola: string,
  bytes: Uint8Array,
  options: CupsOptions = {},
): Promise<Result<void>> => {
  const estado = await estadoColaCups(cola, options);
  if (!estado.ok) return estado;
  const impide = mensajeEstado(cola, estado.value);
  if (impide !== null) return { ok: false, error: impide };
  const comando = options.lpCommand ?? 'lp';
  const r = await ejecutar(comando, ['-d', cola, '-o', 'raw'], options, bytes);
  if (r.noEncontrado) return { ok: false, error: sinCups(comando) };
  if (r.code === 0) return ok(undefined);
  return err(
    'spooler_error',
    `CUPS no pudo imprimir en «${cola}»: ${r.stderr || `lp terminó con el código ${r.code}`}`,
  );
};

/** `desconocido`: listed by `lpstat -e` (e.g. a class) but without a state of its own. */
export type ColaSistema = { nombre: string; estado: EstadoCola | 'desconocido' };

/** Splits `lpstat -p` (all queues) into each queue's block: its line and the reasons below. */
const bloquesLpstat = (salida: string): Map<string, string> => {
  const bloques = new Map<string, string>();
  let actual: string | null = null;
  for (const linea of salida.split('\n')) {
    const m = /^printer (\S+)/.exec(linea);
    if (m?.[1] !== undefined) {
      actual = m[1];
      bloques.set(actual, linea);
    } else if (actual !== null && linea.trim() !== '') {
      bloques.set(actual, `${bloques.get(actual) ?? ''}\n${linea}`);
    }
  }
  return bloques;
};

/**
 * The OS's print queues (`lpstat -e`) with their states (`lpstat -p`).
 * @example await listarColasCups() // ok([{ nombre: 'TM20', estado: 'lista' }])
 */
export const listarColasCups = async (
  options: CupsOptions = {},
): Promise<Result<ColaSistema[]>> => {
  const comando = options.lpstatCommand ?? 'lpstat';
  const nombres = await ejecutar(comando, ['-e'], options);
  if (nombres.noEncontrado) return { ok: false, error: sinCups(comando) };
  // With no queue at all lpstat -e prints nothing (some versions also fail): an empty list.
  const colas = nombres.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (colas.length === 0) return ok([]);
  const estados = await ejecutar(comando, ['-p'], options);
  const bloques = bloquesLpstat(estados.stdout);
  return ok(
    colas.map((nombre) => {
      const bloque = bloques.get(nombre);
      return { nombre, estado: bloque === undefined ? 'desconocido' : estadoDeLpstat(bloque) };
    }),
  );
};
