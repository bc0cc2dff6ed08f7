import type { CardContext } from '../view.ts';
import { actions, button, option, plain, section, type SlackBlock } from './blocks.ts';
import { input, number, select, text, type MetricInitial, type TemplateChoice } from './submit-inputs.ts';

/** Metric rows the modal can grow to (the domain's METRICS_MAX; cards import no domain code). */
export const METRIC_ROWS_MAX = 3;
export const METRIC_FIELDS = ['name', 'unit', 'direction', 'baseline', 'target', 'actual'] as const;
export type MetricField = (typeof METRIC_FIELDS)[number];

/** action_id of a row's template select and of the "add a metric" button (block_actions inside the modal). */
export const METRIC_TEMPLATE_ACTION = 'outcome_metric_template';
export const METRIC_ADD_ACTION = 'outcome_metric_add';

/**
 * Block id of a metric row's input. Slack keeps what was typed into a block across views.update
 * while its id stays the same, so a row a template pre-fills gets a new `version` (and so new ids)
 * to show the template's values; version 0 keeps the plain `metric{row}_{field}`.
 */
export const metricBlock = (row: number, field: MetricField, version = 0): string => (version ? `metric${row}v${version}_${field}` : `metric${row}_${field}`);
/** Block id of a row's template select (never versioned: the choice itself is kept). */
export const templateBlock = (row: number): string => `metric${row}_template`;
export const METRIC_ADD_BLOCK = 'metric_add';

/** The template select: one option group per indicator class (Slack: at most 100 options). */
function templateSelect(ctx: CardContext, templates: TemplateChoice[], chosen: string | null): SlackBlock {
  const groups = (['process', 'output', 'impact'] as const)
    .map((c) => ({ label: plain(ctx.t(`indicator.${c}`), 75), options: templates.filter((t) => t.indicatorClass === c).map((t) => option(t.name[ctx.locale], t.key)) }))
    .filter((g) => g.options.length > 0);
  const initial = groups.flatMap((g) => g.options).find((o) => o.value === chosen);
  return { type: 'static_select', action_id: METRIC_TEMPLATE_ACTION, placeholder: plain(ctx.t('template.pick'), 150), option_groups: groups, ...(initial ? { initial_option: initial } : {}) };
}

/** One metric row: its heading (with the template select when there are templates) and its six inputs. */
export function metricRowBlocks(ctx: CardContext, row: number, o: { initial?: MetricInitial; version: number; templates: TemplateChoice[]; templateKey: string | null }): SlackBlock[] {
  const optional = row > 0;
  const f = (field: MetricField) => metricBlock(row, field, o.version);
  const m = o.initial;
  const directions = (['increase', 'decrease'] as const).map((d) => ({ text: ctx.t(`direction.${d}`), value: d }));
  const heading = `*${ctx.t(optional ? 'slack.modal.metric_optional' : 'slack.modal.metric', { n: row + 1 })}*`;
  return [
    section(heading, { block_id: templateBlock(row), ...(o.templates.length ? { accessory: templateSelect(ctx, o.templates, o.templateKey) } : {}) }),
    input(f('name'), ctx.t('slack.modal.metric_name'), text(m?.name, { max_length: 100 }), { optional }),
    input(f('unit'), ctx.t('slack.modal.metric_unit'), text(m?.unit, { max_length: 30 }), { optional, hint: ctx.t('slack.modal.metric_unit_hint') }),
    input(f('direction'), ctx.t('slack.modal.metric_direction'), select(directions, m?.direction ?? 'increase'), { optional }),
    input(f('baseline'), ctx.t('card.baseline'), number(m?.baseline), { optional }),
    input(f('target'), ctx.t('card.target'), number(m?.target), { optional }),
    input(f('actual'), ctx.t('slack.modal.metric_actual'), number(m?.actual), { optional: true }),
  ];
}

/** The "add a metric" button, while the modal has fewer rows than the domain allows. */
export function addMetricBlocks(ctx: CardContext, rows: number): SlackBlock[] {
  if (rows >= METRIC_ROWS_MAX) return [];
  return [actions(METRIC_ADD_BLOCK, [button(METRIC_ADD_ACTION, ctx.t('template.add_metric', { n: rows + 1, max: METRIC_ROWS_MAX }))])];
}
