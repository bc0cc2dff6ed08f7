import { and, eq, like } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { outbox } from '../../db/schema/index.ts';

export interface SentCard {
  status: 'pending' | 'sending' | 'sent' | 'dead';
  kind: string;
  /** The person the card went to (null for a channel or an address we had no person for). */
  personId: string | null;
  destination: string;
  channel: string | null;
  ts: string | null;
}

/**
 * Outbox rows of `kind` whose dedupe key matches the LIKE pattern `keyPattern` (an exact key,
 * or a prefix ending in %), with where Slack put each sent one (the `{channel, ts}` our sender
 * stored), so those messages can be updated in place. Keys are fixed words, uuids and Slack
 * ids: no %, and a `_` (any one character to LIKE) never makes a different real key match.
 */
export async function sentCardsOf(db: Db, workspaceId: string, kind: string, keyPattern: string): Promise<SentCard[]> {
  const rows = await db
    .select({ status: outbox.status, kind: outbox.kind, destination: outbox.destination, result: outbox.result, payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.workspaceId, workspaceId), eq(outbox.kind, kind), like(outbox.dedupeKey, keyPattern)));
  return rows.map((r) => ({
    status: r.status,
    kind: r.kind,
    personId: typeof r.payload.personId === 'string' ? r.payload.personId : null,
    destination: r.destination,
    channel: typeof r.result?.channel === 'string' ? r.result.channel : null,
    ts: typeof r.result?.ts === 'string' ? r.result.ts : null,
  }));
}

/** The approval requests written for one stage of one round (`approval_request:{outcome}:{round}:{stage}:…`). */
export const approvalCardsOf = (db: Db, workspaceId: string, outcomeId: string, round: number, stage: string) =>
  sentCardsOf(db, workspaceId, 'approval_request', `approval_request:${outcomeId}:${round}:${stage}:%`);
