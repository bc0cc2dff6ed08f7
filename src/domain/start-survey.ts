import { cleanText } from './clean-text.ts';
import { DomainError, assertNoFieldErrors, type FieldError } from './errors.ts';
import type { Clock, Notification, PeopleDirectory, SurveyRepo, WorkspaceContext } from './ports.ts';
import { workingMorningAfter } from './schedule.ts';
import { calendarOf } from './working-calendar.ts';
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
  /** Null when the form left it unchosen: a field problem. */
  kind: 'baseline' | 'follow_up' | null;
}

export const MAX_AUDIENCE = 500;
const MAX_OPEN_DAYS = 90;
const MAX_QUESTION = 300;

/** The survey's people: trimmed, without blanks, each once. */
const audienceOf = (input: Pick<StartSurveyInput, 'audience'>): string[] => [...new Set(input.audience.map((a) => a.trim()).filter(Boolean))];

/**
 * Every field problem of a survey about to be started (`projectId`, `outcomeId`, `kind`,
 * `audience`, `closesAt`, `question`), the rules only the domain can judge included: the
 * project and the outcome belong to this workspace and to each other. Reads, never writes;
 * forms map the fields to their own blocks, and startSurvey refuses the same input.
 */
export async function validateStartSurvey(ctx: Pick<SurveyContext, 'clock' | 'surveys'>, workspaceId: string, input: Omit<StartSurveyInput, 'workspace' | 'installedBy' | 'actor'>): Promise<FieldError[]> {
  const now = ctx.clock.now().getTime();
  const problems: FieldError[] = [];
  // A forged form value (another workspace's project) reads as not chosen.
  if (!input.projectId || !(await ctx.surveys.projectExists(workspaceId, input.projectId))) problems.push({ field: 'projectId', key: 'smart.project_required' });
  // Checked even without a valid project, so that every problem shows at once.
  if (input.outcomeId && !(await ctx.surveys.outcomeInProject(workspaceId, input.outcomeId, input.projectId))) problems.push({ field: 'outcomeId', key: 'survey.outcome_not_in_project' });
  if (!input.kind) problems.push({ field: 'kind', key: 'survey.kind_required' });
  const audience = audienceOf(input);
  if (audience.length === 0) problems.push({ field: 'audience', key: 'survey.audience_required' });
  if (audience.length > MAX_AUDIENCE) problems.push({ field: 'audience', key: 'survey.audience_too_large', params: { max: MAX_AUDIENCE } });
  const closes = input.closesAt.getTime();
  if (!Number.isFinite(closes) || closes <= now || closes > now + MAX_OPEN_DAYS * 86_400_000) problems.push({ field: 'closesAt', key: 'survey.closes_at_invalid', params: { max: MAX_OPEN_DAYS } });
  if (cleanText(input.question ?? '').trim().length > MAX_QUESTION) problems.push({ field: 'question', key: 'survey.question_too_long', params: { max: MAX_QUESTION } });
  return problems;
}

/**
 * A PMO member or admin starts an NPS survey: one invite per person goes into the outbox
 * with the survey, and the one reminder is planned for 09:00 on a working day.
 */
export async function startSurvey({ ctx, input }: { ctx: SurveyContext; input: StartSurveyInput }) {
  const { workspace, actor } = input;
  const isPmo = workspace.settings.pmoReviewers.includes(actor.address);
  if (!isPmo && !isAdmin(workspace.settings, input.installedBy, actor)) throw new DomainError('forbidden', 'error.pmo_only');
  assertNoFieldErrors(await validateStartSurvey(ctx, workspace.id, input));
  const kind = input.kind ?? 'follow_up'; // never the fallback: a missing kind was refused above
  const now = ctx.clock.now();
  const audience = audienceOf(input);
  const closes = input.closesAt.getTime();
  const question = cleanText(input.question ?? '').trim();

  const id = ctx.newId();
  const remindAfterDays = workspace.settings.reminderAfterDays;
  const remindAt = workingMorningAfter(now, remindAfterDays, workspace.settings.timeZone, calendarOf(workspace.settings));
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
    kind,
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
