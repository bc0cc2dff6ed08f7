import { LINK_INPUTS, SUBMIT_BLOCKS, type MetricInitial, type SubmitModalProps } from '../../../../cards/slack/submit-modal.ts';
import type { IndicatorClass } from '../../../domain/types.ts';
import type { SubmitMeta } from './submit-meta.ts';
import { text, value, type StateValues } from './read-submission.ts';

type Initial = NonNullable<SubmitModalProps['initial']>;

// A number_input only takes a plain decimal as its initial value; anything else is left for the member to retype.
const decimal = (s: string): string | null => (/^-?\d+(\.\d+)?$/.test(s) ? s : null);
const chosen = (values: StateValues, block: string): string | null => value(values, block)?.selected_option?.value ?? null;

function metricFromState(values: StateValues, row: number, version: number): MetricInitial {
  const b = (f: Parameters<typeof SUBMIT_BLOCKS.metric>[1]) => SUBMIT_BLOCKS.metric(row, f, version);
  return {
    name: text(values, b('name')),
    unit: text(values, b('unit')),
    direction: chosen(values, b('direction')) === 'decrease' ? 'decrease' : 'increase',
    baseline: decimal(text(values, b('baseline'))),
    target: decimal(text(values, b('target'))),
    actual: decimal(text(values, b('actual'))),
  };
}

/**
 * What the member has entered so far (a block_actions payload's view state), as the modal's
 * initial values, so a redraw (views.update) shows it again even where Slack would not keep it.
 */
export function initialFromState(values: StateValues, meta: SubmitMeta): { initial: Initial; reviewerId: string | null } {
  const cls = chosen(values, SUBMIT_BLOCKS.indicator);
  return {
    initial: {
      title: text(values, SUBMIT_BLOCKS.title),
      description: text(values, SUBMIT_BLOCKS.description),
      indicatorClass: cls === 'process' || cls === 'output' || cls === 'impact' ? (cls as IndicatorClass) : null,
      projectId: chosen(values, SUBMIT_BLOCKS.project),
      projectNew: text(values, SUBMIT_BLOCKS.projectNew),
      keyResultId: chosen(values, SUBMIT_BLOCKS.keyResult),
      dueDate: value(values, SUBMIT_BLOCKS.due)?.selected_date ?? null,
      metrics: Array.from({ length: meta.n }, (_, row) => metricFromState(values, row, meta.v[row] ?? 0)),
      links: Array.from({ length: LINK_INPUTS }, (_, i) => text(values, SUBMIT_BLOCKS.link(i))),
      filesKept: meta.fk,
    },
    reviewerId: value(values, SUBMIT_BLOCKS.reviewer)?.selected_user ?? null,
  };
}
