import type { App } from '@slack/bolt';
import type { Deps } from '../../deps-types.ts';
import type { SlackBody } from './inbound.ts';
import { AFTER_ACK_GRACE_MS } from './timing.ts';

/** Things a listener gets per request beside Bolt's args (Bolt's `customProperties`). */
export interface RequestProps {
  /** The request's own deps (src/deps.ts, forRequest): Bolt's app and its listeners are built once per process. */
  deps: Deps;
  /** Work after the response (waitUntil on Workers). */
  defer: (task: () => Promise<unknown>) => void;
  /** An Events API delivery failed: if the response has not left, it becomes a 500 so Slack retries. */
  eventFailed: () => void;
}

/** How one request is handed over: Slack's retry headers and the after-ack grace. */
export interface DispatchOptions {
  retryNum?: number;
  retryReason?: string;
  /** How long the response may wait for the listener after its ack (default {@link AFTER_ACK_GRACE_MS}). */
  afterAckGraceMs?: number;
}

/**
 * Hands a verified, parsed request to Bolt (our receiver is this function) and turns what
 * the listener passed to ack() into the HTTP response. The response waits for the listener
 * so that views.open happens inside the request; should a listener run long after its ack,
 * the response goes out anyway and the rest continues as deferred work.
 */
export async function dispatchToBolt(app: App, body: SlackBody, opts: Pick<RequestProps, 'defer' | 'deps'> & DispatchOptions): Promise<Response> {
  let acked: { value: unknown } | undefined;
  let onAck!: () => void;
  const ackSeen = new Promise<void>((resolve) => (onAck = resolve));
  let failed = false;
  const processing = app.processEvent({
    body,
    retryNum: opts.retryNum,
    retryReason: opts.retryReason,
    customProperties: { deps: opts.deps, defer: opts.defer, eventFailed: () => (failed = true) } satisfies RequestProps,
    ack: async (response?: unknown) => {
      if (acked) return;
      acked = { value: response };
      onAck();
    },
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = ackSeen.then(() => new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), opts.afterAckGraceMs ?? AFTER_ACK_GRACE_MS))));
  try {
    if ((await Promise.race([processing.then(() => 'done' as const), late])) === 'late') opts.defer(() => processing);
  } finally {
    clearTimeout(timer);
  }
  // Bolt acks events before any listener runs; only the status can still ask for the retry.
  if (failed) return new Response(null, { status: 500 });
  return toResponse(acked?.value);
}

/** Bolt's ack semantics: nothing → empty 200, a string → text, anything else → JSON. */
function toResponse(value: unknown): Response {
  if (value === undefined || value === null || value === '') return new Response(null, { status: 200 });
  if (typeof value === 'string') return new Response(value, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return Response.json(value);
}
