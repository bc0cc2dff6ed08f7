import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, type NodeServer } from '../../../src/entry/node.ts';
import { quietLog } from '../../../src/log.ts';
import { freshDb } from '../../helpers/db.ts';
import { INBOUND_ENV } from './inbound-app.ts';

/**
 * A client that trickles its request is cut off by the Node server's request and header
 * timeouts (short ones here, through the entry's `timeouts` option). The trickle would take
 * 20 s to finish; the server must answer 408 and close well before the trickle is done.
 */
let server: NodeServer;
let close: () => Promise<void>;
beforeAll(async () => {
  const database = await freshDb();
  close = database.close;
  server = await startNodeServer({
    env: { ...INBOUND_ENV, DATABASE_URL: database.url },
    port: 0,
    log: quietLog,
    jobIntervalMs: null,
    hostname: '127.0.0.1',
    timeouts: { requestMs: 400, headersMs: 300, checkIntervalMs: 50 },
  });
});
afterAll(async () => {
  await server.stop();
  await close();
});

/** Writes `head` at once, then `trickle` one byte per 100 ms until the server answers or closes. */
async function trickle(head: string, slow: string): Promise<{ answer: string; trickled: number }> {
  const socket: Socket = connect(Number(new URL(server.url).port), '127.0.0.1');
  let answer = '';
  let closed = false;
  socket.on('data', (d) => (answer += d.toString('latin1')));
  const ended = new Promise<void>((resolve) => {
    socket.on('close', () => ((closed = true), resolve()));
    socket.on('error', () => undefined);
  });
  socket.write(head);
  let trickled = 0;
  const timer = setInterval(() => {
    if (closed || trickled >= slow.length) return clearInterval(timer);
    socket.write(slow[trickled++]!);
  }, 100);
  await ended;
  clearInterval(timer);
  return { answer, trickled };
}

describe('the Node server’s timeouts', () => {
  it('cuts off a body trickled one byte at a time with a 408', async () => {
    const body = '{'.repeat(200);
    const { answer, trickled } = await trickle(`POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`, body);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(trickled).toBeLessThan(body.length);
  });

  it('cuts off headers trickled one byte at a time', async () => {
    const headers = 'X-Slow: ' + 'a'.repeat(200) + '\r\n\r\n';
    const { answer, trickled } = await trickle('POST /feishu/events HTTP/1.1\r\nHost: x\r\n', headers);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(trickled).toBeLessThan(headers.length);
  });

  it('still serves a request sent at once', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
  });
});
