import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request a piece of work belongs to, carried through its awaits, deferred work and
 * the outbox rows it writes (Node, and Workers with nodejs_compat, both have AsyncLocalStorage).
 * Jobs run outside any request and see none.
 */
export interface RequestContext {
  requestId: string;
  /** Our workspace id, once the request has resolved it (for the access log). */
  workspace?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` as part of the request `ctx`. */
export function runInRequest<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

/** The request the caller works for, if any. */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/** Records which workspace the current request is about (first one wins); a no-op outside requests. */
export function noteWorkspace(workspaceId: string): void {
  const ctx = storage.getStore();
  if (ctx && !ctx.workspace) ctx.workspace = workspaceId;
}

/** A request id from outside is kept only when it is a plain token: 1–128 of A–Z a–z 0–9 . _ : - */
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id to use: the caller's `x-request-id` when sane, else a fresh UUID. */
export function requestIdFrom(header: string | undefined): string {
  return header && SANE_ID.test(header) ? header : crypto.randomUUID();
}
