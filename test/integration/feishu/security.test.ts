import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { feishuEncrypt, feishuEventBody, feishuSignature, feishuUrlVerificationBody, messageReceiveEvent, signedFeishuRequest } from '../../helpers/feishu-sign.ts';
import { F, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const nothingStored = async () => expect(await h.counts()).toEqual({ outcomes: 0, outbox: 0, reviews: 0, evidence: 0, projects: 0, events: 0, schedules: 0, people: 0 });
const event = (token: string = F.token) => feishuEventBody('im.message.receive_v1', messageReceiveEvent({ text: '/outcome' }), { token, tenantKey: F.tenant });
const seconds = (offsetMs = 0) => String(Math.floor((h.clock.now().getTime() + offsetMs) / 1000));

describe('url_verification', () => {
  it('answers a plain challenge with the challenge', async () => {
    const res = await h.app.fetch(signedFeishuRequest('https://outcome.test/feishu/events', { body: feishuUrlVerificationBody('plain-123', F.token) }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'plain-123' });
  });

  it('answers an encrypted challenge (unsigned, as Feishu sends it), on both URLs', async () => {
    for (const path of ['events', 'cards']) {
      const body = JSON.stringify({ encrypt: feishuEncrypt(F.encryptKey, JSON.stringify(feishuUrlVerificationBody(`enc-${path}`, F.token))) });
      const res = await h.app.fetch(new Request(`https://outcome.test/feishu/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
      expect(await res.json()).toEqual({ challenge: `enc-${path}` });
      // Answered before anything is stored or sent (Feishu allows 1 s).
      expect(await h.counts()).toMatchObject({ events: 0, outbox: 0, people: 0 });
    }
  });

  it('refuses a challenge with the wrong Verification Token', async () => {
    const res = await h.app.fetch(signedFeishuRequest('https://outcome.test/feishu/events', { body: feishuUrlVerificationBody('x', 'not-the-token') }));
    expect(res.status).toBe(401);
  });
});

describe('forged, replayed and stale requests are 401 and store nothing', () => {
  it('a bad signature', async () => {
    const res = await h.post('events', event(), { headers: { 'x-lark-signature': 'f'.repeat(64) } });
    expect(res.status).toBe(401);
    await nothingStored();
  });

  it('a body changed after signing (the signature covers the raw bytes)', async () => {
    const req = signedFeishuRequest('https://outcome.test/feishu/events', { encryptKey: F.encryptKey, body: event(), timestamp: seconds() });
    const raw = await req.text();
    const tampered = raw.replace('{"encrypt":"', '{ "encrypt":"'); // same JSON, other bytes
    const res = await h.app.fetch(new Request(req.url, { method: 'POST', headers: req.headers, body: tampered }));
    expect(res.status).toBe(401);
    await nothingStored();
  });

  it.each([
    ['six minutes old', -6 * 60_000],
    ['six minutes ahead', 6 * 60_000],
  ])('a timestamp %s', async (_label, offset) => {
    const res = await h.post('events', event(), { timestamp: seconds(offset) });
    expect(res.status).toBe(401);
    await nothingStored();
  });

  it('a timestamp that is not Unix seconds, even when signed over as received', async () => {
    const timestamp = '2026-11-23 09:00:00.052290112 +0800 CST';
    const body = JSON.stringify({ encrypt: feishuEncrypt(F.encryptKey, JSON.stringify(event())) });
    const headers = { 'content-type': 'application/json', 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': 'n1', 'x-lark-signature': feishuSignature(timestamp, 'n1', F.encryptKey, body) };
    const res = await h.app.fetch(new Request('https://outcome.test/feishu/cards', { method: 'POST', headers, body }));
    expect(res.status).toBe(401);
    await nothingStored();
  });

  it('a correctly signed request with the wrong Verification Token', async () => {
    const res = await h.post('events', event('stolen-token'));
    expect(res.status).toBe(401);
    await nothingStored();
  });

  it('an unsigned event', async () => {
    const res = await h.app.fetch(signedFeishuRequest('https://outcome.test/feishu/events', { body: event() }));
    expect(res.status).toBe(401);
    await nothingStored();
  });

  it('a signed body that is not JSON is a client error (400), not a crash', async () => {
    const res = await h.post('events', event(), { encrypt: false, headers: {} });
    expect(res.status).toBe(200); // control: plain signed JSON is fine
    const ts = seconds();
    const raw = '{"encrypt": not json';
    const res2 = await h.app.fetch(
      new Request('https://outcome.test/feishu/events', {
        method: 'POST',
        headers: { 'x-lark-request-timestamp': ts, 'x-lark-request-nonce': 'n', 'x-lark-signature': feishuSignature(ts, 'n', F.encryptKey, raw) },
        body: raw,
      }),
    );
    expect(res2.status).toBe(400);
  });
});
