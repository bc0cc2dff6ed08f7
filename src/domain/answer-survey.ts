import { cleanOptional } from './clean-text.ts';
import { DomainError } from './errors.ts';
import { npsBucket } from './nps.ts';
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
  const bucket = npsBucket(input.score);
  const comment = input.comment === undefined ? undefined : cleanOptional(input.comment)?.trim().slice(0, 2000) || null;
  const result = await ctx.surveys.saveAnswer({ workspaceId: input.workspace.id, surveyId: survey.id, respondentId: input.respondent, score: input.score, comment, at: now });
  return { result, bucket };
}
