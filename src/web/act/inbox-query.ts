import type { OutcomeView } from '../../../cards/view.ts';
import { listAwaitingReview, listMyOutcomes } from '../../db/queries/outcomes.ts';
import { listMyOpenReviews } from '../../db/queries/my-open-reviews.ts';
import type { ReviewStage } from '../../domain/types.ts';
import type { Deps } from '../../deps.ts';
import { loadOutcomeView } from '../../views/outcome-view.ts';
import type { Viewer } from '../env.ts';

/** The oldest this many decisions are shown (each is read whole, as its chat card is); the rest follow as these are decided. */
export const INBOX_LIMIT = 20;

/** One decision waiting for me, with what its card shows. */
export interface WaitingDecision {
  view: OutcomeView;
  stage: ReviewStage;
  since: Date;
}

export interface Inbox {
  /** Stages waiting for my decision (manager stage assigned or handed to me; the PMO stage when I am PMO), oldest first. */
  decide: WaitingDecision[];
  /** My outcomes sent back to me, with the reviewer's comment. */
  changes: { id: string; title: string; comment: string | null }[];
  /** Follow-up reviews I record, soonest first. */
  reviews: Awaited<ReturnType<typeof listMyOpenReviews>>;
}

/** What waits on the viewer: decisions, outcomes to change and resubmit, reviews to record. */
export async function loadInbox(deps: Deps, v: Viewer): Promise<Inbox> {
  const ws = v.workspace.id;
  const reader = { timeZone: v.timeZone, publicUrl: deps.config.publicUrl };
  const [waiting, mine, reviews] = await Promise.all([listAwaitingReview(deps.db, ws, v.person.id, v.roles.pmo, INBOX_LIMIT), listMyOutcomes(deps.db, ws, v.person.id, 50), listMyOpenReviews(deps.db, ws, v.person.id)]);
  const views = await Promise.all(waiting.map((o) => loadOutcomeView(deps.db, ws, o.id, reader)));
  const decide = waiting.flatMap((o, i) => (views[i] ? [{ view: views[i]!, stage: (o.status === 'submitted' ? 'manager' : 'pmo') as ReviewStage, since: o.updatedAt }] : []));
  const sentBack = mine.filter((o) => o.status === 'changes_requested');
  const backViews = await Promise.all(sentBack.map((o) => loadOutcomeView(deps.db, ws, o.id, reader)));
  const changes = sentBack.map((o, i) => ({ id: o.id, title: o.title, comment: backViews[i]?.reviews.at(-1)?.comment ?? null }));
  return { decide, changes, reviews };
}
