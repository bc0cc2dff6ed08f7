import { flatHeaders, readBody, startHttpServer } from './http-server.ts';

/**
 * What the proxy does to the next request: `500` answers it without passing it on (the
 * receiver never saw it); `drop` passes it on and then cuts the connection instead of
 * relaying the answer (the receiver stored it, the sender saw a failure: a timeout).
 */
export type ProxyFault = '500' | 'drop';

/**
 * A proxy on 127.0.0.1 in front of the app, so a sender's retry logic meets a real failed
 * delivery without a wall-clock timeout. Passes requests through unchanged otherwise.
 */
export async function startFlakyProxy(target: string) {
  const faults: ProxyFault[] = [];
  let seen = 0;
  const server = await startHttpServer(async (req, res) => {
    seen += 1;
    const body = await readBody(req);
    const fault = faults.shift();
    if (fault === '500') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('injected failure');
      return;
    }
    const { host: _host, 'content-length': _length, connection: _c, ...headers } = flatHeaders(req);
    const answer = await fetch(`${target}${req.url}`, { method: req.method, headers, body: new Uint8Array(body) });
    const text = await answer.text();
    if (fault === 'drop') {
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
    res.end(text);
  });
  return {
    origin: server.origin,
    /** Queues a fault for the next request that has none. */
    inject: (fault: ProxyFault) => void faults.push(fault),
    /** Requests the proxy received. */
    requests: () => seen,
    close: server.close,
  };
}
