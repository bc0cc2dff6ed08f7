/** The delivery layer's ports: where outbox rows come from and who sends them. */

export interface OutboxRow {
  id: string;
  workspaceId: string;
  platform: string;
  kind: string;
  destination: string;
  payload: Record<string, unknown>;
  dedupeKey: string | null;
  /** Attempts made before this one. */
  attempts: number;
}

/**
 * What a platform sender reports. `retryAfterMs` is the platform's own word (Slack
 * Retry-After, Feishu x-ogw-ratelimit-reset); `permanent` means retrying cannot help.
 */
export type SendResult =
  | { ok: true; result?: Record<string, unknown> }
  | { ok: false; error: string; retryAfterMs?: number; permanent?: boolean };

export interface Sender {
  send(row: OutboxRow): Promise<SendResult>;
}

export interface OutboxStore {
  /** Leases up to `limit` due rows (pending and due, or sending with an expired lease) to `token`. */
  claim(opts: { now: Date; limit: number; leaseMs: number; token: string }): Promise<OutboxRow[]>;
  /** Marks a leased row sent; does nothing when the lease was lost. */
  markSent(id: string, token: string, now: Date, result: Record<string, unknown> | null): Promise<void>;
  /** Gives a leased row back for a later attempt. */
  retryLater(id: string, token: string, at: Date, opts: { error: string | null; countAttempt: boolean }): Promise<void>;
  /** Gives up on a leased row, keeping the last error visible. */
  markDead(id: string, token: string, error: string): Promise<void>;
}
