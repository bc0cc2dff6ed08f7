/**
 * Builders for signed inbound Slack requests (platform-facts §1.1, §1.2, §1.4): slash
 * commands, interactivity payloads and Events API envelopes, signed with
 * `v0=hex(HMAC-SHA256(secret, "v0:" + ts + ":" + rawBody))`.
 */
import { createHmac } from 'node:crypto';

/** Current Unix time in seconds. */
export const nowSec = (): number => Math.floor(Date.now() / 1000);

/** Slack signature headers for `rawBody` at `ts` (Unix seconds). */
export function signSlack(
  secret: string,
  rawBody: string,
  ts: number = nowSec(),
): { 'x-slack-signature': string; 'x-slack-request-timestamp': string } {
  const digest = createHmac('sha256', secret).update(`v0:${ts}:${rawBody}`).digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(ts) };
}

/** Fields of a slash command (§1.4); all optional, with test defaults. */
export interface SlashCommandFields {
  token?: string;
  team_id?: string;
  team_domain?: string;
  enterprise_id?: string;
  enterprise_name?: string;
  channel_id?: string;
  channel_name?: string;
  user_id?: string;
  user_name?: string;
  command?: string;
  text?: string;
  response_url?: string;
  trigger_id?: string;
  api_app_id?: string;
  is_enterprise_install?: 'true' | 'false';
}

/** A slash command body, `application/x-www-form-urlencoded`. */
export function slashCommandBody(fields: SlashCommandFields = {}): string {
  const all: Record<string, string> = {
    token: 'verification-token',
    team_id: 'T0001',
    team_domain: 'outcome-test',
    channel_id: 'C0001',
    channel_name: 'general',
    user_id: 'U0001',
    user_name: 'alice',
    command: '/outcome',
    text: '',
    response_url: 'https://hooks.slack.com/commands/T0001/1/abc',
    trigger_id: '1111.2222.abcdef',
    api_app_id: 'A0001',
    is_enterprise_install: 'false',
  };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) all[key] = value;
  return new URLSearchParams(all).toString();
}

/** An interactivity body: `payload=<urlencoded JSON>` (block_actions, view_submission, shortcuts…). */
export function interactionBody(payload: object): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Options of an Events API envelope. */
export interface EventEnvelopeOptions {
  teamId?: string;
  eventId?: string;
  apiAppId?: string;
  /** Unix seconds. */
  eventTime?: number;
  token?: string;
  enterpriseId?: string;
  /** Defaults to one bot authorization for `teamId`. */
  authorizations?: object[];
}

/** An Events API `event_callback` envelope as JSON text (§1.4). */
export function eventBody(event: object, opts: EventEnvelopeOptions = {}): string {
  const teamId = opts.teamId ?? 'T0001';
  return JSON.stringify({
    token: opts.token ?? 'verification-token',
    team_id: teamId,
    ...(opts.enterpriseId ? { enterprise_id: opts.enterpriseId } : {}),
    api_app_id: opts.apiAppId ?? 'A0001',
    event,
    type: 'event_callback',
    event_id: opts.eventId ?? `Ev${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
    event_time: opts.eventTime ?? nowSec(),
    authorizations: opts.authorizations ?? [
      { enterprise_id: null, team_id: teamId, user_id: 'UBOT0001', is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  });
}

/** The Events API URL verification body (Slack signs it like every other request). */
export function urlVerificationBody(challenge: string, token = 'verification-token'): string {
  return JSON.stringify({ token, challenge, type: 'url_verification' });
}

/** Slack's unsigned SSL check body (`ssl_check=1&token=…`). */
export function sslCheckBody(token = 'verification-token'): string {
  return new URLSearchParams({ ssl_check: '1', token }).toString();
}

/** Extra options of {@link signedSlackRequest}. */
export interface SignedSlackRequestOptions {
  /** Unix seconds to sign with (default now). */
  ts?: number;
  /** Adds `X-Slack-Retry-Num` (Events API redelivery). */
  retryNum?: number;
  /** `X-Slack-Retry-Reason` (default `http_timeout` when retryNum is set). */
  retryReason?: string;
  /** Extra headers, applied last (e.g. to forge a bad signature). */
  headers?: Record<string, string>;
}

/** A `Request` signed like Slack's, ready for `app.fetch(req)`. */
export function signedSlackRequest(
  url: string,
  secret: string,
  body: string,
  contentType: string = body.startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded',
  opts: SignedSlackRequestOptions = {},
): Request {
  const headers: Record<string, string> = {
    'content-type': contentType,
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    ...signSlack(secret, body, opts.ts ?? nowSec()),
  };
  if (opts.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(opts.retryNum);
    headers['x-slack-retry-reason'] = opts.retryReason ?? 'http_timeout';
  }
  return new Request(url, { method: 'POST', headers: { ...headers, ...opts.headers }, body });
}
