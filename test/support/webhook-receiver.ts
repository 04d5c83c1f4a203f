/**
 * A real HTTP server on 127.0.0.1 (random port) standing in for a webhook receiver: it records every
 * request and answers each path with the statuses it was told, in turn (the last one repeating).
 * `/silent` never answers, to exercise the timeout.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Starts a receiver; `delayMs` holds every answer back that long, so concurrent senders overlap. */
export async function startReceiver() {
  const received: ReceivedRequest[] = [];
  const answers = new Map<string, number[]>();
  let delayMs = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (path === '/silent') return;
      const queue = answers.get(path) ?? [];
      const status = queue.length > 1 ? (queue.shift() ?? 200) : (queue[0] ?? 200);
      setTimeout(() => response.writeHead(status, { 'content-type': 'text/plain' }).end('echo of nothing'), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    /** The address of a path on this receiver. */
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    /** Answers the next requests to `path` with these statuses, the last one from then on. */
    answer(path: string, statuses: number[]) {
      answers.set(path, [...statuses]);
    },
    /** Holds every answer back this long. */
    delay(milliseconds: number) {
      delayMs = milliseconds;
    },
    /** The requests to one path. */
    to: (path: string) => received.filter((entry) => entry.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A running receiver. */
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
