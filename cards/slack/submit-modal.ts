import type { CardContext, MetricView } from '../view.ts';
import { context, divider, modal, option, plain, section, type SlackBlock } from './blocks.ts';

/** callback_id of the submit / edit modal. */
export const SUBMIT_CALLBACK = 'outcome_submit';
/** Every input's action_id: one element per input block, so the block id says which field it is. */
export const INPUT_ACTION = 'v';
/** Metric rows in the modal; row 1 is required, rows 2 and 3 count once anything is filled in. */
export const METRIC_ROWS = 3;
export const LINK_INPUTS = 3;
export const MAX_FILES = 10;
export const METRIC_FIELDS = ['name', 'unit', 'direction', 'baseline', 'target', 'actual'] as const;
export type MetricField = (typeof METRIC_FIELDS)[number];

/** Block ids of the modal's inputs; the parser and the error mapping use the same names. */
export const SUBMIT_BLOCKS = {
  project: 'project',
  projectNew: 'project_new',
  projectGoLive: 'project_go_live',
  title: 'title',
  description: 'description',
  indicator: 'indicator',
  due: 'due',
  metric: (row: number, field: MetricField) => `metric${row}_${field}`,
  link: (i: number) => `link${i}`,
  files: 'files',
  reviewer: 'reviewer',
} as const;

/** A metric row's initial values (the view model's metric, when editing). */
export type MetricInitial = Pick<MetricView, 'name' | 'unit' | 'direction' | 'baseline' | 'target' | 'actual'>;

export interface SubmitModalProps {
  /** JSON the submission handler needs back (mode, outcome id and round when editing). */
  privateMetadata: string;
  editing: boolean;
  /** Existing projects to pick from (Slack allows 100 options). */
  projects: { id: string; name: string }[];
  reviewerId: string | null;
  initial?: {
    title: string;
    description: string;
    indicatorClass: 'process' | 'output' | 'impact' | null;
    projectId: string | null;
    /** yyyy-MM-dd in the member's zone. */
    dueDate: string | null;
    metrics: MetricInitial[];
    links: string[];
    /** Files already attached (kept on resubmit; file inputs cannot be prefilled). */
    filesKept: number;
  };
}

/** An input block whose one element has the action id {@link INPUT_ACTION}. */
export const input = (blockId: string, label: string, element: SlackBlock, opts: { optional?: boolean; hint?: string } = {}): SlackBlock => ({
  type: 'input',
  block_id: blockId,
  label: plain(label, 2000),
  optional: opts.optional ?? false,
  element: { ...element, action_id: INPUT_ACTION },
  ...(opts.hint ? { hint: plain(opts.hint, 2000) } : {}),
});

const text = (initial: string | undefined, extra: SlackBlock = {}): SlackBlock => ({ type: 'plain_text_input', ...(initial ? { initial_value: initial } : {}), ...extra });
const number = (initial: number | null | undefined): SlackBlock => ({ type: 'number_input', is_decimal_allowed: true, ...(initial != null ? { initial_value: String(initial) } : {}) });
const date = (initial: string | null | undefined): SlackBlock => ({ type: 'datepicker', ...(initial ? { initial_date: initial } : {}) });

function select(options: { text: string; value: string }[], initial: string | null | undefined): SlackBlock {
  const opts = options.map((o) => option(o.text, o.value));
  const chosen = opts.find((o) => o.value === initial);
  return { type: 'static_select', options: opts, ...(chosen ? { initial_option: chosen } : {}) };
}

function projectBlocks(ctx: CardContext, p: SubmitModalProps): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  // A static_select needs at least one option: without projects only "new project" is offered.
  if (p.projects.length)
    blocks.push(input(SUBMIT_BLOCKS.project, ctx.t('card.project'), select(p.projects.slice(0, 100).map((x) => ({ text: x.name, value: x.id })), p.initial?.projectId), { optional: true, hint: ctx.t('slack.modal.project_hint') }));
  // With no project to pick, the new project and its go-live date are required (Slack then
  // enforces them); otherwise each is required only when no existing project is chosen, which
  // the hints state and the submission checks (submit-view.ts).
  const choice = p.projects.length > 0;
  blocks.push(
    input(SUBMIT_BLOCKS.projectNew, ctx.t(choice ? 'slack.modal.project_new' : 'slack.modal.project_new_only'), text(undefined, { max_length: 100 }), { optional: choice, hint: ctx.t(choice ? 'slack.modal.project_new_hint' : 'slack.modal.project_new_only_hint') }),
    input(SUBMIT_BLOCKS.projectGoLive, ctx.t('slack.modal.project_go_live'), date(null), { optional: choice, hint: ctx.t('slack.modal.project_go_live_hint') }),
  );
  return blocks;
}

function metricBlocks(ctx: CardContext, row: number, initial: MetricInitial | undefined): SlackBlock[] {
  const optional = row > 0;
  const f = (field: MetricField) => SUBMIT_BLOCKS.metric(row, field);
  const directions = (['increase', 'decrease'] as const).map((d) => ({ text: ctx.t(`direction.${d}`), value: d }));
  return [
    section(`*${ctx.t(optional ? 'slack.modal.metric_optional' : 'slack.modal.metric', { n: row + 1 })}*`),
    input(f('name'), ctx.t('slack.modal.metric_name'), text(initial?.name, { max_length: 100 }), { optional }),
    input(f('unit'), ctx.t('slack.modal.metric_unit'), text(initial?.unit, { max_length: 30 }), { optional, hint: ctx.t('slack.modal.metric_unit_hint') }),
    input(f('direction'), ctx.t('slack.modal.metric_direction'), select(directions, initial?.direction ?? 'increase'), { optional }),
    input(f('baseline'), ctx.t('card.baseline'), number(initial?.baseline), { optional }),
    input(f('target'), ctx.t('card.target'), number(initial?.target), { optional }),
    input(f('actual'), ctx.t('slack.modal.metric_actual'), number(initial?.actual), { optional: true }),
  ];
}

/**
 * The submit (or edit) modal. A modal cannot grow rows without views.update, so it shows
 * three metric rows up front: row 1 required, rows 2–3 used once anything is typed in them.
 * 41 blocks at most, well under Slack's 100.
 */
export function renderSubmitModal(ctx: CardContext, p: SubmitModalProps): SlackBlock {
  const init = p.initial;
  const indicators = (['process', 'output', 'impact'] as const).map((c) => ({ text: ctx.t(`indicator.${c}`), value: c }));
  const blocks: SlackBlock[] = [
    ...projectBlocks(ctx, p),
    divider(),
    input(SUBMIT_BLOCKS.title, ctx.t('slack.modal.title_label'), text(init?.title, { max_length: 150 })),
    input(SUBMIT_BLOCKS.description, ctx.t('card.description'), text(init?.description, { multiline: true, max_length: 3000 }), { hint: ctx.t('slack.modal.description_hint') }),
    input(SUBMIT_BLOCKS.indicator, ctx.t('card.indicator_class'), select(indicators, init?.indicatorClass)),
    input(SUBMIT_BLOCKS.due, ctx.t('card.due_date'), date(init?.dueDate)),
    divider(),
    ...Array.from({ length: METRIC_ROWS }, (_, row) => metricBlocks(ctx, row, init?.metrics[row])).flat(),
    divider(),
    section(`*${ctx.t('card.evidence')}*`),
    ...Array.from({ length: LINK_INPUTS }, (_, i) => input(SUBMIT_BLOCKS.link(i), ctx.t('slack.modal.link', { n: i + 1 }), { type: 'url_text_input', ...(init?.links[i] ? { initial_value: init.links[i] } : {}) }, { optional: true })),
    input(SUBMIT_BLOCKS.files, ctx.t('slack.modal.files', { max: MAX_FILES }), { type: 'file_input', max_files: MAX_FILES }, { optional: true }),
  ];
  if (init?.filesKept) blocks.push(context([ctx.t('slack.modal.files_kept', { n: init.filesKept })]));
  blocks.push(
    divider(),
    input(SUBMIT_BLOCKS.reviewer, ctx.t('card.reviewer'), { type: 'users_select', ...(p.reviewerId ? { initial_user: p.reviewerId } : {}) }, { hint: ctx.t('slack.modal.reviewer_hint') }),
  );
  return modal({
    callbackId: SUBMIT_CALLBACK,
    privateMetadata: p.privateMetadata,
    title: ctx.t(p.editing ? 'slack.modal.edit_title' : 'slack.modal.submit_title'),
    submit: ctx.t(p.editing ? 'slack.modal.resubmit' : 'slack.modal.submit'),
    close: ctx.t('slack.modal.cancel'),
    blocks,
  });
}
