import type { Db, Statement } from '../db/client.ts';
import { insertNotifications } from '../db/repos/outbox-rows.ts';
import { markSourceFailed } from '../db/repos/source-runs.ts';
import type { SourceOwner } from '../db/queries/source-health.ts';

/** Failures in a row after which the owner is told (issue 10: "fails 3 times in a row"). */
export const FAILING_AFTER = 3;

/**
 * The statements of one failed run, for one batch: the source's error and count, and — on
 * the failure that makes the streak reach {@link FAILING_AFTER} — one `source_failing`
 * message to the owner. Its dedupe key names the streak by when it could start (the last
 * success, else the source's creation), so a run repeated over the same streak never tells
 * twice, while a later success and a new streak tell again.
 */
export function sourceFailureStatements(
  db: Db,
  s: { id: string; workspaceId: string; consecutiveFailures: number; lastSuccessAt: Date | null; createdAt: Date },
  who: SourceOwner | undefined,
  error: string,
  now: Date,
  nextRunAt: Date,
): Statement[] {
  const statements: Statement[] = [markSourceFailed(db, s.id, now, error, nextRunAt)];
  if (s.consecutiveFailures + 1 === FAILING_AFTER && who?.owner) {
    const streak = (s.lastSuccessAt ?? s.createdAt).getTime();
    const note = { kind: 'source_failing' as const, to: who.owner, data: { sourceId: s.id }, dedupeKey: `source_failing:${s.id}:${streak}` };
    statements.push(...insertNotifications(db, s.workspaceId, who.platform, [note], now));
  }
  return statements;
}
