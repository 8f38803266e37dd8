import { request } from 'node:http';

export type RawResponse = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => unknown;
};

/**
 * One HTTP request with full control of the headers (fetch forbids setting `Host`).
 * `body` may be a string or bytes; `chunked` streams it without a Content-Length.
 */
export const rawRequest = (
  port: number,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    chunked?: boolean;
  },
): Promise<RawResponse> =>
  new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Host: `127.0.0.1:${port}`, ...options.headers };
    if (options.body !== undefined && options.chunked !== true) {
      headers['Content-Length'] = String(Buffer.byteLength(options.body));
    }
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers,
        // A fresh connection each time: a pooled one would outlive a closed server.
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: () => JSON.parse(text) as unknown,
          });
        });
        res.on('error', reject);
      },
    );
    // The server may answer (413) and close before the whole body is written.
    req.on('error', reject);
    if (options.body !== undefined) {
      if (options.chunked === true) {
        const bytes = Buffer.from(options.body);
        const step = 64 * 1024;
        let offset = 0;
        const pump = (): void => {
          while (offset < bytes.length) {
            const more = req.write(bytes.subarray(offset, offset + step));
            offset += step;
            if (!more) {
              req.once('drain', pump);
              return;
            }
          }
          req.end();
        };
        pump();
        return;
      }
      req.write(options.body);
    }
    req.end();
  });
