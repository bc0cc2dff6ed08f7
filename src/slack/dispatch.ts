import type { App } from '@slack/bolt';
import type { SlackBody } from './inbound.ts';

/**
 * How long the response may wait for a listener after it called ack(). Slack gives 3 s per
 * request; listeners normally finish (one write, one views.open) well before this.
 */
const AFTER_ACK_GRACE_MS = 2_000;

/** Things a listener gets per request beside Bolt's args (Bolt's `customProperties`). */
export interface RequestProps {
  /** Work after the response (waitUntil on Workers). */
  defer: (task: () => Promise<unknown>) => void;
}

/**
 * Hands a verified, parsed request to Bolt (our receiver is this function) and turns what
 * the listener passed to ack() into the HTTP response. The response waits for the listener
 * so that views.open happens inside the request; should a listener run long after its ack,
 * the response goes out anyway and the rest continues as deferred work.
 */
export async function dispatchToBolt(app: App, body: SlackBody, opts: RequestProps & { retryNum?: number; retryReason?: string }): Promise<Response> {
  let acked: { value: unknown } | undefined;
  let onAck!: () => void;
  const ackSeen = new Promise<void>((resolve) => (onAck = resolve));
  const processing = app.processEvent({
    body,
    retryNum: opts.retryNum,
    retryReason: opts.retryReason,
    customProperties: { defer: opts.defer } satisfies RequestProps,
    ack: async (response?: unknown) => {
      if (acked) return;
      acked = { value: response };
      onAck();
    },
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = ackSeen.then(() => new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), AFTER_ACK_GRACE_MS))));
  try {
    if ((await Promise.race([processing.then(() => 'done' as const), late])) === 'late') opts.defer(() => processing);
  } finally {
    clearTimeout(timer);
  }
  return toResponse(acked?.value);
}

/** Bolt's ack semantics: nothing → empty 200, a string → text, anything else → JSON. */
function toResponse(value: unknown): Response {
  if (value === undefined || value === null || value === '') return new Response(null, { status: 200 });
  if (typeof value === 'string') return new Response(value, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return Response.json(value);
}
