import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { outcomes, projects, reviewSchedules, surveyResponses, surveys } from '../../db/schema/index.ts';
import type { OutcomeStatus } from '../../domain/types.ts';
import { listAwaitingReview } from '../../views/outcome-view.ts';
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
  const mine = and(eq(outcomes.workspaceId, ws), or(eq(outcomes.submitterId, me), eq(outcomes.ownerId, me)));
  const [list, due, awaiting, open, answered] = await Promise.all([
    db
      .select({ id: outcomes.id, title: outcomes.title, status: outcomes.status, projectName: projects.name, updatedAt: outcomes.updatedAt, createdAt: outcomes.createdAt, submitterId: outcomes.submitterId })
      .from(outcomes)
      .leftJoin(projects, eq(projects.id, outcomes.projectId))
      .where(mine)
      .orderBy(desc(outcomes.createdAt))
      .limit(200),
    db
      .select({ outcomeId: outcomes.id, title: outcomes.title, dueAt: reviewSchedules.dueAt })
      .from(reviewSchedules)
      .innerJoin(outcomes, eq(outcomes.id, reviewSchedules.outcomeId))
      .where(
        and(
          eq(outcomes.workspaceId, ws),
          or(eq(outcomes.ownerId, me), and(isNull(outcomes.ownerId), eq(outcomes.submitterId, me))),
          inArray(reviewSchedules.status, ['scheduled', 'notified']),
          sql`${reviewSchedules.dueAt} <= ${now.getTime() + DUE_WINDOW_DAYS * 86_400_000}`,
        ),
      ),
    listAwaitingReview(db, ws, me, v.roles.pmo),
    db
      .select({ id: surveys.id, audience: surveys.audience, question: surveys.question, projectName: projects.name })
      .from(surveys)
      .innerJoin(projects, eq(projects.id, surveys.projectId))
      .where(and(eq(surveys.workspaceId, ws), eq(surveys.status, 'open'))),
    db.select({ surveyId: surveyResponses.surveyId }).from(surveyResponses).where(and(eq(surveyResponses.workspaceId, ws), eq(surveyResponses.respondentId, v.person.platformUserId))),
  ]);
  const done = new Set(answered.map((a) => a.surveyId));
  const todos: Todo[] = [
    ...list.filter((o) => o.status === 'changes_requested' && o.submitterId === me).map((o): Todo => ({ kind: 'resubmit', outcomeId: o.id, title: o.title })),
    ...awaiting.map((o): Todo => ({ kind: 'review', outcomeId: o.id, title: o.title, status: o.status })),
    ...due.map((r): Todo => ({ kind: 'record_actuals', outcomeId: r.outcomeId, title: r.title, dueAt: r.dueAt, overdue: r.dueAt < now })),
    ...open.filter((s) => s.audience.includes(v.person.platformUserId) && !done.has(s.id)).map((s): Todo => ({ kind: 'answer_survey', surveyId: s.id, projectName: s.projectName, question: s.question })),
  ];
  return { outcomes: list.map((o) => ({ id: o.id, title: o.title, status: o.status, projectName: o.projectName, updatedAt: o.updatedAt ?? o.createdAt })), todos };
}
