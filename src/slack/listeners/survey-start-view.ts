import type { App } from '@slack/bolt';
import { esc } from '../../../cards/slack/blocks.ts';
import { renderInfoModal } from '../../../cards/slack/comment-modal.ts';
import { SURVEY_BLOCKS, SURVEY_CALLBACK } from '../../../cards/slack/survey-modal.ts';
import { isUniqueViolation } from '../../db/client.ts';
import { projectOfOutcome } from '../../db/queries/outcomes.ts';
import { projectName } from '../../db/queries/projects.ts';
import type { Deps } from '../../deps.ts';
import { kickOutbox } from '../../delivery/kick.ts';
import { DomainError, type FieldError } from '../../domain/errors.ts';
import { MAX_AUDIENCE, startSurvey } from '../../domain/start-survey.ts';
import { t } from '../../i18n/index.ts';
import { dateTimeText } from '../../views/dates.ts';
import { channelMembers } from '../followup/channel-members.ts';
import { pmoAccess, type PmoAccess } from '../followup/pmo-access.ts';
import { readSurvey, type ParsedSurvey } from '../modal/read-survey.ts';
import type { StateValues } from '../modal/read-submission.ts';
import { asModal, errorText } from '../reply.ts';
import { memberOf, scopeOf, type Member, type SlackScope } from '../scope.ts';

type BlockErrors = Record<string, string>;

/** The modal block that shows a field problem of startSurvey. */
function blockOf(field: string, p: ParsedSurvey): string {
  if (field === 'projectId') return SURVEY_BLOCKS.project;
  if (field === 'closesAt') return SURVEY_BLOCKS.closes;
  if (field === 'question') return SURVEY_BLOCKS.question;
  if (field === 'audience') return p.people.length || !p.channels.length ? SURVEY_BLOCKS.people : SURVEY_BLOCKS.channels;
  return SURVEY_BLOCKS.project;
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

/** What the modal itself can judge: the survey type, the outcome's project, readable channels. */
async function precheck(scope: SlackScope, member: Member, p: ParsedSurvey): Promise<{ errors: BlockErrors; audience: string[] }> {
  const errors: BlockErrors = {};
  const say = (block: string, text: string) => (errors[block] ??= text);
  if (!p.kind) say(SURVEY_BLOCKS.kind, t(member.locale, 'slack.survey.kind_required'));
  if (p.outcomeId && (await projectOfOutcome(scope.deps.db, scope.workspace.id, p.outcomeId)) !== p.projectId) say(SURVEY_BLOCKS.outcome, t(member.locale, 'slack.survey.outcome_mismatch'));
  const bot = scope.workspace.botUserId;
  const { members, unreadable } = await channelMembers(scope.client, p.channels, { max: MAX_AUDIENCE, exclude: bot ? [bot] : [] });
  if (unreadable.length) say(SURVEY_BLOCKS.channels, t(member.locale, 'slack.survey.channel_unreadable', { channel: unreadable.map((c) => `<#${c}>`).join(', ') }));
  return { errors, audience: [...new Set([...p.people, ...members])] };
}

/**
 * Starts the survey through the domain verb; field problems come back beside their inputs.
 * With `dryRun` nothing is stored (the repository's save is a no-op): the modal's own
 * problems were found, and the verb adds its own so that every problem shows at once.
 */
async function start(scope: SlackScope, member: Member, actor: PmoAccess['actor'], run: { p: ParsedSurvey; audience: string[]; viewId: string; dryRun: boolean }): Promise<{ ok: true; invited: number } | { ok: false; errors: BlockErrors }> {
  const { deps } = scope;
  const { p, audience, viewId, dryRun } = run;
  const id = await surveyIdFor(scope.workspace.id, viewId);
  const surveys = dryRun ? { ...deps.repos.surveys, saveSurvey: async () => {} } : deps.repos.surveys;
  const ctx = { clock: deps.clock, surveys, people: deps.repos.people, newId: () => id };
  const input = { workspace: scope.ws, installedBy: scope.workspace.installedBy, actor, projectId: p.projectId, outcomeId: p.outcomeId, question: p.question, audience, closesAt: p.closesAt, kind: p.kind ?? 'follow_up' };
  try {
    const { invited } = await startSurvey({ ctx, input });
    return dryRun ? { ok: false, errors: {} } : { ok: true, invited };
  } catch (err) {
    if (isUniqueViolation(err, 'surveys')) return { ok: true, invited: audience.length }; // the same modal, submitted twice
    const errors: BlockErrors = {};
    const fields: FieldError[] = err instanceof DomainError ? err.fields : [];
    for (const f of fields) errors[blockOf(f.field, p)] ??= t(member.locale, f.key, f.params);
    if (!fields.length) errors[SURVEY_BLOCKS.project] = errorText(err, member.locale, deps.log);
    return { ok: false, errors };
  }
}

/** The "start a survey" modal's submission: errors beside the fields, or the survey goes out. */
export function registerSurveyStartView(app: App, deps: Deps): void {
  app.view(SURVEY_CALLBACK, async ({ ack, body, view, context, client }) => {
    const scope = scopeOf(deps, context, client);
    const member = await memberOf(scope, body.user.id);
    // Checked first: nobody else gets as far as reading channel members.
    const access = await pmoAccess(scope, member);
    if (!access.allowed) return ack({ response_action: 'errors', errors: { [SURVEY_BLOCKS.project]: t(member.locale, 'error.pmo_only') } });
    const parsed = readSurvey(view.state.values as StateValues);
    const { errors, audience } = await precheck(scope, member, parsed);
    const result = await start(scope, member, access.actor, { p: parsed, audience, viewId: view.id, dryRun: Object.keys(errors).length > 0 });
    if (!result.ok) return ack({ response_action: 'errors', errors: { ...result.errors, ...errors } });
    const project = esc((await projectName(deps.db, scope.workspace.id, parsed.projectId)) ?? '');
    const text = member.cards.t('slack.survey.started', { project, n: result.invited, closes: dateTimeText(parsed.closesAt, member.timeZone) });
    await ack({ response_action: 'update', view: asModal(renderInfoModal(member.cards, text)) });
    kickOutbox(deps, scope.defer);
  });
}
