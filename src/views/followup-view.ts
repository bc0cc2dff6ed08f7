import type { NpsSummaryView, QuestionResultView, ReviewDueView, SurveyQuestionView, SurveyResultsView, SurveyView, WaveView } from '../../cards/view.ts';
import type { Db } from '../db/client.ts';
import { reviewWithOwner } from '../db/queries/reviews.ts';
import { answerOf, latestClosedSurveyOf, questionsOfRow, seriesWaves, surveyAnswers, surveyScores, surveyWithProject, type SurveyRow } from '../db/queries/surveys.ts';
import { NPS_MIN_RESPONSES, summarizeNps } from '../domain/nps.ts';
import { isSingleNps, type SurveyQuestion } from '../domain/survey-questions.ts';
import { pulseTrend, summarizeQuestions } from '../domain/survey-stats.ts';
import type { Locale } from '../domain/types.ts';
import { t } from '../i18n/index.ts';
import { dateText, dateTimeText } from './dates.ts';
import { dueView } from './due-view.ts';
import { withForecast, type ForecastBasis } from './forecast-view.ts';
import { loadMetricForecasts } from './metric-forecasts.ts';

export interface Reader {
  locale: Locale;
  timeZone: string;
  publicUrl: string;
  /** When given, the review card's metrics carry their forecast (shown next to the target). */
  forecast?: ForecastBasis;
}

/** A survey as one respondent's card shows it; null when not in this workspace. */
export async function loadSurveyView(db: Db, workspaceId: string, surveyId: string, respondent: string | null, reader: Reader): Promise<SurveyView | null> {
  const row = await surveyWithProject(db, workspaceId, surveyId);
  if (!row) return null;
  const mine = respondent ? await answerOf(db, workspaceId, surveyId, respondent) : null;
  return surveyView(row.survey, row.projectName, mine?.score ?? null, reader);
}

/** A question in the reader's language: its own wording, else its preset's, else the type's default. */
export function questionView(q: SurveyQuestion, project: string, locale: Locale): SurveyQuestionView {
  const text = q.text || (q.preset ? t(locale, `survey.q.${q.preset}`, { project }) : q.type === 'nps' ? t(locale, 'survey.default_question', { project }) : t(locale, `survey.q.${q.type}`));
  return { type: q.type, text, choices: q.choices ?? [] };
}

function surveyView(s: SurveyRow, project: string, myScore: number | null, reader: Reader): SurveyView {
  const questions = questionsOfRow(s).map((q) => questionView(q, project, reader.locale));
  return {
    id: s.id,
    question: questions[0]!.text,
    projectName: project,
    kind: s.kind,
    status: s.status,
    closesText: dateTimeText(s.closesAt, reader.timeZone),
    myScore,
    questions,
    form: s.anonymous || !isSingleNps(questionsOfRow(s)),
    anonymous: s.anonymous,
    wave: s.seriesId ? s.wave : null,
  };
}

/** Every question's result of one survey. */
async function questionResults(db: Db, workspaceId: string, s: SurveyRow, view: SurveyView): Promise<QuestionResultView[]> {
  const results = summarizeQuestions(questionsOfRow(s), await surveyAnswers(db, workspaceId, s.id));
  return results.map((r, i) => ({ ...r, question: view.questions[i]! }) as QuestionResultView);
}

/** A pulse's waves so far with each question's headline number; null for a one-off survey. */
async function trendOf(db: Db, workspaceId: string, s: SurveyRow, reader: Reader): Promise<WaveView[] | null> {
  if (!s.seriesId) return null;
  const waves = await seriesWaves(db, workspaceId, s.seriesId);
  const points = pulseTrend(questionsOfRow(s), waves);
  return points.map((p) => ({ ...p, openedText: dateText(waves.find((w) => w.wave === p.wave)!.createdAt, reader.timeZone) }));
}

const summaryOf = async (db: Db, workspaceId: string, surveyId: string): Promise<NpsSummaryView> => {
  const s = summarizeNps(await surveyScores(db, workspaceId, surveyId));
  return { n: s.n, hidden: s.hidden, nps: s.nps, interval: s.interval, promoters: s.promoters, passives: s.passives, detractors: s.detractors, distribution: s.distribution };
};

/** Results of a survey, with the project's latest closed baseline and follow-up for comparison. */
export async function loadSurveyResults(db: Db, workspaceId: string, surveyId: string, reader: Reader): Promise<SurveyResultsView | null> {
  const row = await surveyWithProject(db, workspaceId, surveyId);
  if (!row) return null;
  const latest = async (kind: 'baseline' | 'follow_up') => {
    const id = await latestClosedSurveyOf(db, workspaceId, row.survey.projectId, kind);
    return id ? summaryOf(db, workspaceId, id) : null;
  };
  const survey = surveyView(row.survey, row.projectName, null, reader);
  return {
    survey,
    questions: await questionResults(db, workspaceId, row.survey, survey),
    trend: await trendOf(db, workspaceId, row.survey, reader),
    summary: await summaryOf(db, workspaceId, surveyId),
    comparison: { baseline: await latest('baseline'), followUp: await latest('follow_up') },
    minResponses: NPS_MIN_RESPONSES,
  };
}

/** A review as the owner's due card shows it; null when not in this workspace. */
export async function loadReviewDueView(db: Db, workspaceId: string, scheduleId: string, reader: Reader, now: Date): Promise<ReviewDueView | null> {
  const row = await reviewWithOwner(db, workspaceId, scheduleId);
  if (!row) return null;
  const { schedule: s, owner } = row;
  const basis = reader.forecast;
  const forecasts = basis ? await loadMetricForecasts(db, workspaceId, row.metrics.map((m) => m.id), basis.threshold, basis.now) : null;
  return {
    scheduleId: s.id,
    kind: s.kind,
    outcomeId: s.outcomeId,
    title: row.title,
    dueText: dateText(s.dueAt, reader.timeZone),
    due: dueView(s, now, reader.timeZone),
    status: s.status,
    owner: { address: owner.platformUserId, name: owner.name || owner.platformUserId },
    metrics: row.metrics.map((m) => ({ id: m.id, name: m.name, unit: m.unit, direction: m.direction, baseline: m.baseline, target: m.target, actual: m.actual, ...withForecast(forecasts?.get(m.id), reader.timeZone) })),
    url: `${reader.publicUrl}/app/outcomes/${s.outcomeId}`,
  };
}
