/** Steps shared by the Feishu follow-up tests (surveys, reviews, digest). */
import { encodeAction } from '../../../cards/actions.ts';
import { projects } from '../../../src/db/schema/index.ts';
import { runDueJobs } from '../../../src/jobs/run-due-jobs.ts';
import { buttonValues, F, type Harness } from './harness.ts';
import { clickDecision, SCORES, submitValid } from './steps.ts';

type Json = Record<string, unknown>;

/** Cards delivered for outbox rows of `kind` (to `to`, if given), oldest first, as they stand now. */
export async function sentCards(h: Harness, kind: string, to?: string): Promise<{ messageId: string; to: string; card: Json }[]> {
  const rows = (await h.outboxRows()).filter((r) => r.kind === kind && r.status === 'sent' && (!to || r.destination === to));
  return rows
    .map((r) => h.fake.messages.find((m) => m.message_id === r.result?.message_id))
    .filter((m) => m !== undefined)
    .sort((a, b) => a.create_time - b.create_time)
    .map((m) => ({ messageId: m.message_id, to: m.receive_id, card: JSON.parse(m.content) as Json }));
}

/** Moves the clock and runs the scheduled jobs, as the cron trigger or the Node timer would. */
export async function runJobsAt(h: Harness, at: Date) {
  h.clock.set(at);
  return runDueJobs(h.deps);
}

/** The PMO is set up (and the workspace returned). */
export async function withPmo(h: Harness, extra: Parameters<Harness['deps']['repos']['workspaces']['updateSettings']>[1] = {}) {
  const ws = await h.workspace();
  await h.deps.repos.workspaces.updateSettings(ws.id, { pmoReviewers: [F.pmo], ...extra });
  return ws;
}

/** A project to survey about. */
export async function addProject(h: Harness, name = 'Clinic triage'): Promise<string> {
  const ws = await h.workspace();
  const [p] = await h.db.insert(projects).values({ workspaceId: ws.id, name, goLiveAt: new Date('2026-11-01T00:00:00Z') }).returning();
  return p!.id;
}

/** `who` types `/outcome nps`; returns the form card's message id and nonce. */
export async function openSurveyForm(h: Harness, who: string = F.pmo): Promise<{ messageId: string; nonce: string; card: Json }> {
  await h.say('/outcome nps', { openId: who });
  const sent = h.cardsTo(who).at(-1)!;
  const send = buttonValues(sent.card).find((v) => v.a === 'nps_start');
  return { messageId: sent.message.message_id, nonce: String(send?.n), card: sent.card };
}

/** Submits the survey form. */
export function submitSurveyForm(h: Harness, form: { messageId: string; nonce: string }, formValue: Record<string, string | string[]>, who: string = F.pmo) {
  return h.click({ openId: who, value: encodeAction({ a: 'nps_start', n: form.nonce }), name: 'send', formValue, openMessageId: form.messageId });
}

/** A respondent clicks a score on their survey card, with an optional comment. */
export function answer(h: Harness, who: string, surveyId: string, score: number, comment?: string, messageId = 'om_survey') {
  return h.click({ openId: who, value: encodeAction({ a: 'nps', s: surveyId, v: score }), name: `score_${score}`, formValue: comment === undefined ? {} : { comment }, openMessageId: messageId });
}

/** Submits, and has the manager and the PMO approve, a valid outcome; returns its id. */
export async function verifiedOutcome(h: Harness): Promise<string> {
  const id = await submitValid(h);
  await clickDecision(h, F.manager, 'approve', id, { formValue: SCORES });
  await clickDecision(h, F.pmo, 'approve', id, { stage: 'pmo', formValue: SCORES });
  return id;
}
