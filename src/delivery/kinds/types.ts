import type { OutcomeView } from '../../../cards/view.ts';
import type { Db } from '../../db/client.ts';
import type { SentCard } from '../../db/queries/outbox.ts';
import type { Clock } from '../../domain/ports.ts';
import type { Recipient } from '../recipient.ts';
import type { OutboxRow } from '../types.ts';
import type { NotificationView, ReplyView } from './views.ts';

/** What a kind module may use while it loads: the database, the clock, and the few things only the platform knows. */
export interface KindContext {
  db: Db;
  clock: Clock;
  publicUrl: string;
  /** An outcome as cards show it on this platform (Feishu turns files into signed links). */
  outcome(workspaceId: string, outcomeId: string, timeZone: string): Promise<OutcomeView | null>;
  /** The platform's own form for a reply (Feishu form cards); null when the platform has none. */
  form(request: Extract<ReplyView, { form: unknown }>['view'], to: Recipient, extra: Record<string, unknown>): Promise<unknown | null>;
  /** Where the member submits from already shows the receipt (Feishu's form card turns into it). */
  submitSurfaceShowsReceipt: boolean;
}

/** Sent cards to refresh in place: those written as `kind` with a dedupe key matching `keyPattern`. */
export interface SentSelector {
  kind: string;
  keyPattern: string;
}

/**
 * One notification kind, defined once for every platform. The sender reads the payload,
 * refreshes the cards it names, resolves the recipient, loads the view model, asks whether
 * it is still relevant, and only then lets the platform adapter render and post it.
 */
export interface NotificationKind<P = unknown> {
  kind: string;
  /** The row's payload as this kind needs it; null when malformed (retrying cannot fix that). */
  parse(row: Pick<OutboxRow, 'payload'>): P | null;
  /**
   * Who receives it: `person` — the row's person, else whoever is at its address (the one
   * recipient resolver); `workspace` — one report in the workspace's language and zone.
   */
  audience: 'person' | 'workspace';
  /** What it loads: the platform-neutral view model for this recipient; null when its subject no longer exists. */
  load(ctx: KindContext, p: P, to: Recipient): Promise<NotificationView | null>;
  /** Whether it is still relevant when sent: a reason to skip it, or null to send it. */
  skipWhen(view: NotificationView, ctx: KindContext): string | null;
  /** Cards sent earlier that this row updates in place (before it posts, when it posts at all). */
  refreshes?(p: P): SentSelector[];
  /** False for a kind that only updates cards already sent. */
  posts: boolean;
}

/** Erases a kind's payload type for the registry. */
export const defineKind = <P>(k: NotificationKind<P>): NotificationKind<unknown> => k as NotificationKind<unknown>;

export type { SentCard };

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
/** Payload readers shared by the kinds. */
export const read = {
  str,
  stage: (v: unknown): 'manager' | 'pmo' | null => (v === 'manager' || v === 'pmo' ? v : null),
  round: (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null),
};
