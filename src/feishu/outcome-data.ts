import { and, eq } from 'drizzle-orm';
import type { OutcomeView, ReviewView } from '../../cards/view.ts';
import type { Deps, DepsCore } from '../deps.ts';
import { people, reviews } from '../db/schema/index.ts';
import { dateTimeText } from '../views/dates.ts';
import { loadOutcomeView } from '../views/outcome-view.ts';
import { evidenceLink } from './evidence-link.ts';

/**
 * An outcome as Feishu cards show it: the shared view model, with each file the member
 * sent turned into a signed link reviewers can open.
 */
export async function feishuOutcomeView(deps: Deps | DepsCore, workspaceId: string, outcomeId: string, timeZone: string): Promise<OutcomeView | null> {
  const { publicUrl, appSecret } = deps.config;
  const view = await loadOutcomeView(deps.db, workspaceId, outcomeId, { timeZone, publicUrl });
  if (!view) return null;
  const evidence = await Promise.all(
    view.evidence.map(async (e) =>
      e.url || !e.fileRef || !e.messageId || !appSecret ? e : { ...e, url: await evidenceLink(publicUrl, appSecret, { workspaceId, messageId: e.messageId, fileKey: e.fileRef }, deps.clock.now()) },
    ),
  );
  return { ...view, evidence };
}

/** The decision of one stage in one round, if it was made. */
export async function stageDecision(deps: Deps | DepsCore, workspaceId: string, outcomeId: string, round: number, stage: 'manager' | 'pmo', timeZone: string): Promise<ReviewView | null> {
  const [row] = await deps.db
    .select({ r: reviews, name: people.name, address: people.platformUserId })
    .from(reviews)
    .innerJoin(people, eq(people.id, reviews.reviewerId))
    .where(and(eq(reviews.workspaceId, workspaceId), eq(reviews.outcomeId, outcomeId), eq(reviews.round, round), eq(reviews.stage, stage)));
  if (!row) return null;
  const { r } = row;
  return {
    stage: r.stage,
    decision: r.decision,
    reviewer: { address: row.address, name: row.name || row.address },
    comment: r.comment,
    scores: r.impact && r.difficulty && r.innovation ? { impact: r.impact, difficulty: r.difficulty, innovation: r.innovation } : null,
    decidedAt: r.decidedAt.toISOString(),
    decidedAtText: dateTimeText(r.decidedAt, timeZone),
  };
}
