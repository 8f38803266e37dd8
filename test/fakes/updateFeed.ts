/**
 * A fake update feed on 127.0.0.1:0, laid out like an electron-builder publish folder:
 * `latest-linux.yml` (or any channel file) beside the installers. Tests publish a version, can
 * serve bytes that do not match the published sha512, and see what was requested.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type PublishOptions = {
  channelFile?: string;
  version: string;
  installer: Buffer;
  fileName?: string;
  stagingPercentage?: number;
  /** Serve these bytes instead of `installer` (the feed still lists the real sha512). */
  served?: Buffer;
};

export type FakeUpdateFeed = {
  url: string;
  publish: (options: PublishOptions) => { sha512: string; fileName: string };
  requests: string[];
  close: () => Promise<void>;
};

export const sha512Base64 = (bytes: Buffer): string =>
  createHash('sha512').update(bytes).digest('base64');

/** The feed file exactly as electron-builder writes it. */
export const latestYml = (options: {
  version: string;
  fileName: string;
  sha512: string;
  size: number;
  stagingPercentage?: number;
}): string =>
  [
    `version: ${options.version}`,
    'files:',
    `  - url: ${options.fileName}`,
    `    sha512: ${options.sha512}`,
    `    size: ${options.size}`,
    `path: ${options.fileName}`,
    `sha512: ${options.sha512}`,
    "releaseDate: '2025-03-14T15:00:00.000Z'",
    ...(options.stagingPercentage === undefined
      ? []
      : [`stagingPercentage: ${options.stagingPercentage}`]),
    '',
  ].join('\n');

export const startFakeUpdateFeed = async (): Promise<FakeUpdateFeed> => {
  const files = new Map<string, Buffer>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
    requests.push(name);
    const body = files.get(name);
    if (body === undefined) {
      res.writeHead(404).end('no existe');
      return;
    }
    res.writeHead(200, { 'Content-Length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    publish: (options) => {
      const fileName = options.fileName ?? `Mostrador-${options.version}.AppImage`;
      const sha512 = sha512Base64(options.installer);
      files.set(fileName, options.served ?? options.installer);
      files.set(
        options.channelFile ?? 'latest-linux.yml',
        Buffer.from(
          latestYml({
            version: options.version,
            fileName,
            sha512,
            size: options.installer.length,
            ...(options.stagingPercentage === undefined
              ? {}
              : { stagingPercentage: options.stagingPercentage }),
          }),
        ),
      );
      return { sha512, fileName };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
