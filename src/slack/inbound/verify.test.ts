import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifySlackRequest } from './verify.ts';

const secret = 'signing-secret';
const now = 1_800_000_000_000;
const ts = String(now / 1000);
const sign = (body: string, at = ts, key = secret) => `v0=${createHmac('sha256', key).update(`v0:${at}:${body}`).digest('hex')}`;
const check = (over: Partial<Parameters<typeof verifySlackRequest>[0]>) =>
  verifySlackRequest({ signingSecret: secret, rawBody: 'a=1', signature: sign('a=1'), timestamp: ts, nowMs: now, ...over });

describe('verifySlackRequest', () => {
  it('accepts a correctly signed request', async () => {
    expect(await check({})).toEqual({ ok: true });
  });

  it.each([
    ['a tampered body', { rawBody: 'a=2' }, 'bad_signature'],
    ['another secret', { signature: sign('a=1', ts, 'other') }, 'bad_signature'],
    ['a malformed signature', { signature: 'v0=xyz' }, 'bad_signature'],
    ['a v1 signature', { signature: sign('a=1').replace('v0=', 'v1=') }, 'bad_signature'],
    ['no signature', { signature: undefined }, 'missing_headers'],
    ['no timestamp', { timestamp: undefined }, 'missing_headers'],
    ['a non-numeric timestamp', { timestamp: '12abc' }, 'missing_headers'],
    ['a timestamp 301 s old', { timestamp: String(now / 1000 - 301), signature: sign('a=1', String(now / 1000 - 301)) }, 'stale_timestamp'],
    ['a timestamp 301 s ahead', { timestamp: String(now / 1000 + 301), signature: sign('a=1', String(now / 1000 + 301)) }, 'stale_timestamp'],
  ] as const)('refuses %s', async (_, over, reason) => {
    expect(await check(over)).toEqual({ ok: false, reason });
  });

  it('accepts the edges of the 5-minute window', async () => {
    for (const at of [String(now / 1000 - 300), String(now / 1000 + 300)]) expect(await check({ timestamp: at, signature: sign('a=1', at) })).toEqual({ ok: true });
  });
});
