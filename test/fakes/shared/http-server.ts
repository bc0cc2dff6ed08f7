import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request handler; a rejection becomes an HTTP 500 with the error text. */
export type FakeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** A started fake server. */
export interface RunningServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  origin: string;
  /** Drops every open connection (also half-answered, delayed ones) and stops listening. */
  close(): Promise<void>;
}

/**
 * Starts a real `node:http` server on 127.0.0.1 with a random free port, so the SDKs
 * talk to it over the network exactly as they would to the platform.
 */
export async function startHttpServer(handler: FakeHandler): Promise<RunningServer> {
  const server = createServer((req, res) => {
    handler(req, res).catch((err: unknown) => {
      if (res.destroyed || res.writableEnded) return;
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(err instanceof Error ? (err.stack ?? err.message) : String(err));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Reads the whole request body (no size cap: the fakes must see oversize uploads to refuse them). */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Lower-cased single-valued view of the request headers. */
export function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Writes a JSON response unless the connection is already gone (e.g. the fake was closed). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed || res.writableEnded) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** Writes a raw response unless the connection is already gone. */
export function sendRaw(
  res: ServerResponse,
  status: number,
  body: Buffer | string,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

/** Real-time sleep, used only for injected `delayMs` faults. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The Bearer token of a request, if any. */
export function bearerOf(headers: Record<string, string>): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(headers['authorization'] ?? '');
  return match?.[1]?.trim() || undefined;
}
