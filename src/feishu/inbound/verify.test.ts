import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { feishuEncrypt, feishuEventBody, feishuSignature } from '../../../test/helpers/feishu-sign.ts';
import type { FeishuConfig } from '../../config.ts';
import { decryptText, larkSignature, verifyFeishuRequest } from './verify.ts';

const config: FeishuConfig = { appId: 'cli', appSecret: 's', encryptKey: 'ek', verificationToken: 'vt', domain: 'feishu' };
const now = 1_800_000_000_000;
const enc = new TextEncoder();

function request(body: object, opts: { ts?: string; encrypt?: boolean; signature?: string } = {}) {
  const plain = JSON.stringify(body);
  const raw = opts.encrypt === false ? plain : JSON.stringify({ encrypt: feishuEncrypt(config.encryptKey, plain) });
  const ts = opts.ts ?? String(now / 1000);
  const headers: Record<string, string> = { 'x-lark-request-timestamp': ts, 'x-lark-request-nonce': 'nonce', 'x-lark-signature': opts.signature ?? feishuSignature(ts, 'nonce', config.encryptKey, raw) };
  return { raw: enc.encode(raw), header: (n: string) => headers[n], config, nowMs: now };
}

const event = (token = 'vt') => feishuEventBody('im.message.receive_v1', { message: {} }, { token, tenantKey: 't1', eventId: 'e1' });

describe('verifyFeishuRequest', () => {
  it('matches the reference signature (SHA-256 over timestamp+nonce+key and the raw bytes)', async () => {
    expect(larkSignature('1', 'n', 'k', enc.encode('{"a":1}'))).toBe(feishuSignature('1', 'n', 'k', '{"a":1}'));
  });

  it('decrypts Feishu’s own test vector, and what the fake Feishu encrypts', () => {
    // platform-facts §2.1: key "test key" → "hello world".
    expect(decryptText('P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=', 'test key')).toBe('hello world');
    const text = JSON.stringify({ 中文: '审批 ✅', n: 'x'.repeat(100) });
    const iv = Buffer.alloc(16, 7);
    expect(decryptText(feishuEncrypt('another key', text, iv), 'another key')).toBe(text);
    expect(() => decryptText(feishuEncrypt('another key', text, iv), 'wrong key')).toThrow();
  });

  it('accepts a signed, encrypted event and returns the decrypted payload and envelope', async () => {
    const v = await verifyFeishuRequest(request(event()));
    expect(v).toMatchObject({ kind: 'payload', envelope: { eventId: 'e1', eventType: 'im.message.receive_v1', tenantKey: 't1' } });
  });

  it('accepts a signed plain (unencrypted) event too', async () => {
    expect((await verifyFeishuRequest(request(event(), { encrypt: false }))).kind).toBe('payload');
  });

  it.each([
    ['a wrong signature', { signature: '0'.repeat(64) }, 'signature mismatch'],
    ['a stale timestamp', { ts: String(now / 1000 - 301) }, 'timestamp outside the 5-minute window'],
    ['a future timestamp', { ts: String(now / 1000 + 301) }, 'timestamp outside the 5-minute window'],
    ['a millisecond timestamp', { ts: String(now) }, 'timestamp missing or not Unix seconds'],
    ['a non-integer timestamp', { ts: '1800000000.5' }, 'timestamp missing or not Unix seconds'],
  ])('401 for %s', async (_c, opts, reason) => {
    expect(await verifyFeishuRequest(request(event(), opts))).toEqual({ kind: 'rejected', status: 401, reason });
  });

  it('accepts the edges of the window (±300 s)', async () => {
    for (const ts of [now / 1000 - 300, now / 1000 + 300]) expect((await verifyFeishuRequest(request(event(), { ts: String(ts) }))).kind).toBe('payload');
  });

  it('401 for a wrong Verification Token (v2 header.token, v1 token)', async () => {
    expect(await verifyFeishuRequest(request(event('nope')))).toMatchObject({ status: 401, reason: 'wrong Verification Token' });
    expect(await verifyFeishuRequest(request({ uuid: 'u', token: 'nope', type: 'event_callback', event: { type: 'x', tenant_key: 't' } }))).toMatchObject({ status: 401 });
    expect(await verifyFeishuRequest(request({ uuid: 'u', token: 'vt', type: 'event_callback', event: { type: 'x', tenant_key: 't' } }))).toMatchObject({ kind: 'payload', envelope: { eventId: 'u', tenantKey: 't' } });
  });

  it('a challenge needs no signature but the right token', async () => {
    const raw = enc.encode(JSON.stringify({ encrypt: feishuEncrypt('ek', JSON.stringify({ type: 'url_verification', challenge: 'c', token: 'vt' })) }));
    expect(await verifyFeishuRequest({ raw, header: () => undefined, config, nowMs: now })).toEqual({ kind: 'challenge', challenge: 'c' });
    const wrong = enc.encode(JSON.stringify({ type: 'url_verification', challenge: 'c', token: 'x' }));
    expect((await verifyFeishuRequest({ raw: wrong, header: () => undefined, config, nowMs: now })).kind).toBe('rejected');
  });

  it('an undecryptable body: 401 unsigned, 400 when the signature is right', async () => {
    const raw = '{"encrypt":"bm90IGVuY3J5cHRlZA=="}';
    expect(await verifyFeishuRequest({ raw: enc.encode(raw), header: () => undefined, config, nowMs: now })).toMatchObject({ status: 401 });
    const ts = String(now / 1000);
    const headers: Record<string, string> = { 'x-lark-request-timestamp': ts, 'x-lark-request-nonce': 'n', 'x-lark-signature': feishuSignature(ts, 'n', 'ek', raw) };
    expect(await verifyFeishuRequest({ raw: enc.encode(raw), header: (n) => headers[n], config, nowMs: now })).toMatchObject({ status: 400 });
  });
});
