import * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeFeishu, type FakeFeishu } from '../../fakes/fake-feishu.ts';
import { larkMemoryCache, silentLarkLogger } from '../../helpers/lark-client-kit.ts';

let clock = 1_800_000_000_000;
let fake: FakeFeishu;
let client: lark.Client;

const newClient = (appSecret = 'secret') =>
  new lark.Client({ appId: 'cli_test', appSecret, domain: fake.url, disableTokenCache: false, cache: larkMemoryCache(), logger: silentLarkLogger });

/** The HTTP status, headers and Feishu body of a rejected SDK call (axios error). */
async function failure(p: Promise<unknown>): Promise<{ status?: number; headers: Record<string, string>; data: { code?: number; msg?: string }; message: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as { message: string; response?: { status: number; headers: Record<string, string>; data: { code?: number } } };
    return { status: e.response?.status, headers: e.response?.headers ?? {}, data: e.response?.data ?? {}, message: e.message };
  }
  throw new Error('expected the call to fail');
}

const card = (extra: object = {}) => ({
  schema: '2.0',
  config: { update_multi: true },
  header: { title: { tag: 'plain_text', content: 'Outcome' } },
  body: { elements: [{ tag: 'markdown', content: 'hello' }] },
  ...extra,
});
const send = (c: lark.Client, receiveId: string, content: string, uuid?: string) =>
  c.im.message.create({ params: { receive_id_type: 'open_id' }, data: { receive_id: receiveId, msg_type: 'interactive', content, ...(uuid ? { uuid } : {}) } });

beforeAll(async () => {
  fake = await startFakeFeishu({ now: () => clock });
  for (const id of ['ou_alice', 'ou_bob', 'ou_carol', 'ou_dan']) fake.addUser({ open_id: id, name: id.slice(3) });
  client = newClient();
});
afterAll(() => fake.close());
beforeEach(() => {
  clock += 2_000; // leave every 1-second rate window between tests
});

describe('fake Feishu with the real Lark SDK client', () => {
  it('sends a card end to end, fetching the tenant token once', async () => {
    const first = await send(client, 'ou_alice', JSON.stringify(card()));
    const second = await send(client, 'ou_alice', JSON.stringify(card()));
    expect(first.code).toBe(0);
    expect(first.data?.message_id).toMatch(/^om_/);
    expect(second.data?.message_id).not.toBe(first.data?.message_id);
    expect(fake.callsTo('POST /open-apis/auth/v3/tenant_access_token/internal')).toHaveLength(1);
    const sendCall = fake.callsTo('POST /open-apis/im/v1/messages').at(-1);
    expect(sendCall?.headers.authorization).toMatch(/^Bearer t-/);
    expect(sendCall?.query.receive_id_type).toBe('open_id');
    expect(fake.messages.find((m) => m.message_id === first.data?.message_id)).toMatchObject({ receive_id: 'ou_alice', msg_type: 'interactive' });
  });

  it('refuses a card over 30 KB with 230025 (HTTP 400)', async () => {
    const big = card({ body: { elements: [{ tag: 'markdown', content: 'x'.repeat(31 * 1024) }] } });
    const err = await failure(send(client, 'ou_alice', JSON.stringify(big)));
    expect(err.status).toBe(400);
    expect(err.data.code).toBe(230025);
  });

  it('refuses non-string content, removed 2.0 tags and unknown receivers', async () => {
    const notString = await failure(send(client, 'ou_alice', card() as unknown as string));
    expect(notString.data.code).toBe(99992402);
    const removed = await failure(send(client, 'ou_alice', JSON.stringify(card({ body: { elements: [{ tag: 'action', actions: [] }] } }))));
    expect(removed.data.code).toBe(230099);
    expect((await failure(send(client, 'ou_stranger', JSON.stringify(card())))).data.code).toBe(230013);
  });

  it('dedups by uuid for an hour: same message_id, no second message', async () => {
    const before = fake.messages.length;
    const a = await send(client, 'ou_bob', JSON.stringify(card()), 'outbox-42');
    const b = await send(client, 'ou_bob', JSON.stringify(card()), 'outbox-42');
    expect(b.data?.message_id).toBe(a.data?.message_id);
    expect(fake.messages.length).toBe(before + 1);
    clock += 60 * 60_000 + 1;
    const c = await send(newClient(), 'ou_bob', JSON.stringify(card()), 'outbox-42');
    expect(c.data?.message_id).not.toBe(a.data?.message_id);
  });

  it('limits each receiver to 5 messages per second (429 + x-ogw-ratelimit-reset)', async () => {
    for (let i = 0; i < 5; i += 1) await send(client, 'ou_carol', JSON.stringify(card()));
    const err = await failure(send(client, 'ou_carol', JSON.stringify(card())));
    expect(err.status).toBe(429);
    expect(err.data.code).toBe(99991400);
    expect(err.headers['x-ogw-ratelimit-reset']).toBe('1');
    await expect(send(client, 'ou_dan', JSON.stringify(card()))).resolves.toMatchObject({ code: 0 });
    clock += 1_000;
    await expect(send(client, 'ou_carol', JSON.stringify(card()))).resolves.toMatchObject({ code: 0 });
  });
});

describe('tokens', () => {
  it('a wrong app secret fails the token fetch (flat body, HTTP 200)', async () => {
    const err = await failure(send(newClient('wrong'), 'ou_alice', JSON.stringify(card())));
    expect(err.message).toContain('code: 10014');
  });

  it('missing and invalid bearer tokens get 99991661 / 99991663', async () => {
    const url = `${fake.url}/open-apis/contact/v3/users/ou_alice?user_id_type=open_id`;
    const missing = await fetch(url);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ code: 99991661, error: { log_id: expect.any(String) } });
    expect(await (await fetch(url, { headers: { authorization: 'Bearer t-forged' } })).json()).toMatchObject({ code: 99991663 });
  });

  it('returns the same token while ≥ 30 min remain, then a new one', async () => {
    const fetchToken = async () =>
      (await (await fetch(`${fake.url}/open-apis/auth/v3/tenant_access_token/internal`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ app_id: 'cli_test', app_secret: 'secret' }),
      })).json()) as { tenant_access_token: string; expire: number };
    fake.expireTenantTokens(); // start from a freshly issued token
    const a = await fetchToken();
    clock += 60 * 60_000;
    const b = await fetchToken();
    expect(b.tenant_access_token).toBe(a.tenant_access_token);
    expect(b.expire).toBeLessThan(a.expire);
    clock += 31 * 60_000;
    expect((await fetchToken()).tenant_access_token).not.toBe(a.tenant_access_token);
  });

  it('server-side token invalidation is not retried by the SDK (it keeps its cached token)', async () => {
    const c = newClient();
    await send(c, 'ou_alice', JSON.stringify(card()));
    fake.expireTenantTokens();
    expect((await failure(send(c, 'ou_alice', JSON.stringify(card())))).data.code).toBe(99991663);
  });
});

describe('fault injection', () => {
  it('429 carries x-ogw-ratelimit-reset and {code: 99991400}', async () => {
    fake.injectNext('/open-apis/im/v1/messages', { status: 429, retryAfter: 7 });
    const err = await failure(send(newClient(), 'ou_alice', JSON.stringify(card())));
    expect(err.status).toBe(429);
    expect(err.headers['x-ogw-ratelimit-reset']).toBe('7');
    expect(err.data).toMatchObject({ code: 99991400, msg: 'request trigger frequency limit' });
  });

  it('5xx, custom codes (queued with times) and delays', async () => {
    fake.injectNext('POST /open-apis/im/v1/messages', { status: 502 });
    expect((await failure(send(newClient(), 'ou_alice', JSON.stringify(card())))).status).toBe(502);
    fake.injectNext('POST /open-apis/im/v1/messages', { code: 230002, msg: 'Bot/User can NOT be out of the chat.', times: 2 });
    expect((await failure(send(newClient(), 'ou_alice', JSON.stringify(card())))).data.code).toBe(230002);
    expect((await failure(send(newClient(), 'ou_alice', JSON.stringify(card())))).data.code).toBe(230002);
    fake.injectNext('POST /open-apis/im/v1/messages', { delayMs: 80 });
    const started = Date.now();
    await expect(send(newClient(), 'ou_alice', JSON.stringify(card()))).resolves.toMatchObject({ code: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
  });
});
