/** Steps inside the submit modal: a click or a select that redraws it through views.update. */
import { expect } from 'vitest';
import type { SlackViewRecord } from '../../fakes/fake-slack.ts';
import type { Harness } from './harness.ts';
import { modalAction, stateOf, type FormInput } from './payloads.ts';

/** Sends the block_actions and returns the modal as the fake Slack now holds it. */
export async function actInModal(h: Harness, view: SlackViewRecord, form: FormInput, action: Parameters<typeof modalAction>[2], versions: number[] = [], user?: string): Promise<SlackViewRecord> {
  const res = await h.interact(modalAction(view, stateOf(form, versions), action, user));
  expect(res.status).toBe(200);
  return h.fake.views.get(view.id)!;
}

/** "Add a metric". */
export const addMetricRow = (h: Harness, view: SlackViewRecord, form: FormInput = {}) => actInModal(h, view, form, { actionId: 'outcome_metric_add', blockId: 'metric_add', type: 'button' });

/** Picks template `key` in row `row`'s select. */
export const pickTemplate = (h: Harness, view: SlackViewRecord, row: number, key: string, form: FormInput = {}, versions: number[] = [], user?: string) =>
  actInModal(h, view, form, { actionId: 'outcome_metric_template', blockId: `metric${row}_template`, type: 'static_select', selected: key }, versions, user);

/** "Show how similar outcomes did". */
export const askSimilar = (h: Harness, view: SlackViewRecord, form: FormInput = {}) => actInModal(h, view, form, { actionId: 'outcome_similar', blockId: 'similar', type: 'button' });
