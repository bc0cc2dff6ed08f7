import type { Db } from '../../db/client.ts';
import { readMyWork } from '../../db/queries/my-work.ts';
import { listAwaitingReview } from '../../db/queries/outcomes.ts';
import { isReviewOverdue } from '../../domain/followup-rules.ts';
import type { OutcomeStatus } from '../../domain/types.ts';
import type { Viewer } from '../env.ts';
import { DUE_WINDOW_DAYS } from './reviews.ts';

export type Todo =
  | { kind: 'resubmit'; outcomeId: string; title: string }
  | { kind: 'review'; outcomeId: string; title: string; status: OutcomeStatus }
  | { kind: 'record_actuals'; outcomeId: string; title: string; dueAt: Date; overdue: boolean }
  | { kind: 'answer_survey'; surveyId: string; projectName: string; question: string };

export interface MyData {
  outcomes: { id: string; title: string; status: OutcomeStatus; projectName: string | null; updatedAt: Date }[];
  todos: Todo[];
}

/** The member's own page: what they submitted or own, and what they should do next. */
export async function loadMy(db: Db, v: Viewer, now: Date): Promise<MyData> {
  const ws = v.workspace.id;
  const me = v.person.id;
  const dueBefore = new Date(now.getTime() + DUE_WINDOW_DAYS * 86_400_000);
  const [{ list, due, open, answered }, awaiting] = await Promise.all([
    readMyWork(db, ws, { personId: me, address: v.person.platformUserId }, dueBefore),
    listAwaitingReview(db, ws, me, v.roles.pmo),
  ]);
  const done = new Set(answered.map((a) => a.surveyId));
  const todos: Todo[] = [
    ...list.filter((o) => o.status === 'changes_requested' && o.submitterId === me).map((o): Todo => ({ kind: 'resubmit', outcomeId: o.id, title: o.title })),
    ...awaiting.map((o): Todo => ({ kind: 'review', outcomeId: o.id, title: o.title, status: o.status })),
    ...due.map((r): Todo => ({ kind: 'record_actuals', outcomeId: r.outcomeId, title: r.title, dueAt: r.dueAt, overdue: isReviewOverdue(r, now) })),
    ...open.filter((s) => s.audience.includes(v.person.platformUserId) && !done.has(s.id)).map((s): Todo => ({ kind: 'answer_survey', surveyId: s.id, projectName: s.projectName, question: s.question })),
  ];
  return { outcomes: list.map((o) => ({ id: o.id, title: o.title, status: o.status, projectName: o.projectName, updatedAt: o.updatedAt ?? o.createdAt })), todos };
}
