/**
 * Raw TCP printing (port 9100, «RAW»/JetDirect): connect, write the job, half-close and wait
 * for the printer to close. Every failure is a Spanish message naming the printer; all of them
 * are worth retrying later (printer off, out of paper, cable), which the print queue does.
 */
import { Socket } from 'node:net';
import { type AppError, err, ok, type Result } from '../../../shared/result';

export type TcpTarget = { host: string; port: number };

export type TcpOptions = {
  /** Connection must be accepted within this time. */
  connectTimeoutMs?: number;
  /** The whole job must be accepted within this time once connected. */
  writeTimeoutMs?: number;
  /**
   * After our half-close, how long to wait for the printer to close. Printers that keep the
   * connection open count as done once this passes without an error.
   */
  closeGraceMs?: number;
};

export const DEFAULT_PRINTER_PORT = 9100;

const describe = (target: TcpTarget): string => `${target.host}:${target.port}`;

const noResponde = (target: TcpTarget): AppError => ({
  code: 'impresora_no_responde',
  message: `La impresora no responde en ${describe(target)}. Revise que esté encendida y conectada.`,
});

const classify = (target: TcpTarget, error: NodeJS.ErrnoException): AppError => {
  switch (error.code) {
    // A reset means something answered and then hung up (a refused connection is ECONNREFUSED):
    // the printer is there but will not take the job, typically out of paper or cover open.
    case 'ECONNRESET':
    case 'EPIPE':
      return {
        code: 'impresora_corto',
        message: `La impresora en ${describe(target)} cortó la conexión. Revise el papel y que la tapa esté cerrada.`,
      };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return {
        code: 'impresora_direccion',
        message: `No se encuentra la impresora «${target.host}». Revise la dirección en Ajustes.`,
      };
    default:
      return noResponde(target);
  }
};

/**
 * Sends `bytes` to a raw TCP printer.
 * @example await sendTcp({ host: '192.168.1.50', port: 9100 }, bytes) // ok(undefined)
 */
export const sendTcp = (
  target: TcpTarget,
  bytes: Uint8Array,
  options: TcpOptions = {},
): Promise<Result<void>> => {
  const connectTimeoutMs = options.connectTimeoutMs ?? 3000;
  const writeTimeoutMs = options.writeTimeoutMs ?? 10_000;
  const closeGraceMs = options.closeGraceMs ?? 1500;
  return new Promise((resolve) => {
    const socket = new Socket();
    let finished = false;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const settle = (result: Result<void>): void => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const arm = (ms: number, onTimeout: () => void): void => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(onTimeout, ms);
    };
    arm(connectTimeoutMs, () => settle({ ok: false, error: noResponde(target) }));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      settle({ ok: false, error: classify(target, error) });
    });
    // A printer may answer status bytes; we do not read them, but must consume them.
    socket.on('data', () => {});
    socket.on('close', (hadError) => {
      if (hadError) return; // 'error' already settled.
      if (finished) settle(ok(undefined));
      else {
        settle({
          ok: false,
          error: {
            code: 'impresora_corto',
            message: `La impresora en ${describe(target)} cerró la conexión antes de recibir el trabajo. Revise el papel y que la tapa esté cerrada.`,
          },
        });
      }
    });
    socket.connect(target.port, target.host, () => {
      arm(writeTimeoutMs, () =>
        settle(
          err(
            'impresora_tiempo',
            `La impresora en ${describe(target)} no terminó de recibir el trabajo a tiempo. Revise el papel y que la tapa esté cerrada.`,
          ),
        ),
      );
      socket.end(bytes, () => {
        finished = true;
        arm(closeGraceMs, () => settle(ok(undefined)));
      });
    });
  });
};
