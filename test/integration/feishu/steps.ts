/** Story steps shared by the Feishu integration tests (member opens the form, submits, reviewers click). */
import { encodeAction } from '../../../cards/actions.ts';
import { encodeFormAction } from '../../../cards/feishu/form-action.ts';
import { buttonValues, F, type Harness } from './harness.ts';

/** A form a member could submit, all fields valid. */
export function validForm(over: Record<string, string | undefined> = {}): Record<string, string> {
  const base: Record<string, string | undefined> = {
    title: 'Shorter clinic waiting time',
    description: 'Cut the average outpatient waiting time by reworking triage and booking slots.',
    indicator: 'impact',
    project_new: 'Clinic triage',
    // The one go-live date (a new project's too): the follow-up review counts from it.
    due: '2026-12-01 +0800',
    m0_name: 'Waiting time',
    m0_unit: 'min',
    m0_direction: 'decrease',
    m0_baseline: '45',
    m0_target: '28',
    evidence: 'https://example.com/report',
    reviewer: F.manager,
    ...over,
  };
  return Object.fromEntries(Object.entries(base).filter((e): e is [string, string] => e[1] !== undefined));
}

/** The member types `/outcome`; returns the form card's message id and its submit nonce. */
export async function openForm(h: Harness, openId: string = F.member): Promise<{ messageId: string; nonce: string }> {
  await h.say('/outcome', { openId });
  const sent = h.cardsTo(openId).at(-1)!;
  const submit = buttonValues(sent.card).find((v) => v.a === 'submit');
  return { messageId: sent.message.message_id, nonce: String(submit!.n) };
}

/** Clicks Submit on a form card with `formValue`. */
export function submitForm(h: Harness, form: { messageId: string; nonce: string }, formValue: Record<string, string>, openId: string = F.member) {
  return h.click({ openId, value: encodeFormAction({ a: 'submit', n: form.nonce }), name: 'submit', formValue, openMessageId: form.messageId });
}

/** Opens the form and submits a valid outcome; returns its id. */
export async function submitValid(h: Harness, over: Record<string, string | undefined> = {}): Promise<string> {
  const form = await openForm(h);
  const res = await submitForm(h, form, validForm(over));
  if (!res.body.card) throw new Error(`submit failed: ${JSON.stringify(res.body.toast)}`);
  const rows = await h.outboxRows();
  const request = rows.filter((r) => r.kind === 'approval_request').at(-1)!;
  return String(request.payload.outcomeId);
}

/** A reviewer clicks a decision button on the approval card of `outcomeId`. */
export function clickDecision(h: Harness, openId: string, a: 'approve' | 'request_changes' | 'reject', outcomeId: string, opts: { round?: number; stage?: 'manager' | 'pmo'; formValue?: Record<string, string>; messageId?: string } = {}) {
  return h.click({
    openId,
    value: encodeAction({ a, o: outcomeId, r: opts.round ?? 1, s: opts.stage ?? 'manager' }),
    name: a,
    formValue: opts.formValue ?? {},
    openMessageId: opts.messageId ?? 'om_card',
  });
}

export const SCORES = { score_impact: '4', score_difficulty: '3', score_innovation: '5' };
