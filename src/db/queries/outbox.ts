import { and, eq, like } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { outbox } from '../schema/index.ts';

/** An outbox row written earlier, as in-place updates need it. */
export interface SentCard {
  status: 'pending' | 'sending' | 'sent' | 'dead';
  kind: string;
  /** The person the card went to (null for a channel or an address we had no person for). */
  personId: string | null;
  destination: string;
  payload: Record<string, unknown>;
  /** What the platform answered when it was posted (Slack `{channel, ts}`, Feishu `{message_id}`). */
  result: Record<string, unknown> | null;
}

/**
 * The sent-card lookup, one for every platform: outbox rows of `kind` whose dedupe key
 * matches the LIKE pattern `keyPattern` (an exact key, or a prefix ending in %). Keys are
 * fixed words, uuids and platform ids: no %, and a `_` (any one character to LIKE) never
 * makes a different real key match. A workspace lives on one platform, so its rows are
 * that platform's.
 */
export async function sentCardsOf(db: Db, workspaceId: string, kind: string, keyPattern: string): Promise<SentCard[]> {
  const rows = await db
    .select({ status: outbox.status, kind: outbox.kind, destination: outbox.destination, result: outbox.result, payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.workspaceId, workspaceId), eq(outbox.kind, kind), like(outbox.dedupeKey, keyPattern)));
  return rows.map((r) => ({ ...r, personId: typeof r.payload.personId === 'string' ? r.payload.personId : null }));
}
