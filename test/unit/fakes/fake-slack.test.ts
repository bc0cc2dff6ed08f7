import { ErrorCode, LogLevel, WebClient, type Logger, type WebAPICallError } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../fakes/fake-slack.ts';

let fake: FakeSlack;
const quiet: Logger = {
  debug: () => {}, info: () => {}, warn: () => {}, error: () => {},
  setLevel: () => {}, getLevel: () => LogLevel.ERROR, setName: () => {},
};

/** A WebClient against the fake; `null` = no token at all. */
const client = (token: string | null = 'xoxb-test', extra: Record<string, unknown> = {}) =>
  new WebClient(token ?? undefined, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: quiet, ...extra });

/** The rejection of a Web API call, typed. */
async function failure(p: Promise<unknown>): Promise<WebAPICallError & { data?: { error: string; response_metadata?: { messages?: string[] } } }> {
  try {
    await p;
  } catch (err) {
    return err as WebAPICallError & { data?: { error: string } };
  }
  throw new Error('expected the call to fail');
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (i: number, text = `B${i}`) => ({ type: 'button', action_id: `a${i}`, text: { type: 'plain_text', text } });

beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(() => fake.close());

describe('fake Slack Web API with the real WebClient', () => {
  it('posts a message, stores it and records the call', async () => {
    const res = await client().chat.postMessage({ channel: 'C0001', text: 'hi', blocks: [section('*hello*')] });
    expect(res.ok).toBe(true);
    expect(res.channel).toBe('C0001');
    expect(res.ts).toMatch(/^\d+\.\d{6}$/);
    expect(fake.messages.at(-1)).toMatchObject({ channel: 'C0001', ts: res.ts, text: 'hi', blocks: [section('*hello*')] });
    const call = fake.callsTo('chat.postMessage').at(-1);
    expect(call?.headers.authorization).toBe('Bearer xoxb-test');
    expect(call?.body.blocks).toEqual([section('*hello*')]);
  });

  it('refuses a wrong token with invalid_auth and a missing one with not_authed (HTTP 200)', async () => {
    expect((await failure(client('xoxb-wrong').chat.postMessage({ channel: 'C0001', text: 'x' }))).data?.error).toBe('invalid_auth');
    expect((await failure(client(null).auth.test())).data?.error).toBe('not_authed');
    expect(fake.callsTo('auth.test').at(-1)?.status).toBe(200);
  });

  it('auth.test identifies the bot and team', async () => {
    expect(await client().auth.test()).toMatchObject({ ok: true, team_id: 'T0001', user_id: 'UBOT0001', bot_id: 'B0001' });
  });

  it('refuses 51 blocks with invalid_blocks and Slack-style messages', async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => section(`line ${i}`));
    const err = await failure(client().chat.postMessage({ channel: 'C0001', text: 'x', blocks }));
    expect(err.code).toBe(ErrorCode.PlatformError);
    expect(err.data?.error).toBe('invalid_blocks');
    expect(err.data?.response_metadata?.messages?.[0]).toContain('no more than 50 items allowed [json-pointer:/blocks]');
    await expect(client().chat.postMessage({ channel: 'C0001', text: 'x', blocks: blocks.slice(0, 50) })).resolves.toMatchObject({ ok: true });
  });

  it('enforces 25 elements per actions block and 75-char button text', async () => {
    const nps = { type: 'actions', elements: Array.from({ length: 11 }, (_, i) => button(i)) };
    await expect(client().chat.postMessage({ channel: 'C0001', text: 'nps', blocks: [nps] })).resolves.toMatchObject({ ok: true });
    const tooMany = { type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button(i)) };
    expect((await failure(client().chat.postMessage({ channel: 'C0001', text: 'x', blocks: [tooMany] }))).data?.error).toBe('invalid_blocks');
    const longText = { type: 'actions', elements: [button(1, 'x'.repeat(76))] };
    const err = await failure(client().chat.postMessage({ channel: 'C0001', text: 'x', blocks: [longText] }));
    expect(err.data?.response_metadata?.messages?.[0]).toContain('/blocks/0/elements/0/text/text');
  });

  it('answers msg_blocks_too_long above ~13.2k characters of block text', async () => {
    const blocks = Array.from({ length: 5 }, () => section('y'.repeat(2900)));
    expect((await failure(client().chat.postMessage({ channel: 'C0001', text: 'x', blocks }))).data?.error).toBe('msg_blocks_too_long');
  });

  it('chat.update changes a stored message and refuses an unknown ts', async () => {
    const posted = await client().chat.postMessage({ channel: 'C0001', text: 'v1' });
    await client().chat.update({ channel: 'C0001', ts: posted.ts as string, text: 'v2' });
    const stored = fake.messages.find((m) => m.ts === posted.ts);
    expect(stored?.text).toBe('v2');
    expect(stored?.history).toHaveLength(1);
    expect((await failure(client().chat.update({ channel: 'C0001', ts: '1.000001', text: 'x' }))).data?.error).toBe('message_not_found');
  });

  it('unknown channels and users are refused', async () => {
    expect((await failure(client().chat.postMessage({ channel: 'general', text: 'x' }))).data?.error).toBe('channel_not_found');
    expect((await failure(client().chat.postEphemeral({ channel: 'C0001', user: 'UNOBODY', text: 'x' }))).data?.error).toBe('user_not_in_channel');
    expect((await failure(client().apiCall('no.such.method'))).data?.error).toBe('unknown_method');
  });

  it('JSON bodies authenticate only through the Authorization header', async () => {
    const post = (headers: Record<string, string>, body: object) =>
      fetch(`${fake.url}auth.test`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then((r) => r.json());
    expect(await post({}, { token: 'xoxb-test' })).toEqual({ ok: false, error: 'not_authed' });
    expect(await post({ authorization: 'Bearer xoxb-test' }, {})).toMatchObject({ ok: true });
  });
});

describe('fault injection', () => {
  it('429 with Retry-After rejects a rejectRateLimitedCalls client with retryAfter', async () => {
    fake.injectNext('chat.postMessage', { status: 429, retryAfter: 2 });
    const err = await failure(client('xoxb-test', { rejectRateLimitedCalls: true }).chat.postMessage({ channel: 'C0001', text: 'x' }));
    expect(err.code).toBe(ErrorCode.RateLimitedError);
    expect((err as { retryAfter?: number }).retryAfter).toBe(2);
    const call = fake.callsTo('chat.postMessage').at(-1);
    expect(call?.status).toBe(429);
    expect(call?.response).toEqual({ ok: false, error: 'ratelimited' });
  });

  it('5xx surfaces as an HTTP error', async () => {
    fake.injectNext('chat.postMessage', { status: 503 });
    const err = await failure(client().chat.postMessage({ channel: 'C0001', text: 'x' }));
    expect(err.code).toBe(ErrorCode.HTTPError);
    expect((err as { statusCode?: number }).statusCode).toBe(503);
  });

  it('queued platform errors apply `times` times, then calls succeed', async () => {
    fake.injectNext('chat.postMessage', { error: 'channel_not_found', times: 2 });
    expect((await failure(client().chat.postMessage({ channel: 'C0001', text: 'x' }))).data?.error).toBe('channel_not_found');
    expect((await failure(client().chat.postMessage({ channel: 'C0001', text: 'x' }))).data?.error).toBe('channel_not_found');
    await expect(client().chat.postMessage({ channel: 'C0001', text: 'x' })).resolves.toMatchObject({ ok: true });
  });

  it('delayMs answers late (a client timeout fires first)', async () => {
    fake.injectNext('auth.test', { delayMs: 200 });
    const err = await failure(client('xoxb-test', { timeout: 50 }).auth.test());
    expect(err.code).toBe(ErrorCode.RequestError);
    fake.injectNext('auth.test', { delayMs: 30 });
    await expect(client().auth.test()).resolves.toMatchObject({ ok: true });
  });

  it('reset drops the connection', async () => {
    fake.injectNext('*', { reset: true });
    expect((await failure(client().auth.test())).code).toBe(ErrorCode.RequestError);
  });
});
