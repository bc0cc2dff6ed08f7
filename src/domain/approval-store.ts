import type { Away } from './approval-rules.ts';
import type { AuditEntry, Notification } from './ports.ts';
import type { Platform } from './types.ts';

/** A pending review handed to another reviewer, written at once with its audit entry and messages. */
export interface HandOver {
  workspaceId: string;
  platform: Platform;
  outcomeId: string;
  round: number;
  fromReviewerId: string;
  toReviewerId: string;
  at: Date;
  audit: AuditEntry;
  notifications: Notification[];
}

/** A once-only chase (a nudge of one day): its guard key, written with its messages. */
export interface OnceOnly {
  workspaceId: string;
  platform: Platform;
  action: string;
  key: string;
  at: Date;
  notifications: Notification[];
}

/** What the approval-chasing verbs write (src/db/repos/approval-store.ts implements it). */
export interface ApprovalStore {
  /** 'stale' when the review is no longer waiting for `fromReviewerId` in that round (nothing written). */
  handOver(h: HandOver): Promise<'stored' | 'stale'>;
  /** 'done_before' when the guard key was written before (nothing written). */
  once(o: OnceOnly): Promise<'stored' | 'done_before'>;
  /** A person's out-of-office period (null clears it), with its audit entry. */
  setAway(workspaceId: string, personId: string, away: Away | null, audit: AuditEntry): Promise<void>;
  /** When the latest approval card of this stage went out to `address` (null: none was sent). */
  lastCardSentAt(workspaceId: string, outcomeId: string, round: number, stage: 'manager' | 'pmo', address: string): Promise<Date | null>;
  /** A person's current out-of-office period. */
  away(workspaceId: string, personId: string): Promise<Away | null>;
}
