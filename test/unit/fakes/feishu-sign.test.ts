import { createHash } from 'node:crypto';
import * as lark from '@larksuiteoapi/node-sdk';
import { describe, expect, it } from 'vitest';
import { silentLarkLogger } from '../../helpers/lark-client-kit.ts';
import {
  cardActionBody,
  feishuDecrypt,
  feishuEncrypt,
  feishuEventBody,
  feishuSignature,
  messageReceiveEvent,
  signedFeishuRequest,
} from '../../helpers/feishu-sign.ts';

const KEY = 'encrypt-key-for-tests';

/** Feeds a Request to the SDK dispatcher the way its adapters do (headers on the prototype). */
async function invoke(dispatcher: lark.EventDispatcher, req: Request): Promise<unknown> {
  const headers = Object.fromEntries(req.headers.entries());
  const data = Object.assign(Object.create({ headers }), JSON.parse(await req.text()));
  return dispatcher.invoke(data);
}

describe('feishu crypto', () => {
  it('decrypts the official test vector', () => {
    expect(feishuDecrypt('test key', 'P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=')).toBe('hello world');
  });

  it('round-trips with a random IV (two encryptions differ)', () => {
    const a = feishuEncrypt(KEY, '{"x":"中文"}');
    expect(a).not.toBe(feishuEncrypt(KEY, '{"x":"中文"}'));
    expect(feishuDecrypt(KEY, a)).toBe('{"x":"中文"}');
  });

  it('signs with plain SHA-256 over timestamp + nonce + key + body', () => {
    const expected = createHash('sha256').update(`1700000000nonce${KEY}{"encrypt":"abc"}`).digest('hex');
    expect(feishuSignature('1700000000', 'nonce', KEY, '{"encrypt":"abc"}')).toBe(expected);
    expect(feishuSignature('1700000000', 'nonce', KEY, '{"encrypt":"abd"}')).not.toBe(expected);
  });
});

describe('signedFeishuRequest + the real Lark SDK', () => {
  it('an encrypted, signed event reaches an EventDispatcher handler', async () => {
    let seen: Record<string, unknown> | undefined;
    const dispatcher = new lark.EventDispatcher({ encryptKey: KEY, logger: silentLarkLogger }).register({
      'im.message.receive_v1': async (data) => {
        seen = data as unknown as Record<string, unknown>;
        return 'handled';
      },
    });
    const body = feishuEventBody('im.message.receive_v1', messageReceiveEvent({ text: '/outcome list' }), { eventId: 'ev-1' });
    const req = signedFeishuRequest('http://app.test/feishu/events', { encryptKey: KEY, body });
    expect(req.headers.get('x-lark-signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(await invoke(dispatcher, req)).toBe('handled');
    expect(seen).toMatchObject({ event_id: 'ev-1', message: { content: '{"text":"/outcome list"}' } });
  });

  it('a forged signature is rejected by the SDK', async () => {
    const dispatcher = new lark.EventDispatcher({ encryptKey: KEY, logger: silentLarkLogger }).register({
      'im.message.receive_v1': async () => 'handled',
    });
    const body = feishuEventBody('im.message.receive_v1', messageReceiveEvent());
    const req = signedFeishuRequest('http://app.test/feishu/events', { encryptKey: KEY, body, headers: { 'x-lark-signature': '0'.repeat(64) } });
    expect(await invoke(dispatcher, req)).toBeUndefined();
  });

  it('a card.action.trigger body reaches a CardActionHandler with its token and value', async () => {
    let seen: Record<string, unknown> | undefined;
    const handler = new lark.CardActionHandler({ encryptKey: KEY, logger: silentLarkLogger }, async (data: unknown) => {
      seen = data as Record<string, unknown>;
      return { toast: { type: 'success', content: 'ok' } };
    });
    const body = cardActionBody({ cardToken: 'c-abc', value: { action: 'approve', id: 'o1' }, openId: 'ou_bob' });
    const req = signedFeishuRequest('http://app.test/feishu/cards', { encryptKey: KEY, body });
    const headers = Object.fromEntries(req.headers.entries());
    const data = Object.assign(Object.create({ headers }), JSON.parse(await req.text()));
    expect(await handler.invoke(data)).toEqual({ toast: { type: 'success', content: 'ok' } });
    expect(seen).toMatchObject({ token: 'c-abc', action: { value: { action: 'approve', id: 'o1' } }, operator: { open_id: 'ou_bob' } });
  });

  it('without an encrypt key the body is plain JSON and unsigned', async () => {
    const req = signedFeishuRequest('http://app.test/feishu/events', { body: { type: 'url_verification', challenge: 'x' } });
    expect(req.headers.get('x-lark-signature')).toBeNull();
    expect(await req.text()).toBe('{"type":"url_verification","challenge":"x"}');
  });
});
