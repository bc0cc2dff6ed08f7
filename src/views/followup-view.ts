import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { NpsSummaryView, ReviewDueView, SurveyResultsView, SurveyView } from '../../cards/view.ts';
import type { Db } from '../db/client.ts';
import { metrics, outcomes, people, projects, reviewSchedules, surveyResponses, surveys } from '../db/schema/index.ts';
import { NPS_MIN_RESPONSES, summarizeNps } from '../domain/nps.ts';
import type { Locale } from '../domain/types.ts';
import { t } from '../i18n/index.ts';
import { dateText, dateTimeText } from './dates.ts';

export interface Reader {
  locale: Locale;
  timeZone: string;
  publicUrl: string;
}

/** A survey as one respondent's card shows it; null when not in this workspace. */
export async function loadSurveyView(db: Db, workspaceId: string, surveyId: string, respondent: string | null, reader: Reader): Promise<SurveyView | null> {
  const [row] = await db
    .select({ s: surveys, project: projects.name })
    .from(surveys)
    .innerJoin(projects, eq(projects.id, surveys.projectId))
    .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.id, surveyId)));
  if (!row) return null;
  const [mine] = respondent
    ? await db.select({ score: surveyResponses.score }).from(surveyResponses).where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.respondentId, respondent)))
    : [];
  return {
    id: row.s.id,
    question: row.s.question || t(reader.locale, 'survey.default_question', { project: row.project }),
    projectName: row.project,
    kind: row.s.kind,
    status: row.s.status,
    closesText: dateTimeText(row.s.closesAt, reader.timeZone),
    myScore: mine?.score ?? null,
  };
}

const summaryOf = async (db: Db, surveyId: string): Promise<NpsSummaryView> => {
  const s = summarizeNps((await db.select({ score: surveyResponses.score }).from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId))).map((r) => r.score));
  return { n: s.n, hidden: s.hidden, nps: s.nps, interval: s.interval, promoters: s.promoters, passives: s.passives, detractors: s.detractors, distribution: s.distribution };
};

/** Results of a survey, with the project's latest closed baseline and follow-up for comparison. */
export async function loadSurveyResults(db: Db, workspaceId: string, surveyId: string, reader: Reader): Promise<SurveyResultsView | null> {
  const survey = await loadSurveyView(db, workspaceId, surveyId, null, reader);
  if (!survey) return null;
  const [row] = await db.select({ projectId: surveys.projectId }).from(surveys).where(eq(surveys.id, surveyId));
  const latest = async (kind: 'baseline' | 'follow_up') => {
    const [s] = await db
      .select({ id: surveys.id })
      .from(surveys)
      .where(and(eq(surveys.workspaceId, workspaceId), eq(surveys.projectId, row!.projectId), eq(surveys.kind, kind), eq(surveys.status, 'closed')))
      .orderBy(desc(surveys.closedAt))
      .limit(1);
    return s ? summaryOf(db, s.id) : null;
  };
  return { survey, summary: await summaryOf(db, surveyId), comparison: { baseline: await latest('baseline'), followUp: await latest('follow_up') }, minResponses: NPS_MIN_RESPONSES };
}

/** A review as the owner's due card shows it; null when not in this workspace. */
export async function loadReviewDueView(db: Db, workspaceId: string, scheduleId: string, reader: Reader): Promise<ReviewDueView | null> {
  const [row] = await db
    .select({ s: reviewSchedules, title: outcomes.title, owner: people })
    .from(reviewSchedules)
    .innerJoin(outcomes, eq(outcomes.id, reviewSchedules.outcomeId))
    .innerJoin(people, eq(people.id, sql`coalesce(${outcomes.ownerId}, ${outcomes.submitterId})`))
    .where(and(eq(reviewSchedules.workspaceId, workspaceId), eq(reviewSchedules.id, scheduleId)));
  if (!row) return null;
  const ms = await db.select().from(metrics).where(eq(metrics.outcomeId, row.s.outcomeId)).orderBy(asc(metrics.position));
  return {
    scheduleId: row.s.id,
    kind: row.s.kind,
    outcomeId: row.s.outcomeId,
    title: row.title,
    dueText: dateText(row.s.dueAt, reader.timeZone),
    status: row.s.status,
    owner: { address: row.owner.platformUserId, name: row.owner.name || row.owner.platformUserId },
    metrics: ms.map((m) => ({ id: m.id, name: m.name, unit: m.unit, direction: m.direction, baseline: m.baseline, target: m.target, actual: m.actual })),
    url: `${reader.publicUrl}/app/outcomes/${row.s.outcomeId}`,
  };
}
