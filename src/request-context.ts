/**
 * The request a piece of work belongs to. It travels explicitly: on `c.var.request`, on the
 * request's deps (`forRequest`, src/deps.ts: their log lines carry its id) and on their
 * database handle (`dbForRequest`, src/db/client.ts: the outbox rows it writes carry its id).
 * Not AsyncLocalStorage: on Node 22 that turns on a hook for every promise the process makes,
 * ≈ 1 µs each, about a tenth of an approval click's CPU (bench/ack.ts). Jobs run outside any
 * request and have none.
 */
export interface RequestContext {
  requestId: string;
  /** Our workspace id, once the request has resolved it (for the access log). */
  workspace?: string;
}

/** Records which workspace the request is about (first one wins); a no-op outside requests. */
export function noteWorkspace(ctx: RequestContext | undefined, workspaceId: string): void {
  if (ctx && !ctx.workspace) ctx.workspace = workspaceId;
}

/** A request id from outside is kept only when it is a plain token: 1–128 of A–Z a–z 0–9 . _ : - */
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id to use: the caller's `x-request-id` when sane, else a fresh UUID. */
export function requestIdFrom(header: string | undefined): string {
  return header && SANE_ID.test(header) ? header : crypto.randomUUID();
}
