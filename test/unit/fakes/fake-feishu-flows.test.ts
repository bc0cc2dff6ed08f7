import type { Readable } from 'node:stream';
import * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeFeishu, type FakeFeishu } from '../../fakes/fake-feishu.ts';
import { larkMemoryCache, silentLarkLogger } from '../../helpers/lark-client-kit.ts';

let clock = 1_800_000_000_000;
let fake: FakeFeishu;

/** A fresh client (own token cache), so moving the fake clock never strands a cached token. */
const newClient = () =>
  new lark.Client({ appId: 'cli_test', appSecret: 'secret', domain: fake.url, cache: larkMemoryCache(), logger: silentLarkLogger });

async function codeOf(p: Promise<unknown>): Promise<number | undefined> {
  try {
    await p;
  } catch (err) {
    return (err as { response?: { data?: { code?: number } } }).response?.data?.code;
  }
  throw new Error('expected the call to fail');
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const card = (text: string) => JSON.stringify({ schema: '2.0', config: { update_multi: true }, body: { elements: [{ tag: 'markdown', content: text }] } });

async function sendCard(client: lark.Client, to = 'ou_alice'): Promise<string> {
  const res = await client.im.message.create({ params: { receive_id_type: 'open_id' }, data: { receive_id: to, msg_type: 'interactive', content: card('v1') } });
  return res.data?.message_id as string;
}

beforeAll(async () => {
  fake = await startFakeFeishu({ now: () => clock });
  fake.addUser({ open_id: 'ou_boss', user_id: 'u_boss', union_id: 'on_boss', name: 'Boss' });
  fake.addUser({ open_id: 'ou_alice', user_id: 'u_alice', name: 'Alice', email: 'alice@example.com', leader_user_id: 'ou_boss', locale: 'zh-CN' });
  fake.addChat({ chat_id: 'oc_pmo', name: 'PMO' });
});
afterAll(() => fake.close());
beforeEach(() => {
  clock += 2_000;
});

describe('contact', () => {
  it('returns leader_user_id in the requested id type; unknown users are refused', async () => {
    const client = newClient();
    const byOpenId = await client.contact.user.get({ path: { user_id: 'ou_alice' }, params: { user_id_type: 'open_id' } });
    expect(byOpenId.data?.user).toMatchObject({ open_id: 'ou_alice', name: 'Alice', leader_user_id: 'ou_boss' });
    const byUserId = await client.contact.user.get({ path: { user_id: 'u_alice' }, params: { user_id_type: 'user_id' } });
    expect(byUserId.data?.user?.leader_user_id).toBe('u_boss');
    expect(await codeOf(client.contact.user.get({ path: { user_id: 'ou_ghost' }, params: { user_id_type: 'open_id' } }))).toBe(41050);
  });
});

describe('card updates', () => {
  it('PATCH replaces a card; unknown ids, non-string content and the 14-day window are refused', async () => {
    const client = newClient();
    const id = await sendCard(client);
    await client.im.message.patch({ path: { message_id: id }, data: { content: card('v2') } });
    expect(fake.messages.find((m) => m.message_id === id)?.updates).toHaveLength(1);
    expect(await codeOf(client.im.message.patch({ path: { message_id: 'om_nope' }, data: { content: card('x') } }))).toBe(230001);
    expect(await codeOf(client.im.message.patch({ path: { message_id: id }, data: { content: {} as unknown as string } }))).toBe(99992402);
    clock += 14 * 24 * 3_600_000 + 1;
    expect(await codeOf(newClient().im.message.patch({ path: { message_id: id }, data: { content: card('v3') } }))).toBe(230031);
  });

  it('a card token updates its card twice within 30 minutes, then is refused', async () => {
    const client = newClient();
    const id = await sendCard(client);
    const update = (c: lark.Client, token: string) =>
      c.request({ method: 'POST', url: '/open-apis/interactive/v1/card/update', data: { token, card: JSON.parse(card('updated')) } });
    const token = fake.issueCardToken({ messageId: id });
    await expect(update(client, token)).resolves.toMatchObject({ code: 0 });
    await expect(update(client, token)).resolves.toMatchObject({ code: 0 });
    expect(await codeOf(update(client, token))).toBe(230001);
    expect(fake.messages.find((m) => m.message_id === id)?.updates.map((u) => u.via)).toEqual(['card_update', 'card_update']);
    const stale = fake.issueCardToken();
    clock += 30 * 60_000 + 1;
    expect(await codeOf(update(newClient(), stale))).toBe(230001);
  });

  it('messages to a registered group chat work; unknown chats get 230002', async () => {
    const client = newClient();
    const send = (chat: string) => client.im.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: chat, msg_type: 'text', content: JSON.stringify({ text: 'digest' }) } });
    await expect(send('oc_pmo')).resolves.toMatchObject({ code: 0, data: { chat_id: 'oc_pmo' } });
    expect(await codeOf(send('oc_elsewhere'))).toBe(230002);
  });
});

describe('media', () => {
  it('uploads an image through the SDK (multipart) and refuses > 10 MB and empty files', async () => {
    const res = await newClient().im.image.create({ data: { image_type: 'message', image: Buffer.from('\x89PNG fake') } });
    expect(res?.image_key).toMatch(/^img_v3_/);
    expect(fake.images.get(res?.image_key as string)?.data.toString()).toBe('\x89PNG fake');
    const token = (await newClient().tokenManager.getTenantAccessToken()) as string;
    const upload = async (bytes: number) => {
      const form = new FormData();
      form.append('image_type', 'message');
      form.append('image', new Blob([new Uint8Array(bytes)]), 'big.png');
      const r = await fetch(`${fake.url}/open-apis/im/v1/images`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      return (await r.json()) as { code: number };
    };
    expect((await upload(10 * 1024 * 1024 + 1)).code).toBe(234006);
    expect((await upload(0)).code).toBe(234010);
  });

  it('downloads a message resource as a stream', async () => {
    fake.addResource('om_user_msg', 'file_v3_abc', { data: 'evidence bytes', contentType: 'application/pdf', name: 'proof.pdf' });
    const client = newClient();
    const res = await client.im.messageResource.get({ path: { message_id: 'om_user_msg', file_key: 'file_v3_abc' }, params: { type: 'file' } });
    expect((await readAll(res.getReadableStream())).toString()).toBe('evidence bytes');
    // With responseType 'stream' the SDK's error carries the Feishu error body as an unread stream.
    const err = await client.im.messageResource.get({ path: { message_id: 'om_user_msg', file_key: 'nope' }, params: { type: 'file' } }).catch((e: unknown) => e);
    const response = (err as { response?: { status: number; data: Readable } }).response;
    expect(response?.status).toBe(400);
    expect(JSON.parse((await readAll(response?.data as Readable)).toString())).toMatchObject({ code: 234003 });
  });
});

describe('web-app login (OAuth v2 + user_info)', () => {
  const exchange = (code: string, secret = 'secret') =>
    fetch(`${fake.url}/open-apis/authen/v2/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code', client_id: 'cli_test', client_secret: secret, code }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

  it('exchanges a code once for a user token that user_info accepts', async () => {
    const code = fake.issueAuthCode('ou_alice');
    expect((await exchange(code, 'wrong')).body.error).toBe('invalid_client');
    const ok = await exchange(code);
    expect(ok.body).toMatchObject({ code: 0, token_type: 'Bearer', expires_in: 7200 });
    expect((await exchange(code)).body.error).toBe('invalid_grant');
    const me = await newClient().authen.userInfo.get({}, lark.withUserAccessToken(ok.body.access_token as string));
    expect(me.data).toMatchObject({ open_id: 'ou_alice', name: 'Alice', email: 'alice@example.com', tenant_key: 'tenant_test' });
  });

  it('codes expire after 3 minutes; tenant tokens are refused by user_info', async () => {
    const code = fake.issueAuthCode({ open_id: 'ou_alice' });
    clock += 3 * 60_000 + 1;
    expect((await exchange(code)).body).toMatchObject({ error: 'invalid_grant', code: 20004 });
    const client = newClient();
    expect(await codeOf(client.authen.userInfo.get())).toBe(99991668);
  });
});
