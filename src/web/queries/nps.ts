import type { Db } from '../../db/client.ts';
import { readNpsRows, readSurveyAnswerRows } from '../../db/queries/nps.ts';
import { answersOfRow, questionsOfRow } from '../../db/queries/surveys.ts';
import { summarizeNps, type NpsSummary } from '../../domain/nps.ts';
import { isSingleNps, type AnswerValue, type SurveyQuestion } from '../../domain/survey-questions.ts';
import { summarizeQuestions, type QuestionResult } from '../../domain/survey-stats.ts';
import type { Viewer } from '../env.ts';

export interface SurveyResult {
  id: string;
  kind: 'baseline' | 'follow_up';
  question: string;
  status: 'open' | 'closed';
  createdAt: Date;
  summary: NpsSummary;
  /** Answered with a form (several questions, or anonymous): its per-question results matter. */
  form: boolean;
  wave: number | null;
  questions: SurveyQuestion[];
  results: QuestionResult[];
}

export interface ProjectNps {
  projectId: string;
  name: string;
  baseline: SurveyResult | null;
  followUp: SurveyResult | null;
  /** Every survey of the project, oldest first (hidden ones keep only their n). */
  trend: SurveyResult[];
}

/**
 * NPS per project for the whole workspace. Results are aggregates and are hidden below
 * three answers (domain/nps.ts, survey-stats.ts), so every member may see them; respondents
 * are never read here, and a questionnaire's free-text answers are listed only from three
 * answers on, as on the results card (the old NPS comment field is never shown).
 */
export async function loadNps(db: Db, v: Viewer): Promise<ProjectNps[]> {
  const { rows, scores: counted } = await readNpsRows(db, v.workspace.id);
  const listOf = <T,>(m: Map<string, T[]>, id: string): T[] => m.get(id) ?? m.set(id, []).get(id)!;
  const scores = new Map<string, number[]>();
  for (const c of counted) listOf(scores, c.surveyId).push(...Array.from({ length: c.n }, () => c.score!));
  const questionsOf = new Map(rows.map((s) => [s.id, questionsOfRow(s)]));
  const isForm = (s: (typeof rows)[number]) => s.anonymous || !isSingleNps(questionsOf.get(s.id)!);
  // A questionnaire's results need each answer; a one-question NPS survey's answers are its scores.
  const all = new Map<string, AnswerValue[][]>();
  for (const a of await readSurveyAnswerRows(db, v.workspace.id, rows.filter(isForm).map((s) => s.id))) listOf(all, a.surveyId).push(answersOfRow(a));
  for (const s of rows) if (!isForm(s)) all.set(s.id, (scores.get(s.id) ?? []).map((score) => [score]));
  const byProject = new Map<string, ProjectNps>();
  for (const s of rows) {
    const p = byProject.get(s.projectId) ?? { projectId: s.projectId, name: s.name, baseline: null, followUp: null, trend: [] };
    const questions = questionsOf.get(s.id)!;
    const result: SurveyResult = {
      id: s.id,
      kind: s.kind,
      question: s.question,
      status: s.status,
      createdAt: s.createdAt,
      summary: summarizeNps(scores.get(s.id) ?? []),
      form: isForm(s),
      wave: s.seriesId ? s.wave : null,
      questions,
      results: summarizeQuestions(questions, all.get(s.id) ?? []),
    };
    p.trend.push(result);
    // Rows come oldest first, so the last of each kind wins: the latest baseline and follow-up.
    if (s.kind === 'baseline') p.baseline = result;
    else p.followUp = result;
    byProject.set(s.projectId, p);
  }
  return [...byProject.values()].sort((a, b) => a.name.localeCompare(b.name));
}
