/**
 * A raw TCP printer on 127.0.0.1 for tests: records the bytes of each job (one connection,
 * closed by the client), can be switched off and on again on the same port, and can act out
 * of paper (accepts the connection, then resets it without keeping anything).
 */
import { createServer, type Server, type Socket } from 'node:net';

export type FakePrinter = {
  host: '127.0.0.1';
  port: number;
  /** Completed jobs, in arrival order. */
  jobs: Uint8Array[];
  /** Connections accepted, completed or not. */
  connections: () => number;
  /** Stops listening and drops open connections: the printer is off. */
  stop: () => Promise<void>;
  /** Listens again on the same port: the printer is back. */
  start: () => Promise<void>;
  /** While true, every connection is reset right after it is accepted. */
  setOutOfPaper: (value: boolean) => void;
  /** Resolves once `count` jobs have arrived (rejects after `timeoutMs`). */
  waitForJobs: (count: number, timeoutMs?: number) => Promise<Uint8Array[]>;
  close: () => Promise<void>;
};

export const startFakePrinter = async (): Promise<FakePrinter> => {
  const jobs: Uint8Array[] = [];
  const sockets = new Set<Socket>();
  const waiters: (() => void)[] = [];
  let outOfPaper = false;
  let accepted = 0;
  let server: Server | null = null;
  let port = 0;

  const onConnection = (socket: Socket): void => {
    accepted += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    if (outOfPaper) {
      socket.resetAndDestroy();
      return;
    }
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      jobs.push(new Uint8Array(Buffer.concat(chunks)));
      socket.end();
      for (const wake of waiters.splice(0)) wake();
    });
  };

  const start = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const s = createServer(onConnection);
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        const address = s.address();
        if (address !== null && typeof address === 'object') port = address.port;
        server = s;
        resolve();
      });
    });

  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      const s = server;
      server = null;
      for (const socket of sockets) socket.destroy();
      if (s === null) resolve();
      else s.close(() => resolve());
    });

  await start();
  return {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    jobs,
    connections: () => accepted,
    stop,
    start,
    setOutOfPaper: (value) => {
      outOfPaper = value;
    },
    waitForJobs: (count, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const deadline = setTimeout(
          () => reject(new Error(`La impresora falsa recibió ${jobs.length} de ${count} trabajos`)),
          timeoutMs,
        );
        const check = (): void => {
          if (jobs.length >= count) {
            clearTimeout(deadline);
            resolve(jobs.slice());
          } else waiters.push(check);
        };
        check();
      }),
    close: stop,
  };
};
