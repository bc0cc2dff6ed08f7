import type { CardContext } from '../view.ts';
import { actions, button, context, divider, modal, section, type SlackBlock } from './blocks.ts';
import { addMetricBlocks, metricBlock, metricRowBlocks, METRIC_ROWS_MAX, type MetricField } from './submit-metric-rows.ts';
import { date, input, select, text, type MetricInitial, type TemplateChoice } from './submit-inputs.ts';

export { input, INPUT_ACTION, type MetricInitial, type TemplateChoice } from './submit-inputs.ts';
export { METRIC_ADD_ACTION, METRIC_FIELDS, METRIC_ROWS_MAX, METRIC_TEMPLATE_ACTION, templateBlock, type MetricField } from './submit-metric-rows.ts';

/** callback_id of the submit / edit modal. */
export const SUBMIT_CALLBACK = 'outcome_submit';
/** "Show how similar outcomes did": redraws the modal with the hint for the title typed so far. */
export const SIMILAR_ACTION = 'outcome_similar';
const SIMILAR_BLOCK = 'similar';
export const LINK_INPUTS = 3;
export const MAX_FILES = 10;

/** Block ids of the modal's inputs; the parser and the error mapping use the same names. */
export const SUBMIT_BLOCKS = {
  project: 'project',
  projectNew: 'project_new',
  title: 'title',
  description: 'description',
  indicator: 'indicator',
  /** The one go-live date (a new project's go-live too): the follow-up review counts from it. */
  due: 'due',
  keyResult: 'key_result',
  metric: (row: number, field: MetricField, version = 0) => metricBlock(row, field, version),
  link: (i: number) => `link${i}`,
  files: 'files',
  reviewer: 'reviewer',
} as const;

export interface SubmitModalProps {
  /** JSON the handlers need back (mode, outcome id and round when editing, rows, versions, templates). */
  privateMetadata: string;
  editing: boolean;
  /** Existing projects to pick from (Slack allows 100 options). */
  projects: { id: string; name: string }[];
  /** The workspace's key results an outcome can link to; none → no select. */
  keyResults?: { id: string; title: string }[];
  /** Templates a row can start from (built-in and the workspace's own). */
  templates?: TemplateChoice[];
  /** Metric rows shown (1 to {@link METRIC_ROWS_MAX}); each row's block-id version and chosen template. */
  rows?: number;
  versions?: number[];
  templateKeys?: (string | null)[];
  /** The full web form, for a member who prefers a bigger screen; null hides the link. */
  webFormUrl?: string | null;
  /** After "show how similar outcomes did": the sentence (src/views/similar-hint.ts), or null when there is too little to claim. */
  similarHint?: string | null;
  reviewerId: string | null;
  initial?: {
    title: string;
    description: string;
    indicatorClass: 'process' | 'output' | 'impact' | null;
    projectId: string | null;
    projectNew?: string;
    keyResultId?: string | null;
    /** yyyy-MM-dd in the member's zone. */
    dueDate: string | null;
    metrics: MetricInitial[];
    links: string[];
    /** Files already attached (kept on resubmit; file inputs cannot be prefilled). */
    filesKept: number;
  };
}

function projectBlocks(ctx: CardContext, p: SubmitModalProps): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  // A static_select needs at least one option: without projects only "new project" is offered.
  if (p.projects.length)
    blocks.push(input(SUBMIT_BLOCKS.project, ctx.t('card.project'), select(p.projects.slice(0, 100).map((x) => ({ text: x.name, value: x.id })), p.initial?.projectId), { optional: true, hint: ctx.t('slack.modal.project_hint') }));
  // With no project to pick, the new project is required (Slack then enforces it); otherwise
  // only when no existing project is chosen, which the hint states and the submission checks.
  const choice = p.projects.length > 0;
  blocks.push(input(SUBMIT_BLOCKS.projectNew, ctx.t(choice ? 'slack.modal.project_new' : 'slack.modal.project_new_only'), text(p.initial?.projectNew, { max_length: 100 }), { optional: choice, hint: ctx.t(choice ? 'slack.modal.project_new_hint' : 'slack.modal.project_new_only_hint') }));
  return blocks;
}

function keyResultBlocks(ctx: CardContext, p: SubmitModalProps): SlackBlock[] {
  const krs = (p.keyResults ?? []).slice(0, 100);
  if (!krs.length) return [];
  return [input(SUBMIT_BLOCKS.keyResult, ctx.t('template.key_result'), select(krs.map((k) => ({ text: k.title, value: k.id })), p.initial?.keyResultId), { optional: true, hint: ctx.t('template.key_result_hint') })];
}

function evidenceBlocks(ctx: CardContext, init: SubmitModalProps['initial']): SlackBlock[] {
  const blocks = [
    section(`*${ctx.t('card.evidence')}*`),
    ...Array.from({ length: LINK_INPUTS }, (_, i) => input(SUBMIT_BLOCKS.link(i), ctx.t('slack.modal.link', { n: i + 1 }), { type: 'url_text_input', ...(init?.links[i] ? { initial_value: init.links[i] } : {}) }, { optional: true })),
    input(SUBMIT_BLOCKS.files, ctx.t('slack.modal.files', { max: MAX_FILES }), { type: 'file_input', max_files: MAX_FILES }, { optional: true }),
  ];
  if (init?.filesKept) blocks.push(context([ctx.t('slack.modal.files_kept', { n: init.filesKept })]));
  return blocks;
}

/**
 * The submit (or edit) modal. It starts with one metric row; "add a metric" redraws it with one
 * more (views.update) up to the domain's three, and a row's template select pre-fills it. One
 * go-live date. At most 40 blocks, well under Slack’s 100.
 */
export function renderSubmitModal(ctx: CardContext, p: SubmitModalProps): SlackBlock {
  const init = p.initial;
  const rows = Math.min(METRIC_ROWS_MAX, Math.max(1, p.rows ?? init?.metrics.length ?? 1));
  const indicators = (['process', 'output', 'impact'] as const).map((c) => ({ text: ctx.t(`indicator.${c}`), value: c }));
  const blocks: SlackBlock[] = [
    ...projectBlocks(ctx, p),
    divider(),
    input(SUBMIT_BLOCKS.title, ctx.t('slack.modal.title_label'), text(init?.title, { max_length: 150 })),
    input(SUBMIT_BLOCKS.description, ctx.t('card.description'), text(init?.description, { multiline: true, max_length: 3000 }), { hint: ctx.t('slack.modal.description_hint') }),
    ...(p.similarHint === undefined ? [] : [context([p.similarHint ?? ctx.t('webact.similar_none')])]),
    actions(SIMILAR_BLOCK, [button(SIMILAR_ACTION, ctx.t('webact.similar_check'))]),
    input(SUBMIT_BLOCKS.indicator, ctx.t('card.indicator_class'), select(indicators, init?.indicatorClass)),
    input(SUBMIT_BLOCKS.due, ctx.t('template.go_live'), date(init?.dueDate), { hint: ctx.t('template.go_live_hint') }),
    ...keyResultBlocks(ctx, p),
    divider(),
    ...Array.from({ length: rows }, (_, row) =>
      metricRowBlocks(ctx, row, { initial: init?.metrics[row], version: p.versions?.[row] ?? 0, templates: p.templates ?? [], templateKey: p.templateKeys?.[row] ?? null }),
    ).flat(),
    ...addMetricBlocks(ctx, rows),
    divider(),
    ...evidenceBlocks(ctx, init),
    divider(),
    input(SUBMIT_BLOCKS.reviewer, ctx.t('card.reviewer'), { type: 'users_select', ...(p.reviewerId ? { initial_user: p.reviewerId } : {}) }, { hint: ctx.t('slack.modal.reviewer_hint') }),
  ];
  if (p.webFormUrl) blocks.push(context([`<${p.webFormUrl}|${ctx.t('template.web_form')}>`]));
  return modal({
    callbackId: SUBMIT_CALLBACK,
    privateMetadata: p.privateMetadata,
    title: ctx.t(p.editing ? 'slack.modal.edit_title' : 'slack.modal.submit_title'),
    submit: ctx.t(p.editing ? 'slack.modal.resubmit' : 'slack.modal.submit'),
    close: ctx.t('slack.modal.cancel'),
    blocks,
  });
}
