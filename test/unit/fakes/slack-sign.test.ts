import { createHmac } from 'node:crypto';
import { isValidSlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import {
  eventBody,
  interactionBody,
  signSlack,
  signedSlackRequest,
  slashCommandBody,
} from '../../helpers/slack-sign.ts';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

describe('signSlack', () => {
  it('matches an independently computed v0 HMAC-SHA256', () => {
    const body = 'token=x&team_id=T1&text=hello+world';
    const ts = 1_700_000_000;
    const expected = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    expect(signSlack(SECRET, body, ts)).toEqual({ 'x-slack-signature': expected, 'x-slack-request-timestamp': String(ts) });
  });

  it('changes when the body is tampered with', () => {
    const ts = 1_700_000_000;
    expect(signSlack(SECRET, 'text=a', ts)['x-slack-signature']).not.toBe(signSlack(SECRET, 'text=b', ts)['x-slack-signature']);
  });

  it('is accepted by Bolt’s own verifier, and a stale timestamp is refused', () => {
    const body = slashCommandBody({ text: 'list' });
    const nowMs = 1_700_000_000_000;
    const fresh = signSlack(SECRET, body, nowMs / 1000);
    const headers = { 'x-slack-signature': fresh['x-slack-signature'], 'x-slack-request-timestamp': nowMs / 1000 };
    expect(isValidSlackRequest({ signingSecret: SECRET, body, headers, nowMilliseconds: nowMs })).toBe(true);
    expect(isValidSlackRequest({ signingSecret: SECRET, body: `${body}x`, headers, nowMilliseconds: nowMs })).toBe(false);
    expect(isValidSlackRequest({ signingSecret: SECRET, body, headers, nowMilliseconds: nowMs + 301_000 })).toBe(false);
  });
});

describe('body builders', () => {
  it('slashCommandBody is form-encoded with every §1.4 field', () => {
    const form = new URLSearchParams(slashCommandBody({ text: 'help me', user_id: 'U9' }));
    expect(form.get('command')).toBe('/outcome');
    expect(form.get('text')).toBe('help me');
    expect(form.get('user_id')).toBe('U9');
    for (const field of ['token', 'team_id', 'team_domain', 'channel_id', 'channel_name', 'user_name', 'response_url', 'trigger_id', 'api_app_id', 'is_enterprise_install']) {
      expect(form.has(field), field).toBe(true);
    }
  });

  it('interactionBody round-trips the payload through payload=<urlencoded JSON>', () => {
    const payload = { type: 'block_actions', actions: [{ action_id: 'approve', value: 'a&b=c ü' }] };
    expect(JSON.parse(new URLSearchParams(interactionBody(payload)).get('payload') ?? '')).toEqual(payload);
  });

  it('eventBody builds an event_callback envelope', () => {
    const env = JSON.parse(eventBody({ type: 'app_home_opened', user: 'U1' }, { teamId: 'T9', eventId: 'Ev1' }));
    expect(env).toMatchObject({ type: 'event_callback', team_id: 'T9', event_id: 'Ev1', event: { type: 'app_home_opened' } });
    expect(typeof env.event_time).toBe('number');
  });
});

describe('signedSlackRequest', () => {
  it('produces a verifiable Request with retry headers', async () => {
    const body = eventBody({ type: 'app_home_opened', user: 'U1' });
    const req = signedSlackRequest('http://app.test/slack/events', SECRET, body, 'application/json', { ts: 1_700_000_000, retryNum: 1 });
    expect(req.method).toBe('POST');
    expect(req.headers.get('content-type')).toBe('application/json');
    expect(req.headers.get('x-slack-retry-num')).toBe('1');
    expect(req.headers.get('x-slack-retry-reason')).toBe('http_timeout');
    const raw = await req.text();
    expect(raw).toBe(body);
    expect(req.headers.get('x-slack-signature')).toBe(signSlack(SECRET, raw, 1_700_000_000)['x-slack-signature']);
  });
});
