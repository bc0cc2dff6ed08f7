import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, instant, workspaceId } from './columns.ts';

/**
 * Notifications written in the same batch as the state change that causes them,
 * then delivered by the drainer (src/delivery).
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: id(),
    workspaceId: workspaceId(),
    platform: text('platform').notNull(),
    /** What to do: post, update, publish_home, … — the platform sender knows each kind. */
    kind: text('kind').notNull(),
    /** Channel, chat or user id the message goes to; also the rate-budget key. */
    destination: text('destination').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** Makes "send this once" a database fact: a second insert with the same key is ignored. */
    dedupeKey: text('dedupe_key'),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'dead'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull(),
    /** Who holds the row while sending, and until when (a crashed sender's claim expires). */
    claimToken: text('claim_token'),
    claimedUntil: instant('claimed_until'),
    /** Set just before a send and cleared when it settles: a lease that expires with it set was interrupted mid-send. */
    sendStartedAt: instant('send_started_at'),
    /** Sends repeated after an interrupted one (a crash); at most 1, a second interruption makes the row dead. */
    resends: integer('resends').notNull().default(0),
    lastError: text('last_error'),
    /** What the platform returned (message ts / message_id) for later in-place updates. */
    result: text('result', { mode: 'json' }).$type<Record<string, unknown>>(),
    sentAt: instant('sent_at'),
    /** The request that wrote the row (x-request-id), to follow one request to each message it caused; null from jobs. */
    requestId: text('request_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('outbox_due').on(t.status, t.nextAttemptAt),
    // Each destination's queue in created order, only rows still to send: a drain pass reads
    // the first few of each destination instead of numbering every due row (bench/ack.ts).
    index('outbox_queue')
      .on(t.workspaceId, t.platform, t.destination, t.createdAt)
      .where(sql`status IN ('pending', 'sending')`),
    uniqueIndex('outbox_dedupe').on(t.workspaceId, t.dedupeKey),
    // The admins' delivery page: one state of one workspace, newest first, paged by (created_at, id).
    index('outbox_workspace_status').on(t.workspaceId, t.status, t.createdAt, t.id),
  ],
);
