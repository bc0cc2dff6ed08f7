import type { App } from '@slack/bolt';
import { esc } from '../../../../cards/slack/blocks.ts';
import { renderInfoModal } from '../../../../cards/slack/comment-modal.ts';
import { SURVEY_BLOCKS, SURVEY_CALLBACK } from '../../../../cards/slack/survey-modal.ts';
import { isUniqueViolation } from '../../../db/client.ts';
import { projectName } from '../../../db/queries/projects.ts';
import { kickOutbox } from '../../../delivery/kick.ts';
import { DomainError, type FieldError } from '../../../domain/errors.ts';
import { MAX_AUDIENCE, startSurvey, validateStartSurvey, type StartSurveyInput } from '../../../domain/start-survey.ts';
import { t } from '../../../i18n/index.ts';
import { dateTimeText } from '../../../views/dates.ts';
import { channelMembers } from './channel-members.ts';
import { pmoAccess } from './pmo-access.ts';
import { readSurvey, type ParsedSurvey } from './read-survey.ts';
import type { StateValues } from '../submit/read-submission.ts';
import { asModal, errorText } from '../../reply.ts';
import { memberOf, scopeOf, type Member, type SlackScope } from '../../context.ts';

type BlockErrors = Record<string, string>;

/** The modal block that shows a field problem of validateStartSurvey. */
function blockOf(field: string, p: ParsedSurvey): string {
  if (field === 'projectId') return SURVEY_BLOCKS.project;
  if (field === 'outcomeId') return SURVEY_BLOCKS.outcome;
  if (field === 'kind') return SURVEY_BLOCKS.kind;
  if (field === 'closesAt') return SURVEY_BLOCKS.closes;
  if (field === 'question') return SURVEY_BLOCKS.question;
  // The presets are always valid: a question problem is in the custom lines.
  if (field.startsWith('questions')) return SURVEY_BLOCKS.custom;
  if (field === 'pulse') return SURVEY_BLOCKS.pulseEvery;
  if (field === 'pulseUntil') return SURVEY_BLOCKS.pulseUntil;
  if (field === 'audience') return p.people.length || !p.channels.length ? SURVEY_BLOCKS.people : SURVEY_BLOCKS.channels;
  return SURVEY_BLOCKS.project;
}

/** The domain's field problems beside their blocks, in the member's language (the first per block). */
function toBlockErrors(fields: FieldError[], p: ParsedSurvey, member: Member, into: BlockErrors = {}): BlockErrors {
  for (const f of fields) into[blockOf(f.field, p)] ??= t(member.locale, f.key, f.params);
  return into;
}

/**
 * A survey id made from the modal's view id: a double-submitted modal then tries to store
 * the same survey twice, and the second insert is refused by its primary key.
 */
async function surveyIdFor(workspaceId: string, viewId: string): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`nps:${workspaceId}:${viewId}`)));
  const hex = [...hash.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** What only Slack can tell: the members of the chosen channels, and which channels it cannot read. */
async function audienceOf(scope: SlackScope, member: Member, p: ParsedSurvey): Promise<{ errors: BlockErrors; audience: string[] }> {
  const errors: BlockErrors = {};
  const bot = scope.workspace.botUserId;
  const { members, unreadable } = await channelMembers(scope.client, p.channels, { max: MAX_AUDIENCE, exclude: bot ? [bot] : [] });
  if (unreadable.length) errors[SURVEY_BLOCKS.channels] = t(member.locale, 'slack.survey.channel_unreadable', { channel: unreadable.map((c) => `<#${c}>`).join(', ') });
  return { errors, audience: [...new Set([...p.people, ...members])] };
}

/** Starts the (already validated) survey through the domain verb; a late field problem comes back beside its input. */
async function start(scope: SlackScope, member: Member, input: StartSurveyInput, run: { p: ParsedSurvey; viewId: string }): Promise<{ ok: true; invited: number } | { ok: false; errors: BlockErrors }> {
  const { deps } = scope;
  const id = await surveyIdFor(scope.workspace.id, run.viewId);
  const ctx = { clock: deps.clock, surveys: deps.repos.surveys, people: deps.repos.people, newId: () => id };
  try {
    return { ok: true, invited: (await startSurvey({ ctx, input })).invited };
  } catch (err) {
    if (isUniqueViolation(err, 'surveys')) return { ok: true, invited: input.audience.length }; // the same modal, submitted twice
    if (err instanceof DomainError && err.fields.length) return { ok: false, errors: toBlockErrors(err.fields, run.p, member) };
    return { ok: false, errors: { [SURVEY_BLOCKS.project]: errorText(err, member.locale, deps.log) } };
  }
}

/** The "start a survey" modal's submission: errors beside the fields, or the survey goes out. */
export function registerSurveyStartView(app: App): void {
  app.view(SURVEY_CALLBACK, async ({ ack, body, view, context, client }) => {
    const scope = scopeOf(context, client);
    const { deps } = scope;
    const member = await memberOf(scope, body.user.id);
    // Checked first: nobody else gets as far as reading channel members.
    const access = await pmoAccess(scope, member);
    if (!access.allowed) return ack({ response_action: 'errors', errors: { [SURVEY_BLOCKS.project]: t(member.locale, 'error.pmo_only') } });
    const parsed = readSurvey(view.state.values as StateValues, member.timeZone);
    const { errors, audience } = await audienceOf(scope, member, parsed);
    const input: StartSurveyInput = { workspace: scope.ws, installedBy: scope.workspace.installedBy, actor: access.actor, projectId: parsed.projectId, outcomeId: parsed.outcomeId, question: parsed.question, audience, closesAt: parsed.closesAt, kind: parsed.kind, questions: parsed.questions, anonymous: parsed.anonymous, pulse: parsed.pulse };
    // Slack's own problem (an unreadable channel) wins its block; every other problem shows beside it.
    toBlockErrors(await validateStartSurvey({ clock: deps.clock, surveys: deps.repos.surveys }, scope.workspace.id, input), parsed, member, errors);
    if (Object.keys(errors).length) return ack({ response_action: 'errors', errors });
    const result = await start(scope, member, input, { p: parsed, viewId: view.id });
    if (!result.ok) return ack({ response_action: 'errors', errors: result.errors });
    const project = esc((await projectName(deps.db, scope.workspace.id, parsed.projectId)) ?? '');
    const text = member.cards.t('slack.survey.started', { project, n: result.invited, closes: dateTimeText(parsed.closesAt, member.timeZone) });
    await ack({ response_action: 'update', view: asModal(renderInfoModal(member.cards, text)) });
    kickOutbox(deps, scope.defer);
  });
}
