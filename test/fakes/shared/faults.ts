/**
 * One injected failure. Fields combine: `delayMs` waits first (then, if nothing else is
 * set, the request is answered normally, late); `reset` drops the connection; `status`
 * answers with that HTTP status (429 adds the platform's retry header); `error` (Slack)
 * or `code`/`msg` (Feishu) answer with a platform error body.
 */
export interface Fault {
  /** HTTP status to answer with (429 → rate-limit body + retry header, 5xx → server error). */
  status?: number;
  /** Seconds for `Retry-After` (Slack) / `x-ogw-ratelimit-reset` (Feishu); default 1. */
  retryAfter?: number;
  /** Wait this long (real milliseconds) before answering. */
  delayMs?: number;
  /** Slack: answer HTTP 200 `{ ok: false, error }`. */
  error?: string;
  /** Feishu: answer `{ code, msg, error: { log_id } }` (HTTP 400 unless `status` is given). */
  code?: number;
  /** Feishu: message for `code`. */
  msg?: string;
  /** Destroy the socket without answering (connection reset). */
  reset?: boolean;
  /** How many consecutive matching requests this fault applies to (default 1). */
  times?: number;
}

/** A FIFO of faults per key; each fault is consumed `times` times. */
export class FaultQueue {
  private readonly queues = new Map<string, Array<{ fault: Fault; left: number }>>();

  /** Queues `fault` behind any fault already queued for `key`. */
  inject(key: string, fault: Fault): void {
    const queue = this.queues.get(key) ?? [];
    queue.push({ fault, left: Math.max(1, fault.times ?? 1) });
    this.queues.set(key, queue);
  }

  /** Takes the next fault of the first key (in injection order) for which `matches` is true. */
  take(matches: (key: string) => boolean): Fault | undefined {
    for (const [key, queue] of this.queues) {
      if (!matches(key)) continue;
      const head = queue[0];
      if (!head) continue;
      head.left -= 1;
      if (head.left <= 0) queue.shift();
      if (queue.length === 0) this.queues.delete(key);
      return head.fault;
    }
    return undefined;
  }

  /** Number of faults still queued (all keys), counting `times`. */
  pending(): number {
    let n = 0;
    for (const queue of this.queues.values()) for (const item of queue) n += item.left;
    return n;
  }

  /** Forgets every queued fault. */
  clear(): void {
    this.queues.clear();
  }
}

/** True when the fault only delays the answer (the request is then served normally). */
export function isDelayOnly(fault: Fault): boolean {
  return (
    fault.status === undefined &&
    fault.error === undefined &&
    fault.code === undefined &&
    fault.reset !== true
  );
}
