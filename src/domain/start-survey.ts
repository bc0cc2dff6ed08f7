import { cleanText } from './clean-text.ts';
import { DomainError, assertNoFieldErrors, type FieldError } from './errors.ts';
import type { Clock, Notification, PeopleDirectory, SurveyRepo, WorkspaceContext } from './ports.ts';
import { workingMorningAfter } from './schedule.ts';
import { isAdmin, type AdminActor } from './update-settings.ts';

/** What the survey verbs need. */
export interface SurveyContext {
  clock: Clock;
  surveys: SurveyRepo;
  people: PeopleDirectory;
  newId(): string;
}

export interface StartSurveyInput {
  workspace: WorkspaceContext;
  installedBy: string | null;
  actor: AdminActor & { id: string };
  projectId: string;
  outcomeId?: string | null;
  /** Empty or missing: the default question, in each respondent's language. */
  question?: string | null;
  /** Platform user ids of the people asked. */
  audience: string[];
  closesAt: Date;
  kind: 'baseline' | 'follow_up';
}

export const MAX_AUDIENCE = 500;
const MAX_OPEN_DAYS = 90;

/**
 * A PMO member or admin starts an NPS survey: one invite per person goes into the outbox
 * with the survey, and the one reminder is planned for 09:00 on a working day.
 */
export async function startSurvey({ ctx, input }: { ctx: SurveyContext; input: StartSurveyInput }) {
  const { workspace, actor } = input;
  const isPmo = workspace.settings.pmoReviewers.includes(actor.address);
  if (!isPmo && !isAdmin(workspace.settings, input.installedBy, actor)) throw new DomainError('forbidden', 'error.pmo_only');
  const now = ctx.clock.now();
  const audience = [...new Set(input.audience.map((a) => a.trim()).filter(Boolean))];
  const problems: FieldError[] = [];
  if (!(await ctx.surveys.projectExists(workspace.id, input.projectId))) problems.push({ field: 'projectId', key: 'smart.project_required' });
  else if (input.outcomeId && !(await ctx.surveys.outcomeInProject(workspace.id, input.outcomeId, input.projectId)))
    problems.push({ field: 'outcomeId', key: 'survey.outcome_not_in_project' });
  if (audience.length === 0) problems.push({ field: 'audience', key: 'survey.audience_required' });
  if (audience.length > MAX_AUDIENCE) problems.push({ field: 'audience', key: 'survey.audience_too_large', params: { max: MAX_AUDIENCE } });
  const closes = input.closesAt.getTime();
  if (!Number.isFinite(closes) || closes <= now.getTime() || closes > now.getTime() + MAX_OPEN_DAYS * 86_400_000)
    problems.push({ field: 'closesAt', key: 'survey.closes_at_invalid', params: { max: MAX_OPEN_DAYS } });
  const question = cleanText(input.question ?? '').trim();
  if (question.length > 300) problems.push({ field: 'question', key: 'survey.question_too_long', params: { max: 300 } });
  assertNoFieldErrors(problems);

  const id = ctx.newId();
  const remindAfterDays = workspace.settings.reminderAfterDays;
  const remindAt = workingMorningAfter(now, remindAfterDays, workspace.settings.timeZone);
  const notifications: Notification[] = audience.map((address) => ({
    kind: 'survey_invite',
    to: { personId: null, address },
    data: { surveyId: id },
    dedupeKey: `survey_invite:${id}:${address}`,
  }));
  await ctx.surveys.saveSurvey({
    id,
    workspaceId: workspace.id,
    projectId: input.projectId,
    outcomeId: input.outcomeId ?? null,
    kind: input.kind,
    audience,
    closesAt: input.closesAt,
    startedBy: actor.id,
    question,
    remindAfterDays,
    remindAt: remindAt.getTime() < closes ? remindAt : null,
    createdAt: now,
    notifications,
  });
  return { surveyId: id, invited: audience.length };
}
