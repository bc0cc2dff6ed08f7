/**
 * Interactivity payloads as Slack sends them, built from the fixtures in
 * test/fixtures/slack: view submissions of the modal the fake recorded, and button clicks.
 */
import type { SlackViewRecord } from '../../fakes/fake-slack.ts';
import { fixture, TEAM, USERS } from './harness.ts';

/** What a member typed into the submit modal; every key is optional so tests can leave fields out. */
export interface FormInput {
  project?: string;
  project_new?: string;
  key_result?: string;
  title?: string;
  description?: string;
  indicator?: string;
  due?: string;
  metrics?: Partial<Record<'name' | 'unit' | 'direction' | 'baseline' | 'target' | 'actual', string>>[];
  links?: string[];
  files?: { id: string; name: string; mimetype?: string; permalink?: string }[];
  reviewer?: string | null;
}

/** A complete, valid outcome (the worked example of design.md §2). */
export const validForm = (over: Partial<FormInput> = {}): FormInput => ({
  project_new: 'Clinic triage',
  title: 'Shorter clinic waiting time',
  description: 'Cut the average outpatient waiting time by reworking triage and booking slots.',
  indicator: 'impact',
  // The one go-live date (the new project's too): the 90-day review counts from it.
  due: '2026-01-05',
  metrics: [{ name: 'Waiting time', unit: 'min', direction: 'decrease', baseline: '45', target: '28' }],
  links: ['https://example.com/report'],
  reviewer: USERS.manager.id,
  ...over,
});

type Values = Record<string, Record<string, Record<string, unknown>>>;

/**
 * `view.state.values` for a form, keyed the way the modal names its blocks (action id `v`):
 * `versions` are the metric rows' block-id versions (after a template pre-filled a row).
 */
export function stateOf(form: FormInput, versions: number[] = []): Values {
  const values: Values = {};
  const put = (block: string, value: Record<string, unknown>) => (values[block] = { v: value });
  const text = (block: string, v: string | undefined, type = 'plain_text_input') => put(block, { type, value: v ?? null });
  const select = (block: string, v: string | undefined) => put(block, { type: 'static_select', selected_option: v === undefined ? null : { text: { type: 'plain_text', text: v }, value: v } });
  const date = (block: string, v: string | undefined) => put(block, { type: 'datepicker', selected_date: v ?? null });
  if ('project' in form) select('project', form.project);
  text('project_new', form.project_new);
  text('title', form.title);
  text('description', form.description);
  select('indicator', form.indicator);
  date('due', form.due);
  if ('key_result' in form) select('key_result', form.key_result);
  for (let row = 0; row < 3; row++) {
    const m = form.metrics?.[row] ?? {};
    const b = (f: string) => (versions[row] ? `metric${row}v${versions[row]}_${f}` : `metric${row}_${f}`);
    text(b('name'), m.name);
    text(b('unit'), m.unit);
    select(b('direction'), m.direction ?? 'increase');
    for (const f of ['baseline', 'target', 'actual'] as const) text(b(f), m[f], 'number_input');
  }
  for (let i = 0; i < 3; i++) text(`link${i}`, form.links?.[i], 'url_text_input');
  put('files', { type: 'file_input', files: form.files ?? [] });
  put('reviewer', { type: 'users_select', selected_user: form.reviewer ?? null });
  return values;
}

/** A view_submission of the modal the fake stored (its id, blocks and private_metadata). */
export function submission(view: Pick<SlackViewRecord, 'id' | 'blocks' | 'private_metadata' | 'callback_id'>, values: Values, user: string = USERS.member.id) {
  const p = fixture<{ user: Record<string, unknown>; view: Record<string, unknown> }>('view-submission.json');
  p.user = { ...p.user, id: user, team_id: TEAM };
  p.view = { ...p.view, id: view.id, root_view_id: view.id, blocks: view.blocks, private_metadata: view.private_metadata, callback_id: view.callback_id, state: { values } };
  return p;
}

/** A button click on a message (approval card, notice), as block_actions. */
export function click(opts: { user: string; actionId: string; value: string; blockId: string; triggerId: string; responseUrl: string; state?: Values; channel?: string }): Record<string, unknown> {
  const p = fixture<Record<string, unknown> & { actions: Record<string, unknown>[]; container: Record<string, unknown> }>('block-actions-message.json');
  return {
    ...p,
    user: { id: opts.user, username: opts.user.toLowerCase(), name: opts.user.toLowerCase(), team_id: TEAM },
    trigger_id: opts.triggerId,
    response_url: opts.responseUrl,
    state: { values: opts.state ?? {} },
    channel: { id: opts.channel ?? 'D0000001', name: 'directmessage' },
    container: { ...p.container, channel_id: opts.channel ?? 'D0000001' },
    actions: [{ ...p.actions[0], action_id: opts.actionId, block_id: opts.blockId, value: opts.value }],
  };
}

/** The same click from the App Home tab: no response_url, the view as container. */
export function homeClick(opts: { user: string; actionId: string; value: string; blockId: string; triggerId: string; state?: Values }) {
  const { response_url: _r, channel: _c, message: _m, ...rest } = click({ ...opts, responseUrl: '' });
  return { ...rest, container: { type: 'view', view_id: 'VHOME' }, view: { id: 'VHOME', type: 'home', state: { values: opts.state ?? {} } } };
}

/** Score selects as their state values (card: block `scores:{outcome}`). */
export function scores(outcomeId: string, s: { impact: number; difficulty: number; innovation: number }): Values {
  const sel = (n: number) => ({ type: 'static_select', selected_option: { text: { type: 'plain_text', text: String(n) }, value: String(n) } });
  return { [`scores:${outcomeId}`]: { 'outcome_score:impact': sel(s.impact), 'outcome_score:difficulty': sel(s.difficulty), 'outcome_score:innovation': sel(s.innovation) } };
}

/**
 * A block_actions from inside a modal (a button or a select in the stored view), as Slack sends it:
 * container type view, the whole view with its id, hash, private_metadata and current state, no response_url.
 */
export function modalAction(view: SlackViewRecord, values: Values, action: { actionId: string; blockId: string; type: 'button' | 'static_select'; selected?: string }, user: string = USERS.member.id) {
  const p = fixture<Record<string, unknown>>('block-actions-message.json');
  const { response_url: _r, channel: _c, message: _m, ...rest } = p;
  const picked = action.selected === undefined ? {} : { selected_option: { text: { type: 'plain_text', text: action.selected }, value: action.selected } };
  return {
    ...rest,
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: TEAM },
    trigger_id: '12345.98765.abcd',
    container: { type: 'view', view_id: view.id },
    view: { ...view, state: { values } },
    actions: [{ action_id: action.actionId, block_id: action.blockId, type: action.type, action_ts: '1700000001.000200', ...(action.type === 'button' ? { text: { type: 'plain_text', text: 'Add' }, value: '' } : picked) }],
  };
}
