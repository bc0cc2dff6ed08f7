import type { Context, MiddlewareHandler } from 'hono';
import { DomainError } from '../domain/errors.ts';
import { badRequest } from '../errors.ts';
import { readCapped } from './read-capped.ts';

/** The platform webhooks' ceiling: Slack and Feishu payloads are a few KB; 1 MB leaves room for big modals. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/** Feishu card callbacks carry one card's action and form values, never a message history. */
export const CARD_CALLBACK_BODY_LIMIT = 256 * 1024;

/** Sign-in posts (a Feishu auth code, a local sign-in form) are read before anyone is signed in, and need a few hundred bytes. */
export const AUTH_BODY_LIMIT = 16 * 1024;

const tooLarge = (limit: number) => new DomainError('too_large', 'error.too_large', { limit });

/**
 * Refuses a body over `limit` bytes with a 413 before it is buffered: a declared
 * Content-Length over the limit is refused without reading a byte, and the stream (a
 * chunked body, or one that lies about its length) is read chunk by chunk and left unread
 * past the limit. hono/body-limit does the same two checks, but it throws an HTTPException
 * (a second error family) and trusts Content-Length without counting; this one counts always.
 *
 * The rest of an over-limit stream is not cancelled: on Node, cancelling destroys the
 * socket before the 413 can be written. @hono/node-server discards what is left after the
 * response (at most 500 ms), without keeping it.
 */
export function bodyLimit(limit: number): MiddlewareHandler {
  return async (c, next) => {
    const body = await cappedBody(c, limit);
    // The handlers read the body as usual (text(), arrayBuffer()), from these bytes.
    if (body) c.req.raw = new Request(c.req.raw, { body });
    await next();
  };
}

/**
 * The request's body as {@link bodyLimit} reads it (a 413 past `limit`), for a handler that
 * wants the bytes themselves: it saves building a second Request and reading it again
 * (the Feishu routes, where that was a measurable part of an approval click, bench/ack.ts).
 * Null when the request has no body.
 */
export async function cappedBody(c: Context, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const raw = c.req.raw;
  if (raw.method === 'GET' || raw.method === 'HEAD') return null;
  const declared = raw.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  // A client that goes away mid-body is its own problem, not a server error to log.
  const incomplete = () => {
    throw badRequest('the body ended before it was complete');
  };
  // A declared length is all the HTTP parser (Node's, workerd's) lets through, so the body can
  // be read whole: the runtime's own read, which on Node takes it straight from the socket
  // without building a Request and a web stream for it (@hono/node-server's fast path).
  if (declared !== null && /^\d+$/.test(declared.trim())) return new Uint8Array(await raw.arrayBuffer().catch(incomplete));
  if (!raw.body) return null;
  // Chunked (or a declared length that is not a number): counted chunk by chunk.
  const body = await readCapped(raw.body, limit, 'release').catch(incomplete);
  if (!body) throw tooLarge(limit);
  return body;
}
