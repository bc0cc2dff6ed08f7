import type { MetricView, TemplateChoice } from '../view.ts';
import { option, plain, type SlackBlock } from './blocks.ts';

/** Every input's action_id: one element per input block, so the block id says which field it is. */
export const INPUT_ACTION = 'v';

export type { TemplateChoice };

/**
 * A metric row's initial values: the stored metric when editing, or what was typed (numbers as
 * typed, so a half-typed "12," survives a views.update) when the modal is redrawn.
 */
export type MetricInitial = Pick<MetricView, 'name' | 'unit' | 'direction'> & { baseline: number | string | null; target: number | string | null; actual: number | string | null };

/** An input block whose one element has the action id {@link INPUT_ACTION}. */
export const input = (blockId: string, label: string, element: SlackBlock, opts: { optional?: boolean; hint?: string } = {}): SlackBlock => ({
  type: 'input',
  block_id: blockId,
  label: plain(label, 2000),
  optional: opts.optional ?? false,
  element: { ...element, action_id: INPUT_ACTION },
  ...(opts.hint ? { hint: plain(opts.hint, 2000) } : {}),
});

export const text = (initial: string | undefined, extra: SlackBlock = {}): SlackBlock => ({ type: 'plain_text_input', ...(initial ? { initial_value: initial } : {}), ...extra });
export const number = (initial: number | string | null | undefined): SlackBlock => ({ type: 'number_input', is_decimal_allowed: true, ...(initial != null && initial !== '' ? { initial_value: String(initial) } : {}) });
export const date = (initial: string | null | undefined): SlackBlock => ({ type: 'datepicker', ...(initial ? { initial_date: initial } : {}) });

/** A static select; the initial option only when it is one of the options. */
export function select(options: { text: string; value: string }[], initial: string | null | undefined): SlackBlock {
  const opts = options.map((o) => option(o.text, o.value));
  const chosen = opts.find((o) => o.value === initial);
  return { type: 'static_select', options: opts, ...(chosen ? { initial_option: chosen } : {}) };
}
