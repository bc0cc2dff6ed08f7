import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, type NodeServer } from '../../../src/entry/node.ts';
import { quietLog } from '../../../src/log.ts';
import { AUTH_BODY_LIMIT, CARD_CALLBACK_BODY_LIMIT, WEBHOOK_BODY_LIMIT } from '../../../src/security/body-limit.ts';
import { freshDb } from '../../helpers/db.ts';
import { BASE, INBOUND_ENV, startInboundApp, type InboundApp } from './inbound-app.ts';

const MB = 1024 * 1024;
const CHUNK = 64 * 1024;

/** A body of `total` bytes produced only as it is read, counting what the reader took. */
function countingBody(total: number) {
  const counter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (counter.pulled >= total) return controller.close();
        const n = Math.min(CHUNK, total - counter.pulled);
        counter.pulled += n;
        controller.enqueue(new Uint8Array(n).fill(0x7b));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, counter };
}

const post = (path: string, body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  new Request(`${BASE}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, duplex: 'half' } as RequestInit);

let h: InboundApp;
beforeAll(async () => {
  h = await startInboundApp();
});
afterAll(() => h.close());

const ROUTES = [
  ['/slack/events', WEBHOOK_BODY_LIMIT],
  ['/feishu/events', WEBHOOK_BODY_LIMIT],
  ['/feishu/cards', CARD_CALLBACK_BODY_LIMIT],
  // An unknown source answers 401 like a bad signature, so "goes on to verify" holds here too.
  ['/hooks/github/no-such-source', WEBHOOK_BODY_LIMIT],
  ['/hooks/jira/no-such-source', WEBHOOK_BODY_LIMIT],
] as const;

describe('the platform webhooks’ body limit', () => {
  it.each(ROUTES)('%s refuses a declared 50 MB body with a 413 without reading a byte', async (path, limit) => {
    const { stream, counter } = countingBody(50 * MB);
    const res = await h.app.fetch(post(path, stream, { 'content-length': String(50 * MB) }));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'too_large', message: expect.stringContaining(String(limit)) });
    expect(counter.pulled).toBe(0);
  });

  it.each(ROUTES)('%s stops reading a chunked 50 MB body at the limit and answers 413', async (path, limit) => {
    const { stream, counter } = countingBody(50 * MB);
    const res = await h.app.fetch(post(path, stream));
    expect(res.status).toBe(413);
    expect(counter.pulled).toBeLessThanOrEqual(limit + CHUNK);
  });

  it.each(ROUTES)('%s reads a body at the limit and goes on to verify it (unsigned → 401)', async (path, limit) => {
    const { stream, counter } = countingBody(limit);
    const res = await h.app.fetch(post(path, stream));
    expect(res.status).toBe(401);
    expect(counter.pulled).toBe(limit);
  });
});

describe('the sign-in routes’ body limit (read before anyone is signed in)', () => {
  it('POST /auth/feishu/session refuses a declared 50 MB body with a 413 without reading a byte', async () => {
    const { stream, counter } = countingBody(50 * MB);
    const res = await h.app.fetch(post('/auth/feishu/session', stream, { 'content-length': String(50 * MB), origin: BASE }));
    expect(res.status).toBe(413);
    expect(counter.pulled).toBe(0);
  });

  it('POST /auth/feishu/session stops reading a chunked 50 MB body at the limit and answers 413', async () => {
    const { stream, counter } = countingBody(50 * MB);
    const res = await h.app.fetch(post('/auth/feishu/session', stream, { origin: BASE }));
    expect(res.status).toBe(413);
    expect(counter.pulled).toBeLessThanOrEqual(AUTH_BODY_LIMIT + CHUNK);
  });
});

describe('the body limit on the Node entry, over a socket', () => {
  let server: NodeServer;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const database = await freshDb();
    close = database.close;
    server = await startNodeServer({ env: { ...INBOUND_ENV, DATABASE_URL: database.url }, port: 0, log: quietLog, jobIntervalMs: null, hostname: '127.0.0.1' });
  });
  afterAll(async () => {
    await server.stop();
    await close();
  });

  it('answers a streamed 50 MB upload with 413 long before it is sent, and the server’s memory stays flat', async () => {
    const port = Number(new URL(server.url).port);
    const rssBefore = process.memoryUsage().rss;
    const socket = connect(port, '127.0.0.1');
    let sent = 0;
    let answer = '';
    const done = new Promise<void>((resolve) => {
      socket.on('data', (d) => {
        answer += d.toString('latin1');
        if (answer.includes('\r\n\r\n')) resolve();
      });
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    socket.write(`POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
    const chunk = Buffer.alloc(CHUNK, 0x7b);
    let answered = false;
    void done.then(() => (answered = true));
    // Write like a client that does not wait for an answer, but with backpressure, until answered or 50 MB.
    while (!answered && sent < 50 * MB) {
      socket.write(`${CHUNK.toString(16)}\r\n`);
      socket.write(chunk);
      const ok = socket.write('\r\n');
      sent += CHUNK;
      if (!ok) await Promise.race([new Promise((r) => socket.once('drain', r)), done]);
    }
    await done;
    socket.destroy();
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(sent).toBeLessThan(50 * MB);
    // The test process is the server: what it kept of the upload would show here.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(20 * MB);
  });
});
