import { surveyStartedCard } from '../../../../cards/feishu/followup-notices.ts';
import { NPS_FIELDS, npsFormCard } from '../../../../cards/feishu/nps-form-card.ts';
import type { FormError } from '../../../../cards/feishu/form-card.ts';
import { isUniqueViolation } from '../../../db/client.ts';
import { kickOutbox } from '../../../delivery/kick.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { PersonRef } from '../../../domain/ports.ts';
import { MAX_AUDIENCE, startSurvey, validateStartSurvey, type StartSurveyInput } from '../../../domain/start-survey.ts';
import type { Locale } from '../../../domain/types.ts';
import { loadSurveyView } from '../../../views/followup-view.ts';
import { actorIsAdmin } from '../admin/admin.ts';
import type { CardResponse } from '../../inbound/card-response.ts';
import { timeZoneOf, type FeishuCtx } from '../../context.ts';
import { renderCard, toastOf } from '../../render.ts';
import { hex } from '../../inbound/verify.ts';
import { chatMembers } from './chats.ts';
import { lookupBudget, type LookupBudget } from '../../adapter/timeout.ts';
import { npsFormProps } from './nps-form-props.ts';
import { parseNpsForm, toNpsFormErrors, type ParsedNpsForm } from './parse-nps-form.ts';

/** Who sent the survey form, from which card. */
export interface NpsSubmission {
  member: PersonRef;
  locale: Locale;
  nonce: string;
  formValue: unknown;
  openMessageId: string;
}

/**
 * The survey's id, derived from the form card and its nonce: a double submit asks to store
 * the same survey twice, which the primary key refuses, so one survey is started.
 */
async function surveyIdFor(workspaceId: string, messageId: string, nonce: string): Promise<string> {
  const h = hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`nps:${workspaceId}:${messageId}:${nonce}`)));
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** What only Feishu can tell (a person or group value it cannot use, a group it cannot read) and the audience that leaves. */
function feishuProblems(parsed: ParsedNpsForm, members: string[] | null): { problems: FormError[]; audience: string[] } {
  const problems = [...parsed.errors];
  if (members === null) problems.push({ name: NPS_FIELDS.chat, key: 'feishu.nps.chat_unavailable' });
  return { problems, audience: [...parsed.people, ...(members ?? [])] };
}

async function formAgain(ctx: FeishuCtx, s: NpsSubmission, parsed: ParsedNpsForm, errors: FormError[], budget: LookupBudget): Promise<CardResponse> {
  const props = await npsFormProps(ctx.deps, ctx.workspace, s.member, { nonce: s.nonce, values: parsed.values, people: parsed.people, errors }, budget);
  return { toast: toastOf('error', 'error.validation_failed', {}, s.locale), card: { type: 'raw', data: renderCard((c) => npsFormCard(props, c), s.locale, ctx.deps.config.publicUrl) } };
}

/** The card that replaces the form once the survey is stored (also for a repeated submit). */
async function started(ctx: FeishuCtx, s: NpsSubmission, surveyId: string): Promise<CardResponse> {
  const { deps, workspace } = ctx;
  const reader = { locale: s.locale, timeZone: timeZoneOf(s.member, workspace), publicUrl: deps.config.publicUrl };
  const [survey, view] = await Promise.all([deps.repos.surveys.get(workspace.id, surveyId), loadSurveyView(deps.db, workspace.id, surveyId, null, reader)]);
  if (!survey || !view) throw new DomainError('not_found', 'error.not_found');
  const props = { projectName: view.projectName, count: survey.audience.length, closesText: view.closesText };
  return {
    toast: toastOf('success', 'feishu.toast.survey_started', { count: props.count }, s.locale),
    card: { type: 'raw', data: renderCard((c) => surveyStartedCard(props, c), s.locale, ctx.deps.config.publicUrl) },
  };
}

/**
 * A submitted survey form (PMO and admins): problems → the form again with a note beside
 * each field and nothing stored; valid → the survey is stored with one invite per person
 * in the outbox, and the form becomes a "survey started" card.
 */
export async function submitNpsForm(ctx: FeishuCtx, s: NpsSubmission): Promise<CardResponse> {
  const { deps, workspace, row } = ctx;
  const surveyId = await surveyIdFor(workspace.id, s.openMessageId, s.nonce);
  if (await deps.repos.surveys.get(workspace.id, surveyId)) return started(ctx, s, surveyId);
  const isPmo = workspace.settings.pmoReviewers.includes(s.member.address);
  const parsed = parseNpsForm(s.formValue, timeZoneOf(s.member, workspace));
  // The admin check and the group's members are asked side by side, within one budget.
  const budget = lookupBudget();
  const [isPlatformAdmin, members] = await Promise.all([
    isPmo ? false : actorIsAdmin(ctx, s.member.address, budget),
    parsed.chatId ? chatMembers(deps, parsed.chatId, MAX_AUDIENCE, budget) : [],
  ]);
  if (!isPmo && !isPlatformAdmin) throw new DomainError('forbidden', 'error.pmo_only');
  const { problems, audience } = feishuProblems(parsed, members);
  const input: StartSurveyInput = {
    workspace,
    installedBy: row.installedBy,
    actor: { id: s.member.id, address: s.member.address, isPlatformAdmin },
    projectId: parsed.projectId,
    outcomeId: parsed.outcomeId,
    question: parsed.question || null,
    audience,
    closesAt: parsed.closesAt,
    kind: parsed.kind,
    questions: parsed.questions,
    anonymous: parsed.anonymous,
    pulse: parsed.pulse,
  };
  const fieldErrors = await validateStartSurvey({ clock: deps.clock, surveys: deps.repos.surveys }, workspace.id, input);
  if (problems.length || fieldErrors.length) return formAgain(ctx, s, parsed, [...problems, ...toNpsFormErrors(fieldErrors)], budget);
  try {
    await startSurvey({ ctx: { clock: deps.clock, surveys: deps.repos.surveys, people: deps.repos.people, newId: () => surveyId }, input });
  } catch (err) {
    if (err instanceof DomainError && err.code === 'validation_failed') return formAgain(ctx, s, parsed, toNpsFormErrors(err.fields), budget);
    // A concurrent double submit stored it first.
    if (!isUniqueViolation(err, 'surveys')) throw err;
  }
  kickOutbox(deps, ctx.defer);
  return started(ctx, s, surveyId);
}
