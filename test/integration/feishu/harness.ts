/**
 * The real app on a real migrated libsql database, talking through the real Lark SDK to
 * the fake Feishu Open API, driven by encrypted and signed inbound requests — all on one
 * manual clock shared by the app, the fake and the request timestamps.
 */
import { count, eq } from 'drizzle-orm';
import { createApp } from '../../../src/app.ts';
import { evidence, outbox, outcomes, people, processedEvents, projects, reviews, reviewSchedules } from '../../../src/db/schema/index.ts';
import { drainOutbox } from '../../../src/delivery/drain.ts';
import { startFakeFeishu, type FakeFeishu, type FeishuMessage } from '../../fakes/fake-feishu.ts';
import { manualClock, testDeps } from '../../helpers/db.ts';
import { botMenuEvent, cardActionBody, feishuEventBody, messageReceiveEvent, signedFeishuRequest, type CardActionOptions, type MessageEventOptions, type SignedFeishuRequestOptions } from '../../helpers/feishu-sign.ts';

export const F = {
  appId: 'cli_test',
  appSecret: 'secret',
  encryptKey: 'test-encrypt-key',
  token: 'verification-token',
  tenant: 'tenant_test',
  member: 'ou_alice',
  manager: 'ou_boss',
  pmo: 'ou_pmo',
  stranger: 'ou_eve',
  admin: 'ou_root',
} as const;

type Json = Record<string, unknown>;

/** Every text a card shows (content and both languages), joined — for assertions. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Json;
    if (typeof o.content === 'string') out.push(o.content);
    if (o.i18n_content && typeof o.i18n_content === 'object') out.push(...Object.values(o.i18n_content as Record<string, string>));
    if (typeof o.default_value === 'string') out.push(o.default_value);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out.join('\n');
}

/** All callback values (button `behaviors`) in a card, decoded. */
export function buttonValues(card: unknown): Json[] {
  const out: Json[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Json;
    if (o.type === 'callback' && typeof o.value === 'string') out.push(JSON.parse(o.value) as Json);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

/** A Feishu harness; `options` reach createApp (e.g. a counting dispatcher factory). */
export async function startHarness(options: Parameters<typeof createApp>[1] = {}) {
  const clock = manualClock();
  const fake = await startFakeFeishu({ now: () => clock.now().getTime(), appId: F.appId, appSecret: F.appSecret, tenantKey: F.tenant });
  fake.addUser({ open_id: F.member, name: 'Alice', leader_user_id: F.manager });
  fake.addUser({ open_id: F.manager, name: 'Boss' });
  fake.addUser({ open_id: F.pmo, name: 'Pat PMO' });
  fake.addUser({ open_id: F.stranger, name: 'Eve' });
  fake.addUser({ open_id: F.admin, name: 'Root', is_tenant_manager: true });
  const env = {
    FEISHU_APP_ID: F.appId,
    FEISHU_APP_SECRET: F.appSecret,
    FEISHU_ENCRYPT_KEY: F.encryptKey,
    FEISHU_VERIFICATION_TOKEN: F.token,
    FEISHU_DOMAIN: fake.url,
    APP_SECRET: 'an-app-secret-of-at-least-32-characters',
    PUBLIC_URL: 'https://outcome.test',
  };
  const t = await testDeps({ env, clock });
  const { deps } = t;
  const app = createApp(deps, options);
  const db = deps.db;
  const seconds = () => String(Math.floor(clock.now().getTime() / 1000));

  /** Sends a signed (and by default encrypted) request; waits for the work it deferred. */
  async function post(path: 'events' | 'cards', body: object, opts: Partial<SignedFeishuRequestOptions> = {}) {
    clock.advance(1_000); // keeps the 5-per-second budgets of the app and the fake apart between steps
    const res = await app.fetch(signedFeishuRequest(`https://outcome.test/feishu/${path}`, { encryptKey: F.encryptKey, body, timestamp: seconds(), ...opts }));
    await t.drainDeferred();
    return res;
  }

  const envelope = { token: F.token, tenantKey: F.tenant, appId: F.appId };

  return {
    clock,
    fake,
    deps,
    app,
    db,
    post,
    /** A text (or other) message from `openId` to the bot. */
    say: (text: string, opts: MessageEventOptions & { eventId?: string } = {}) =>
      post('events', feishuEventBody('im.message.receive_v1', messageReceiveEvent({ openId: F.member, text, ...opts }), { ...envelope, ...(opts.eventId ? { eventId: opts.eventId } : {}) })),
    menu: (eventKey: string, openId: string = F.member) => post('events', feishuEventBody('application.bot.menu_v6', botMenuEvent(eventKey, openId), envelope)),
    /** A click on a card (card.action.trigger) by `openId`; returns the parsed callback answer. */
    click: async (opts: CardActionOptions) => {
      const res = await post('cards', cardActionBody({ ...envelope, ...opts }));
      return { status: res.status, body: (await res.json()) as { toast?: Json; card?: { type: string; data: Json } } };
    },
    /** Cards the bot sent to a receiver (open_id or chat_id), oldest first, as current content. */
    cardsTo: (receiveId: string): { message: FeishuMessage; card: Json }[] =>
      fake.messages.filter((m) => m.receive_id === receiveId).map((m) => ({ message: m, card: JSON.parse(m.content) as Json })),
    /** Runs the outbox drainer once more (e.g. after moving the clock past a retry). */
    drain: () => drainOutbox({ store: deps.repos.outbox, senders: deps.senders, budget: deps.budget, clock: deps.clock }),
    async counts() {
      const n = async (table: typeof outcomes | typeof outbox | typeof reviews | typeof evidence | typeof projects | typeof processedEvents | typeof reviewSchedules | typeof people) =>
        (await db.select({ n: count() }).from(table))[0]!.n;
      return {
        outcomes: await n(outcomes),
        outbox: await n(outbox),
        reviews: await n(reviews),
        evidence: await n(evidence),
        projects: await n(projects),
        events: await n(processedEvents),
        schedules: await n(reviewSchedules),
        people: await n(people),
      };
    },
    outboxRows: () => db.select().from(outbox),
    outcome: async (id: string) => (await db.select().from(outcomes).where(eq(outcomes.id, id)))[0],
    async workspace() {
      return deps.repos.workspaces.ensure('feishu', F.tenant);
    },
    async close() {
      await t.drainDeferred();
      await fake.close();
      await t.close();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
