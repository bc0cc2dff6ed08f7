import { and, eq, like } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { outbox } from '../../db/schema/index.ts';

export interface SentCard {
  status: 'pending' | 'sending' | 'sent' | 'dead';
  /** The reviewer the card went to (null for the PMO channel). */
  personId: string | null;
  channel: string | null;
  ts: string | null;
}

/**
 * The approval requests written for one stage of one round (dedupe keys
 * `approval_request:{outcome}:{round}:{stage}:…`), with where Slack put each sent one.
 */
export async function approvalCardsOf(db: Db, workspaceId: string, outcomeId: string, round: number, stage: string): Promise<SentCard[]> {
  // Ids are uuids and stages are fixed words, so the LIKE pattern holds no wildcards of its own.
  const rows = await db
    .select({ status: outbox.status, result: outbox.result, payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.workspaceId, workspaceId), eq(outbox.kind, 'approval_request'), like(outbox.dedupeKey, `approval_request:${outcomeId}:${round}:${stage}:%`)));
  return rows.map((r) => ({
    status: r.status,
    personId: typeof r.payload.personId === 'string' ? r.payload.personId : null,
    channel: typeof r.result?.channel === 'string' ? r.result.channel : null,
    ts: typeof r.result?.ts === 'string' ? r.result.ts : null,
  }));
}
