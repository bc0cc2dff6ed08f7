/**
 * A fake HTTP data source on 127.0.0.1 for the scheduled pulls: JSON and CSV documents at
 * paths, each with a behaviour — answer, hang (never answer until closed), answer 500,
 * answer garbage, or redirect — and an optional bearer token it insists on (401 otherwise).
 * Every request is recorded.
 */
import type { ServerResponse } from 'node:http';
import { bearerOf, flatHeaders, sendRaw, startHttpServer } from './shared/http-server.ts';

export type SourceBehaviour = 'ok' | 'hang' | 'error500' | 'garbage';

interface Doc {
  body: string;
  contentType: string;
  behaviour: SourceBehaviour;
  bearer?: string;
  redirectTo?: string;
}

export interface FakeHttpSource {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Serves `body` as JSON at `path`. */
  json(path: string, body: unknown, opts?: { bearer?: string }): void;
  /** Serves `text` as CSV at `path`. */
  csv(path: string, text: string, opts?: { bearer?: string }): void;
  /** Answers `path` with a redirect to `location`. */
  redirect(path: string, location: string): void;
  /** Changes how `path` answers from now on. */
  behave(path: string, behaviour: SourceBehaviour): void;
  /** Aborts once a request hangs: a pull's timeout signal in tests, so a timeout needs no waiting. */
  hung: AbortSignal;
  calls: { path: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

/** Starts the fake on a random local port. */
export async function startFakeHttpSource(): Promise<FakeHttpSource> {
  const docs = new Map<string, Doc>();
  const calls: FakeHttpSource['calls'] = [];
  const hang = new AbortController();
  const held: ServerResponse[] = [];
  const server = await startHttpServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const headers = flatHeaders(req);
    calls.push({ path, authorization: headers.authorization });
    const doc = docs.get(path);
    if (!doc) return sendRaw(res, 404, 'not found', { 'content-type': 'text/plain' });
    if (doc.redirectTo) return sendRaw(res, 302, '', { location: doc.redirectTo });
    if (doc.bearer && bearerOf(headers) !== doc.bearer) return sendRaw(res, 401, '{"error":"unauthorized"}', { 'content-type': 'application/json' });
    if (doc.behaviour === 'hang') {
      held.push(res);
      hang.abort();
      return;
    }
    if (doc.behaviour === 'error500') return sendRaw(res, 500, 'internal error', { 'content-type': 'text/plain' });
    if (doc.behaviour === 'garbage') return sendRaw(res, 200, '<html><body>\u0000\u00ff not what you asked for', { 'content-type': doc.contentType });
    sendRaw(res, 200, doc.body, { 'content-type': doc.contentType });
  });
  const put = (path: string, doc: Omit<Doc, 'behaviour'>) => docs.set(path, { behaviour: 'ok', ...doc });
  return {
    url: server.origin,
    json: (path, body, opts = {}) => void put(path, { body: JSON.stringify(body), contentType: 'application/json', ...opts }),
    csv: (path, text, opts = {}) => void put(path, { body: text, contentType: 'text/csv', ...opts }),
    redirect: (path, location) => void put(path, { body: '', contentType: 'text/plain', redirectTo: location }),
    behave: (path, behaviour) => {
      const doc = docs.get(path);
      if (doc) doc.behaviour = behaviour;
    },
    hung: hang.signal,
    calls,
    close: async () => {
      for (const res of held) res.destroy();
      await server.close();
    },
  };
}
