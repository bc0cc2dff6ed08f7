import type { AllMiddlewareArgs, App, BlockAction, ButtonAction, SlackActionMiddlewareArgs, StaticSelectAction } from '@slack/bolt';
import { METRIC_ADD_ACTION, METRIC_ROWS_MAX, METRIC_TEMPLATE_ACTION, renderSubmitModal, SIMILAR_ACTION, SUBMIT_CALLBACK, type SubmitModalProps } from '../../../../cards/slack/submit-modal.ts';
import type { Deps } from '../../../deps.ts';
import { templateByKey } from '../../../domain/metric-templates.ts';
import { similarOutcomesHint } from '../../../views/similar-hint.ts';
import { asModal } from '../../reply.ts';
import { depsOf, memberOf, scopeOf } from '../../context.ts';
import { initialFromState } from './modal-state.ts';
import { modalLists } from './open-submit-modal.ts';
import type { StateValues } from './read-submission.ts';
import { readSubmitMeta, withRowAdded, withTemplate, type SubmitMeta } from './submit-meta.ts';

type ModalActionArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction | StaticSelectAction>> & AllMiddlewareArgs;
type Initial = ReturnType<typeof initialFromState>['initial'];
/** How a click changes the modal: new metadata and, for a template, the row it pre-fills; null = nothing to redraw. */
type Change = (meta: SubmitMeta, lists: Awaited<ReturnType<typeof modalLists>>, initial: Initial, locale: 'en' | 'zh-CN') => SubmitMeta | null;

/**
 * Redraws the submit modal in place (views.update with the view's hash, so a redraw that lost a
 * race with another changes nothing), keeping everything entered so far.
 */
async function redraw(deps: Deps, args: ModalActionArgs, change: Change, extra?: (initial: Initial, workspaceId: string, locale: 'en' | 'zh-CN') => Promise<Partial<SubmitModalProps>>): Promise<void> {
  await args.ack();
  const view = args.body.view;
  if (!view || view.callback_id !== SUBMIT_CALLBACK) return;
  const scope = scopeOf(args.context, args.client);
  const member = await memberOf(scope, args.body.user.id);
  const before = readSubmitMeta(view.private_metadata);
  const { initial, reviewerId } = initialFromState(view.state.values as StateValues, before);
  const lists = await modalLists(scope, before);
  const meta = change(before, lists, initial, member.locale);
  if (!meta) return;
  const { all: _all, ...shown } = lists;
  const more = extra ? await extra(initial, scope.workspace.id, member.locale) : {};
  const modal = renderSubmitModal(member.cards, { ...shown, ...more, privateMetadata: JSON.stringify(meta), editing: meta.mode === 'edit', reviewerId, initial, rows: meta.n, versions: meta.v, templateKeys: meta.t });
  try {
    await scope.client.views.update({ view_id: view.id, hash: view.hash, view: asModal(modal) });
  } catch (err) {
    // hash_conflict: a newer redraw is on screen already; the member's next click works from it.
    deps.log('warn', 'could not redraw the submit modal', { error: err instanceof Error ? err.message : String(err) });
  }
}

const addRow: Change = (meta) => (meta.n < METRIC_ROWS_MAX ? withRowAdded(meta) : null);

/** The row's template select: pre-fills name, unit and direction, keeps the numbers typed. */
const chooseTemplate =
  (blockId: string, key: string | undefined): Change =>
  (meta, lists, initial, locale) => {
    const row = Number(/^metric(\d+)_template$/.exec(blockId)?.[1] ?? -1);
    const template = templateByKey(lists.all, key);
    if (!template || row < 0 || row >= meta.n) return null;
    const typed = initial.metrics[row]!;
    initial.metrics[row] = { ...typed, name: template.name[locale], unit: template.unit, direction: template.direction };
    return withTemplate(meta, row, template.key);
  };

/** "Show how similar outcomes did": the same modal with the hint for the title (and description) typed so far. */
const similarHint = async (initial: Initial, workspaceId: string, locale: 'en' | 'zh-CN', deps: Deps): Promise<Partial<SubmitModalProps>> => {
  const text = `${initial.title} ${initial.description}`.trim();
  return { similarHint: text ? ((await similarOutcomesHint(deps.db, workspaceId, text, locale))?.text ?? null) : null };
};

/** "Add a metric", a row's template select and "show how similar outcomes did" inside the submit modal (block_actions). */
export function registerMetricActions(app: App): void {
  app.action<BlockAction<ButtonAction>>(METRIC_ADD_ACTION, (args) => redraw(depsOf(args.context), args, addRow));
  app.action<BlockAction<StaticSelectAction>>(METRIC_TEMPLATE_ACTION, (args) => redraw(depsOf(args.context), args, chooseTemplate(args.action.block_id, args.action.selected_option?.value)));
  app.action<BlockAction<ButtonAction>>(SIMILAR_ACTION, (args) => {
    const deps = depsOf(args.context);
    return redraw(deps, args, (meta) => meta, (initial, ws, locale) => similarHint(initial, ws, locale, deps));
  });
}
