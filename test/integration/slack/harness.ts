/**
 * The Slack integration harness: the real app (createApp) on a real migrated libsql
 * database, the real Bolt and web-api clients talking HTTP to the fake Slack, requests
 * signed like Slack's, and one manual clock shared by the app, the outbox and the fake.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { createApp } from '../../../src/app.ts';
import { drainOutbox } from '../../../src/delivery/drain.ts';
import { outbox, outcomes, people, projects, reviews, workspaces } from '../../../src/db/schema/index.ts';
import type { Log } from '../../../src/log.ts';
import { DEFAULT_SLACK_TIMINGS, type SlackTimings } from '../../../src/slack/inbound/timing.ts';
import { startFakeSlack, type FakeSlack, type SlackUserInput } from '../../fakes/fake-slack.ts';
import { manualClock, testDeps } from '../../helpers/db.ts';
import { eventBody, interactionBody, signedSlackRequest, slashCommandBody, type SignedSlackRequestOptions, type SlashCommandFields } from '../../helpers/slack-sign.ts';

export const SECRET = 'slack-signing-secret-for-tests';
export const APP_SECRET = 'app-secret-for-slack-integration-tests-0123456789';
export const PUBLIC_URL = 'https://outcome.example.com';
export const TEAM = 'T0001';

/** The people of the test workspace (Slack-style ids: the fake resolves U… to a DM). */
export const USERS = {
  member: { id: 'UMEMBER1', name: 'alice', real_name: 'Alice Member', locale: 'en-US', tz: 'Asia/Shanghai' },
  manager: { id: 'UMANAGER1', name: 'bob', real_name: 'Bob Manager', locale: 'zh-CN', tz: 'Asia/Shanghai' },
  pmo: { id: 'UPMO1', name: 'pat', real_name: 'Pat PMO', locale: 'en-US', tz: 'Europe/Berlin' },
  stranger: { id: 'USTRANGER1', name: 'sam', real_name: 'Sam Stranger', locale: 'en-US', tz: 'UTC' },
} satisfies Record<string, SlackUserInput>;

const FIXTURES = join(import.meta.dirname, '../../fixtures/slack');
/** A sample payload from test/fixtures/slack, parsed fresh each time. */
export const fixture = <T = Record<string, unknown>>(name: string): T => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;

export interface HarnessOptions {
  /** Single-workspace token (default on). */
  botToken?: boolean;
  /** OAuth client credentials (default off). */
  oauth?: boolean;
  /** Shorter budgets inside Slack's 3-second window (default: production's), so slow-Slack cases stay quick. */
  timings?: Partial<SlackTimings>;
  /** Where the app's log lines go (default: quiet, errors only). */
  log?: Log;
}

export type Harness = Awaited<ReturnType<typeof startSlackHarness>>;

/** Starts the fake Slack and the app; call `close()` after the test. */
export async function startSlackHarness(opts: HarnessOptions = {}) {
  const clock = manualClock(new Date());
  const fake: FakeSlack = await startFakeSlack({ now: () => clock.now().getTime(), blocksTextCeiling: Infinity });
  for (const u of Object.values(USERS)) fake.addUser(u);
  const env: Record<string, string> = {
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.url,
    APP_SECRET,
    PUBLIC_URL,
    DEFAULT_LOCALE: 'en',
    DEFAULT_TIMEZONE: 'Asia/Shanghai',
  };
  if (opts.botToken !== false) env.SLACK_BOT_TOKEN = 'xoxb-test';
  if (opts.oauth) Object.assign(env, { SLACK_CLIENT_ID: '1111.2222', SLACK_CLIENT_SECRET: 'client-secret' });
  const slackTimings = opts.timings ? { ...DEFAULT_SLACK_TIMINGS, ...opts.timings } : undefined;
  const { deps, database, drainDeferred, close } = await testDeps({ env, clock, slackTimings, log: opts.log });
  const app = createApp(deps);
  const { db } = database;

  const deliver = () => drainOutbox({ store: deps.repos.outbox, senders: deps.senders, budget: deps.budget, clock: deps.clock });
  const send = async (req: Request) => {
    const res = await app.fetch(req);
    // Deferred work (outbox kicks, Home publishes) runs after the response, as in production.
    await drainDeferred();
    // People take a few seconds between clicks: let the clock move so Slack's 1 message/s per
    // destination budget lets queued notifications go, as the cron sweep would deliver them.
    for (let i = 0; i < 3; i++) {
      clock.advance(1_000);
      await deliver();
    }
    return res;
  };
  const post = (body: string, o: SignedSlackRequestOptions = {}) => send(signedSlackRequest(`${PUBLIC_URL}/slack/events`, SECRET, body, undefined, o));
  const n = async (table: typeof outcomes | typeof outbox | typeof projects | typeof reviews | typeof workspaces | typeof people) => (await db.select({ n: count() }).from(table))[0]!.n;

  return {
    fake,
    clock,
    deps,
    db,
    app,
    send,
    post,
    /** A signed slash command from `user` (default the member); trigger id and response_url are live fakes. */
    command: (text: string, user: string = USERS.member.id, fields: SlashCommandFields = {}) =>
      post(slashCommandBody({ text, user_id: user, team_id: TEAM, trigger_id: fake.issueTrigger(), response_url: fake.respondUrl(), ...fields })),
    /** A signed interactivity payload. */
    interact: (payload: object, o: SignedSlackRequestOptions = {}) => post(interactionBody(payload), o),
    /** A signed Events API envelope. */
    event: (event: object, eventId: string, o: SignedSlackRequestOptions = {}) => post(eventBody(event, { teamId: TEAM, eventId }), o),
    /** Waits for the deferred work of earlier requests (for requests sent with `app.fetch`). */
    settle: drainDeferred,
    /** Delivers what is due in the outbox (as the cron sweep would). */
    deliver,
    counts: async () => ({ outcomes: await n(outcomes), outbox: await n(outbox), projects: await n(projects), reviews: await n(reviews), workspaces: await n(workspaces) }),
    outbox: () => db.select().from(outbox),
    outcome: async (id: string) => (await db.select().from(outcomes).where(eq(outcomes.id, id)))[0],
    allOutcomes: () => db.select().from(outcomes),
    close: async () => {
      await drainDeferred();
      await fake.close();
      await close();
    },
  };
}

/** The DM channel the fake uses between the bot and `userId`. */
export function dmOf(fake: FakeSlack, userId: string): string {
  const call = fake.callsTo('chat.postMessage').find((c) => c.body.channel === userId && (c.response as { ok?: boolean })?.ok);
  return String((call?.response as { channel?: string } | undefined)?.channel ?? '');
}
