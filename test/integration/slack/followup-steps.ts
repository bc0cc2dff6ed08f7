/**
 * Steps shared by the follow-up tests (surveys, reviews, digest): the PMO's workspace,
 * modal state as Slack sends it, the cards a person received and clicks on their buttons.
 */
import { projects } from '../../../src/db/schema/index.ts';
import { runDueJobs } from '../../../src/jobs/run-due-jobs.ts';
import type { SlackStoredMessage, SlackViewRecord } from '../../fakes/fake-slack.ts';
import { USERS, type Harness } from './harness.ts';
import { click, scores, stateOf, submission, validForm } from './payloads.ts';

type Values = Record<string, Record<string, Record<string, unknown>>>;
type Button = { type?: string; action_id: string; value: string };
type Block = { block_id?: string; elements?: Button[]; accessory?: Button };

/** A workspace whose PMO reviewer is USERS.pmo, in `locale`, with one project gone live. */
export async function pmoWorkspace(h: Harness, settings: { locale?: 'en' | 'zh-CN'; timeZone?: string } = {}) {
  const ws = await h.deps.repos.workspaces.ensure('slack', 'T0001');
  await h.deps.repos.workspaces.updateSettings(ws.id, { pmoReviewers: [USERS.pmo.id], ...settings });
  const [project] = await h.db.insert(projects).values({ workspaceId: ws.id, name: 'Clinic triage', goLiveAt: new Date('2026-01-05T00:00:00Z') }).returning();
  return { workspaceId: ws.id, projectId: project!.id };
}

/** The modal the last views.open call opened. */
export const lastModal = (h: Harness): SlackViewRecord => (h.fake.callsTo('views.open').at(-1)!.response as { view: SlackViewRecord }).view;

/** Submits a modal; the parsed ack body ({} for a plain ack). */
export async function submitModal(h: Harness, view: SlackViewRecord, values: Values, user: string): Promise<{ response_action?: string; errors?: Record<string, string>; view?: { blocks: unknown[] } }> {
  const res = await h.interact(submission(view, values, user));
  const text = await res.text();
  return text ? JSON.parse(text) : {};
}

/** `view.state.values` of the survey modal. */
export function surveyState(p: { project?: string; outcome?: string; question?: string; people?: string[]; channels?: string[]; closesAt?: Date; kind?: string }): Values {
  const opt = (v: string | undefined) => (v === undefined ? null : { text: { type: 'plain_text', text: v }, value: v });
  return {
    project: { v: { type: 'static_select', selected_option: opt(p.project) } },
    ...(p.outcome !== undefined ? { outcome: { v: { type: 'static_select', selected_option: opt(p.outcome) } } } : {}),
    question: { v: { type: 'plain_text_input', value: p.question ?? null } },
    people: { v: { type: 'multi_users_select', selected_users: p.people ?? [] } },
    channels: { v: { type: 'multi_conversations_select', selected_conversations: p.channels ?? [] } },
    closes: { v: { type: 'datetimepicker', selected_date_time: p.closesAt ? Math.floor(p.closesAt.getTime() / 1000) : null } },
    kind: { v: { type: 'radio_buttons', selected_option: opt(p.kind) } },
  };
}

/** Messages the bot posted in `user`'s DM (or in a channel id), oldest first. */
export function messagesTo(h: Harness, user: string): SlackStoredMessage[] {
  if (/^[CG]/.test(user)) return h.fake.messages.filter((m) => m.channel === user);
  const channels = new Set(h.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === user).map((c) => (c.response as { channel?: string })?.channel));
  return h.fake.messages.filter((m) => channels.has(m.channel));
}

/** Buttons of a message (actions blocks and section accessories) with their block ids. */
export function buttonsOf(m: SlackStoredMessage): (Button & { blockId: string })[] {
  return ((m.blocks ?? []) as Block[]).flatMap((b) =>
    [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])].filter((e) => e.type === 'button').map((e) => ({ ...e, blockId: b.block_id ?? '' })),
  );
}

/** Clicks the button `actionId` of `message` as `user`; returns what the response_url received. */
export async function press(h: Harness, message: SlackStoredMessage, actionId: string, user: string, state: Values = {}): Promise<{ text?: string }[]> {
  const button = buttonsOf(message).find((b) => b.action_id === actionId);
  if (!button) throw new Error(`no button ${actionId} on the message`);
  const responseUrl = h.fake.respondUrl();
  const res = await h.interact(click({ user, actionId, value: button.value, blockId: button.blockId, triggerId: h.fake.issueTrigger(), responseUrl, channel: message.channel, state }));
  if (res.status !== 200) throw new Error(`click answered ${res.status}`);
  return h.fake.responsesTo(responseUrl) as { text?: string }[];
}

/** Runs the scheduler at the clock's time, then lets the per-destination budget deliver. */
export async function runJobs(h: Harness) {
  const report = await runDueJobs(h.deps);
  for (let i = 0; i < 5; i++) {
    h.clock.advance(1_000);
    await runDueJobs(h.deps);
  }
  return report;
}

/** The text of every block of a message, for assertions on what a person reads. */
export const textOf = (m: SlackStoredMessage | undefined) => JSON.stringify(m?.blocks ?? []);

/**
 * A member's outcome (45 → 28 min, go-live 2026-01-05), submitted in the modal and verified by the
 * manager and the PMO from their cards on 2026-03-02; the member reports to the manager.
 */
export async function verifiedOutcome(h: Harness): Promise<{ workspaceId: string; outcomeId: string }> {
  h.clock.set(new Date('2026-03-02T02:00:00Z'));
  const ws = await h.deps.repos.workspaces.ensure('slack', 'T0001');
  await h.deps.repos.workspaces.updateSettings(ws.id, { pmoReviewers: [USERS.pmo.id] });
  await h.command('');
  await h.interact(submission(lastModal(h), stateOf(validForm())));
  const outcomeId = (await h.allOutcomes())[0]!.id;
  const member = await h.deps.repos.people.upsert(ws.id, { platformUserId: USERS.member.id });
  const manager = await h.deps.repos.people.upsert(ws.id, { platformUserId: USERS.manager.id });
  await h.deps.repos.people.setManager(ws.id, member.id, manager.id, 'manual');
  const approve = async (user: string) => press(h, messagesTo(h, user).find((m) => textOf(m).includes('outcome_approve'))!, 'outcome_approve', user, scores(outcomeId, { impact: 4, difficulty: 3, innovation: 4 }));
  await approve(USERS.manager.id);
  await approve(USERS.pmo.id);
  return { workspaceId: ws.id, outcomeId };
}
