import type { App } from '@slack/bolt';
import { SUBMIT_BLOCKS, SUBMIT_CALLBACK } from '../../../../cards/slack/submit-modal.ts';
import { keyResultExists } from '../../../db/queries/key-result-options.ts';
import { listMetricTemplates } from '../../../db/queries/metric-templates.ts';
import { ensureProject, projectExists } from '../../../db/queries/projects.ts';
import { kickOutbox } from '../../../delivery/kick.ts';
import { DomainError, type FieldError } from '../../../domain/errors.ts';
import { resubmitOutcome } from '../../../domain/resubmit-outcome.ts';
import { checkSmart } from '../../../domain/smart.ts';
import { validateReviewer } from '../../../domain/validate-outcome.ts';
import { submitOutcome } from '../../../domain/submit-outcome.ts';
import type { OutcomeDraft } from '../../../domain/types.ts';
import { t } from '../../../i18n/index.ts';
import { blockForField } from './field-blocks.ts';
import { readSubmitMeta, type SubmitMeta } from './submit-meta.ts';
import { readSubmission, type ParsedSubmission, type StateValues } from './read-submission.ts';
import { errorText } from '../../reply.ts';
import { ensurePerson, memberFrom, memberOf, scopeOf, type Member, type SlackScope } from '../../context.ts';

type BlockErrors = Record<string, string>;

function draftOf(p: ParsedSubmission, projectId: string | null, ownerId: string): OutcomeDraft {
  return {
    title: p.title,
    description: p.description,
    indicatorClass: p.indicatorClass,
    projectId,
    ownerId,
    dueDate: p.dueDate,
    keyResultId: p.keyResultId,
    metrics: p.metrics,
    evidence: [...p.links.map((ref) => ({ kind: 'link' as const, ref })), ...p.files],
  };
}

/** Puts each field problem beside its input: the first message per block wins. */
function toBlockErrors(problems: FieldError[], p: ParsedSubmission, hasSelect: boolean, member: Member, into: BlockErrors = {}): BlockErrors {
  for (const f of problems) {
    const block = blockForField(f.field, p, hasSelect);
    into[block] ??= t(member.locale, f.key, f.params);
  }
  return into;
}

/**
 * Everything that can be judged before writing: the modal's own rules (one project choice, a real
 * project and key result, a reviewer other than me) and the SMART check (which also requires the
 * one go-live date, a new project's too). A new project is only created once all of this passes,
 * so a refused form stores nothing.
 */
async function precheck(scope: SlackScope, member: Member, p: ParsedSubmission, hasSelect: boolean): Promise<BlockErrors> {
  const errors: BlockErrors = {};
  const say = (block: string, key: string) => (errors[block] ??= t(member.locale, key));
  if (p.newProject && p.projectId) say(SUBMIT_BLOCKS.projectNew, 'slack.modal.project_both');
  if (p.projectId && !p.newProject && !(await projectExists(scope.deps.db, scope.workspace.id, p.projectId))) say(SUBMIT_BLOCKS.project, 'smart.project_required');
  if (p.keyResultId && !(await keyResultExists(scope.deps.db, scope.workspace.id, p.keyResultId))) say(SUBMIT_BLOCKS.keyResult, 'template.key_result_unknown');
  for (const f of validateReviewer(member.ref.address, p.reviewerUserId)) say(SUBMIT_BLOCKS.reviewer, f.key);
  const placeholder = p.projectId ?? (p.newProject ? 'new-project' : null);
  return toBlockErrors(checkSmart(draftOf(p, placeholder, member.ref.id)), p, hasSelect, member, errors);
}

/**
 * Stores the outcome (new, or a resubmission after changes were requested) through the domain
 * verbs (files with their permalinks), before the cards are rendered from the data.
 */
async function store(scope: SlackScope, member: Member, p: ParsedSubmission, viewId: string, meta: SubmitMeta): Promise<void> {
  const projectId = p.newProject ? await ensureProject(scope.deps.db, scope.workspace.id, { name: p.newProject.name, goLiveAt: p.newProject.goLive, ownerId: member.ref.id }) : p.projectId;
  const reviewer = memberFrom(scope, await ensurePerson(scope, p.reviewerUserId!)).ref;
  const draft = draftOf(p, projectId, member.ref.id);
  if (meta.mode === 'edit') {
    await resubmitOutcome({ ctx: scope.deps.verbs, input: { workspace: scope.ws, outcomeId: meta.o, actor: member.ref, reviewer, draft } });
  } else {
    // The view id makes a retried or double submit store once.
    await submitOutcome({ ctx: scope.deps.verbs, input: { workspace: scope.ws, submitter: member.ref, reviewer, draft, clientKey: viewId } });
  }
}

/** The submit / edit modal's submission: errors beside the fields, or stored and closed. */
export function registerSubmitView(app: App): void {
  app.view(SUBMIT_CALLBACK, async ({ ack, body, view, context, client }) => {
    const scope = scopeOf(context, client);
    const { deps } = scope;
    const member = await memberOf(scope, body.user.id);
    const meta = readSubmitMeta(view.private_metadata);
    // Only template keys this workspace offers are recorded on the metrics.
    const known = new Set((await listMetricTemplates(deps.db, scope.workspace.id)).map((t) => t.key));
    const parsed = readSubmission(view.state.values as StateValues, { ...meta, t: meta.t.map((k) => (k && known.has(k) ? k : null)) });
    const hasSelect = view.blocks.some((b) => b.block_id === SUBMIT_BLOCKS.project);
    const errors = await precheck(scope, member, parsed, hasSelect);
    if (Object.keys(errors).length) return ack({ response_action: 'errors', errors });
    try {
      await store(scope, member, parsed, view.id, meta);
    } catch (err) {
      const fields = err instanceof DomainError && err.fields.length ? toBlockErrors(err.fields, parsed, hasSelect, member) : { [SUBMIT_BLOCKS.title]: errorText(err, member.locale, deps.log) };
      return ack({ response_action: 'errors', errors: fields });
    }
    await ack();
    kickOutbox(deps, scope.defer);
  });
}
