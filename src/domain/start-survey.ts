import { cleanText } from './clean-text.ts';
import { DomainError, assertNoFieldErrors, type FieldError } from './errors.ts';
import type { Clock, Notification, PeopleDirectory, SurveyRepo, WorkspaceContext } from './ports.ts';
import { MAX_PULSE_EVERY_DAYS, MAX_PULSE_SPAN_DAYS, nextWaveStart, type PulsePlan } from './pulse.ts';
import { workingMorningAfter } from './schedule.ts';
import { normalizeQuestions, questionProblems, type SurveyQuestion } from './survey-questions.ts';
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
  /** 1–5 questions; missing: one NPS question with `question`'s wording (the original survey). */
  questions?: SurveyQuestion[];
  /** Answers stored without the respondent (see answerQuestions). */
  anonymous?: boolean;
  /** A recurring pulse: a new wave every `everyDays` until `until`; each wave closes before the next opens. */
  pulse?: PulsePlan | null;
}

const questionsOf = (input: Pick<StartSurveyInput, 'questions' | 'question'>): SurveyQuestion[] => normalizeQuestions(input.questions ?? [{ type: 'nps', text: input.question ?? '' }]);

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
  // The one-question survey's wording is the `question` field: its length is told there, once.
  const legacyTooLong = problems.some((p) => p.field === 'question');
  problems.push(...questionProblems(questionsOf(input)).filter((p) => !(legacyTooLong && p.key === 'survey.question_too_long')));
  const pulse = input.pulse;
  if (pulse) {
    if (!Number.isInteger(pulse.everyDays) || pulse.everyDays < 1 || pulse.everyDays > MAX_PULSE_EVERY_DAYS) problems.push({ field: 'pulse', key: 'survey.pulse_every_invalid', params: { max: MAX_PULSE_EVERY_DAYS } });
    else if (closes - now > pulse.everyDays * 86_400_000) problems.push({ field: 'closesAt', key: 'survey.closes_after_next_wave', params: { days: pulse.everyDays } });
    const until = pulse.until.getTime();
    if (!Number.isFinite(until) || until <= now || until > now + MAX_PULSE_SPAN_DAYS * 86_400_000) problems.push({ field: 'pulseUntil', key: 'survey.pulse_until_invalid', params: { max: MAX_PULSE_SPAN_DAYS } });
  }
  return problems;
}

/**
 * A PMO member or admin starts a survey (1–5 questions, maybe anonymous, maybe a recurring
 * pulse): one invite per person goes into the outbox with the survey, and the one reminder
 * is planned for 09:00 on a working day. A pulse's later waves are started by the scheduler.
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
  const questions = questionsOf(input);
  const question = questions[0]!.text;

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
    questions,
    anonymous: input.anonymous ?? false,
    seriesId: input.pulse ? id : null,
    wave: 1,
    pulseEveryDays: input.pulse?.everyDays ?? null,
    pulseUntil: input.pulse?.until ?? null,
    nextWaveAt: input.pulse ? nextWaveStart(now, input.pulse) : null,
    remindAfterDays,
    remindAt: remindAt.getTime() < closes ? remindAt : null,
    createdAt: now,
    notifications,
  });
  return { surveyId: id, invited: audience.length };
}
