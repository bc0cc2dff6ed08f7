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
  /**
   * 1 when an earlier send of this row was interrupted (its drainer vanished mid-send), so
   * this send may be a duplicate; a sender may look before posting. Never more than 1.
   */
  resends?: number;
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

/** A due row as the drainer first sees it: enough to pick by budget, before any write. */
export interface DueRow {
  id: string;
  workspaceId: string;
  platform: string;
  destination: string;
}

/** How a leased row ended; written with its lease token, so a lost lease changes nothing. */
export type Settlement =
  | { id: string; token: string; outcome: 'sent'; at: Date; result: Record<string, unknown> | null }
  | { id: string; token: string; outcome: 'retry'; at: Date; error: string }
  | { id: string; token: string; outcome: 'dead'; error: string }
  /** Given back untouched (not sent, not an attempt), e.g. behind a failed row of the same destination. */
  | { id: string; token: string; outcome: 'release' };

export interface OutboxStore {
  /**
   * Due rows (pending and due, or left `sending` by a holder whose lease expired), at most
   * `perDestination` per destination, round-robin across destinations and in created order
   * within one. Destinations with a live lease (another drainer is sending to them) are left
   * out, so each destination is sent to by one drainer at a time, in order. Writes nothing.
   */
  due(opts: { now: Date; limit: number; perDestination: number }): Promise<DueRow[]>;
  /**
   * Leases those of `ids` that are still due to `token` until `now + leaseMs`, in one batch.
   * A row whose previous holder vanished mid-send is resent once (`resends` counts it); one
   * that vanished mid-send twice is marked dead instead, never sent a third time.
   */
  lease(opts: { ids: string[]; now: Date; leaseMs: number; token: string }): Promise<OutboxRow[]>;
  /**
   * One round trip per send: settles the previous row of a lane (if any) and, if `begin` is
   * given, marks that row as in flight and renews its lease. False when the lease of
   * `begin` was lost (the row must not be sent).
   */
  step(opts: { settle?: Settlement; begin?: { id: string; token: string; now: Date; until: Date } }): Promise<boolean>;
  /** Settles rows in one batch. */
  settle(settlements: Settlement[]): Promise<void>;
  /** The soonest time after `now` when a row becomes due (a retry, or a lease running out); null when none. */
  nextDueAfter(now: Date): Promise<Date | null>;
}
