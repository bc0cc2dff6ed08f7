import { cleanOptional } from './clean-text.ts';
import { DomainError } from './errors.ts';
import { npsBucket } from './nps.ts';
import { checkAnswers, isSingleNps } from './survey-questions.ts';
import type { WorkspaceContext } from './ports.ts';
import type { SurveyContext } from './start-survey.ts';

export interface AnswerSurveyInput {
  workspace: WorkspaceContext;
  surveyId: string;
  /** Platform user id of the person clicking. */
  respondent: string;
  score: number;
  /** Left out (a plain score click): the comment given before stays; null or blank clears it. */
  comment?: string | null;
}

/**
 * One answer per person per survey: a second click while the survey is open changes the
 * answer; after closing every click is told the survey has closed.
 */
export async function answerSurvey({ ctx, input }: { ctx: Pick<SurveyContext, 'clock' | 'surveys'>; input: AnswerSurveyInput }) {
  const survey = await ctx.surveys.get(input.workspace.id, input.surveyId);
  if (!survey) throw new DomainError('not_found', 'error.not_found');
  if (!survey.audience.includes(input.respondent)) throw new DomainError('forbidden', 'error.survey_not_invited');
  const now = ctx.clock.now();
  if (survey.status === 'closed' || now.getTime() >= survey.closesAt.getTime()) throw new DomainError('closed', 'error.survey_closed');
  // The 0–10 buttons answer only the named one-question survey; a questionnaire is answered whole, once.
  if (survey.anonymous || !isSingleNps(survey.questions)) throw new DomainError('bad_request', 'error.survey_use_form');
  const bucket = npsBucket(input.score);
  const comment = input.comment === undefined ? undefined : cleanOptional(input.comment)?.trim().slice(0, 2000) || null;
  const result = await ctx.surveys.saveAnswer({ workspaceId: input.workspace.id, surveyId: survey.id, respondentId: input.respondent, score: input.score, comment, at: now });
  return { result, bucket };
}

export interface AnswerQuestionsInput {
  workspace: WorkspaceContext;
  surveyId: string;
  /** Platform user id of the person answering (never stored for an anonymous survey). */
  respondent: string;
  /** One raw value per question, in order (untrusted form values). */
  answers: readonly unknown[];
}

/** What answering a questionnaire needs: the keyed hash for anonymous surveys (src/security/respondent-key.ts). */
export type AnswerContext = Pick<SurveyContext, 'clock' | 'surveys'> & { respondentKey(surveyId: string, address: string): Promise<string> };

/**
 * A questionnaire answer (the Slack modal, the Feishu form card): every question checked,
 * stored once. A second answer is refused (`already_decided`), so that an anonymous
 * survey, which cannot tell whose stored answer to change, behaves like a named one.
 * Anonymous: stored without the person and with the wave's opening time instead of now,
 * so the row carries nothing to join against; the keyed hash alone keeps it to one answer.
 */
export async function answerQuestions({ ctx, input }: { ctx: AnswerContext; input: AnswerQuestionsInput }) {
  const survey = await ctx.surveys.get(input.workspace.id, input.surveyId);
  if (!survey) throw new DomainError('not_found', 'error.not_found');
  if (!survey.audience.includes(input.respondent)) throw new DomainError('forbidden', 'error.survey_not_invited');
  const now = ctx.clock.now();
  if (survey.status === 'closed' || now.getTime() >= survey.closesAt.getTime()) throw new DomainError('closed', 'error.survey_closed');
  const answers = checkAnswers(survey.questions, input.answers);
  const npsAt = survey.questions.findIndex((q) => q.type === 'nps');
  const score = npsAt >= 0 ? (answers[npsAt] as number) : null;
  const base = { workspaceId: input.workspace.id, surveyId: survey.id, score, answers };
  const saved = survey.anonymous
    ? await ctx.surveys.saveResponse({ ...base, anonymous: true, key: await ctx.respondentKey(survey.id, input.respondent), at: survey.createdAt })
    : await ctx.surveys.saveResponse({ ...base, anonymous: false, respondentId: input.respondent, at: now });
  if (saved === 'duplicate') throw new DomainError('already_decided', 'error.survey_already_answered');
  return { questions: survey.questions.length };
}
