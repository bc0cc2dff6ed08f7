import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feishuDecrypt, feishuEncrypt, feishuSignature, signedFeishuRequest } from '../../helpers/feishu-sign.ts';
import { seededRandom } from '../../helpers/seeded-random.ts';
import { interactionBody, signedSlackRequest } from '../../helpers/slack-sign.ts';
import { BASE, FEISHU, SLACK_SECRET, startInboundApp, type InboundApp } from './inbound-app.ts';

/**
 * ≥ 5,000 correctly signed (Feishu: also encrypted) payloads, each malformed on purpose:
 * a valid payload of every kind we handle with one to three fields broken (removed when
 * required, or given a type they cannot have), plus unreadable bodies. Every one must get
 * a 4xx — never a 5xx — and none may write a row. Deterministic: one seeded generator.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
/** `idOrObj`: a string or an object with an id (Slack's event.user); `strOrObj`: a string or any object (Feishu's action.value). */
type Kind = 'str' | 'id' | 'obj' | 'arr' | 'idOrObj' | 'strOrObj';
/** A field the shape check knows: its path, what it must be, and whether it may be absent. */
type Field = [path: string, kind: Kind, required: boolean];

const random = seededRandom(20261201);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

/** Values a field of `kind` can never hold (`{}` is wrong only where a string or an array is expected). */
function wrongValues(kind: Kind): (Json | undefined)[] {
  const base: Json[] = [null, 7, -1.5, true, [], ['x']];
  if (kind === 'str' || kind === 'id') return [...base, {}, { a: 1 }, ...(kind === 'id' ? [''] : [])];
  if (kind === 'arr') return [null, 7, true, 'x', {}];
  if (kind === 'idOrObj') return [null, 7, true, [], {}];
  if (kind === 'strOrObj') return [null, 7, true, []];
  return [null, 7, true, 'x', '', [], [{}]];
}

function setPath(root: Json, path: string, value: Json | undefined): boolean {
  const keys = path.split('.');
  let node = root as Record<string, Json> | Json[];
  for (const k of keys.slice(0, -1)) {
    const next = (node as Record<string, Json>)[k];
    if (typeof next !== 'object' || next === null) return false;
    node = next as Record<string, Json>;
  }
  const last = keys.at(-1)!;
  if (value === undefined) delete (node as Record<string, Json>)[last];
  else (node as Record<string, Json>)[last] = value;
  return true;
}

/** A copy of `base` with one to three of its fields broken, and sometimes harmless extra fields. */
function mutate(base: Json, fields: Field[]): Json {
  const copy = structuredClone(base);
  const count = 1 + Math.floor(random() * 3);
  // Break parents before children so a broken child is not lost under a replaced parent.
  const chosen = [...new Set(Array.from({ length: count }, () => pick(fields)))].sort((a, b) => b[0].split('.').length - a[0].split('.').length);
  let broken = 0;
  for (const [path, kind, required] of chosen) {
    const options = [...wrongValues(kind), ...(required ? [undefined] : [])];
    if (setPath(copy, path, pick(options))) broken++;
  }
  if (broken === 0) setPath(copy, fields[0]![0], pick(wrongValues(fields[0]![1])));
  if (random() < 0.3) (copy as Record<string, Json>)[`x_${Math.floor(random() * 1000)}`] = pick([1, 'extra', null, { deep: [1, 2] }]);
  return copy;
}

// ---- Slack ----
const team = { id: 'T0001', domain: 'outcome-test' };
const user = { id: 'UMEMBER1', username: 'alice', team_id: 'T0001' };
const view = { id: 'V0001', team_id: 'T0001', type: 'modal', blocks: [{ type: 'input', block_id: 'title' }], private_metadata: '', callback_id: 'outcome_submit', state: { values: { title: { v: { type: 'plain_text_input', value: 'x' } } } }, hash: 'h' };
const viewFields: Field[] = [['team', 'obj', true], ['team.id', 'id', true], ['user', 'obj', true], ['user.id', 'id', true], ['view', 'obj', true], ['view.id', 'id', true], ['view.callback_id', 'str', true], ['view.blocks', 'arr', true], ['view.state', 'obj', true], ['view.state.values', 'obj', true], ['view.private_metadata', 'str', false], ['trigger_id', 'str', false], ['channel', 'obj', false]];
const slackBases: { send: 'interaction' | 'event'; base: Json; fields: Field[] }[] = [
  { send: 'interaction', base: { type: 'view_submission', team, user, api_app_id: 'A0001', trigger_id: '1.2.abc', view }, fields: viewFields },
  { send: 'interaction', base: { type: 'view_closed', team, user, api_app_id: 'A0001', view }, fields: viewFields },
  {
    send: 'interaction',
    base: { type: 'block_actions', team, user, trigger_id: '1.2.abc', response_url: 'https://hooks.slack.com/actions/T0001/1/x', channel: { id: 'D0001', name: 'directmessage' }, container: { type: 'message' }, actions: [{ action_id: 'outcome_approve', block_id: 'decide:x', type: 'button', value: '{"a":"approve"}' }] },
    fields: [['team', 'obj', true], ['team.id', 'id', true], ['user', 'obj', true], ['user.id', 'id', true], ['actions', 'arr', true], ['actions.0', 'obj', true], ['actions.0.action_id', 'str', true], ['actions.0.value', 'str', false], ['actions.0.block_id', 'str', false], ['channel', 'obj', false], ['channel.id', 'id', true], ['container', 'obj', false], ['response_url', 'str', false], ['trigger_id', 'str', false]],
  },
  { send: 'interaction', base: { type: 'shortcut', team, user, callback_id: 'new_outcome', trigger_id: '1.2.abc' }, fields: [['user', 'obj', true], ['user.id', 'id', true], ['callback_id', 'str', true], ['trigger_id', 'id', true], ['team', 'obj', true]] },
  {
    send: 'event',
    base: { token: 't', team_id: 'T0001', api_app_id: 'A0001', type: 'event_callback', event_id: 'Ev0FUZZ', event_time: 1, event: { type: 'app_home_opened', user: 'UMEMBER1', channel: 'D0001', tab: 'home' }, authorizations: [{ enterprise_id: null, team_id: 'T0001', user_id: 'UBOT', is_bot: true }] },
    fields: [['team_id', 'id', true], ['event_id', 'id', true], ['event', 'obj', true], ['event.type', 'id', true], ['event.user', 'id', true], ['event.tab', 'str', true], ['event.channel', 'idOrObj', false], ['authorizations', 'arr', false], ['authorizations.0', 'obj', true]],
  },
  {
    send: 'event',
    base: { token: 't', team_id: 'T0001', api_app_id: 'A0001', type: 'event_callback', event_id: 'Ev0FUZZ2', event_time: 1, event: { type: 'reaction_added', user: 'UMEMBER1', item: { type: 'message', channel: 'C1' }, subteam: { id: 'S1' } } },
    fields: [['event', 'obj', true], ['event.type', 'id', true], ['event.user', 'idOrObj', false], ['event.item', 'obj', false], ['event.subteam', 'obj', false], ['event.channel_id', 'str', false]],
  },
];
const command = { command: '/outcome', team_id: 'T0001', user_id: 'UMEMBER1', trigger_id: '1.2.abc', text: '', response_url: 'https://hooks.slack.com/commands/T0001/1/abc' };

/** A signed Slack request body that is malformed, and its content type. */
function slackCase(i: number): [string, string] {
  const r = i % 10;
  if (r === 0) {
    // A slash command missing a field it must have (a form carries only strings).
    const fields: Record<string, string> = { ...command };
    for (const k of new Set([pick(['command', 'team_id', 'user_id', 'trigger_id', 'text']), pick(['team_id', 'user_id', 'trigger_id', 'text'])])) delete fields[k];
    if (!('command' in fields)) fields.payload = pick(['', 'null', '[1]', '{"type":', '"x"']);
    return [new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded'];
  }
  if (r === 1) {
    // An unreadable body of a kind Slack sends.
    const valid = JSON.stringify(pick(slackBases).base);
    const unreadable: [string, string][] = [
      [valid.slice(0, Math.floor(random() * valid.length)), 'application/json'],
      [`payload=${encodeURIComponent(valid.slice(0, 1 + Math.floor(random() * (valid.length - 1))))}`, 'application/x-www-form-urlencoded'],
      [JSON.stringify(pick([[1, 2], 'text', 42, null, true])), 'application/json'],
      [String.fromCharCode(...Array.from({ length: 64 }, () => Math.floor(random() * 256))), pick(['application/json', 'text/plain', 'application/octet-stream'])],
    ];
    return pick(unreadable);
  }
  const { send, base, fields } = pick(slackBases);
  const body = mutate(base, fields);
  return send === 'interaction' ? [interactionBody(body as object), 'application/x-www-form-urlencoded'] : [JSON.stringify(body), 'application/json'];
}

// ---- Feishu ----
const header = { event_id: 'ev_fuzz', token: FEISHU.token, create_time: '1700000000000000', event_type: '', tenant_key: FEISHU.tenant, app_id: FEISHU.appId };
const headerFields: Field[] = [['header.tenant_key', 'id', true], ['header.event_id', 'id', true], ['header.event_type', 'idOrObj', true]];
const feishuBases: { path: 'events' | 'cards'; base: Json; fields: Field[] }[] = [
  {
    path: 'cards',
    base: { schema: '2.0', header: { ...header, event_type: 'card.action.trigger' }, event: { operator: { open_id: 'ou_alice', tenant_key: FEISHU.tenant }, token: 'c-1', action: { value: { a: 'approve', o: 'x', r: 1, s: 'manager' }, tag: 'button', form_value: { comment: 'ok' }, name: 'approve' }, host: 'im_message', context: { open_message_id: 'om_1', open_chat_id: 'oc_1' } } },
    fields: [['event', 'obj', true], ['event.operator', 'obj', true], ['event.operator.open_id', 'str', false], ['event.action', 'obj', true], ['event.action.value', 'strOrObj', false], ['event.action.form_value', 'obj', false], ['event.action.name', 'str', false], ['event.action.tag', 'str', false], ['event.context', 'obj', false], ['event.context.open_message_id', 'str', false], ...headerFields],
  },
  {
    path: 'events',
    base: { schema: '2.0', header: { ...header, event_type: 'im.message.receive_v1' }, event: { sender: { sender_id: { open_id: 'ou_alice' }, sender_type: 'user' }, message: { message_id: 'om_m1', chat_id: 'oc_1', chat_type: 'p2p', message_type: 'text', content: '{"text":"@_user_1 /outcome list"}', mentions: [{ key: '@_user_1', id: { open_id: 'ou_bot' }, name: 'bot' }] } } },
    fields: [['event', 'obj', true], ['event.sender', 'obj', true], ['event.sender.sender_id', 'obj', true], ['event.sender.sender_id.open_id', 'str', false], ['event.sender.sender_type', 'str', true], ['event.message', 'obj', true], ['event.message.message_id', 'id', true], ['event.message.message_type', 'str', true], ['event.message.content', 'str', true], ['event.message.chat_id', 'str', false], ['event.message.chat_type', 'str', false], ['event.message.mentions', 'arr', false], ['event.message.mentions.0', 'obj', true], ['event.message.mentions.0.key', 'str', true], ['event.message.mentions.0.id', 'obj', false], ...headerFields],
  },
  {
    path: 'events',
    base: { schema: '2.0', header: { ...header, event_type: 'application.bot.menu_v6' }, event: { operator: { operator_name: 'alice', operator_id: { open_id: 'ou_alice' } }, event_key: 'my_outcomes' } },
    fields: [['event', 'obj', true], ['event.operator', 'obj', true], ['event.operator.operator_id', 'obj', true], ['event.operator.operator_id.open_id', 'str', false], ['event.operator.operator_name', 'str', false], ['event.event_key', 'str', true], ...headerFields],
  },
];

function feishuRequest(i: number): Request {
  const url = (path: string) => `${BASE}/feishu/${path}`;
  if (i % 10 === 0) {
    // Signed bodies that cannot be read: not JSON, not decryptable, or decrypting to garbage.
    const { path, base } = pick(feishuBases);
    const plain = JSON.stringify(base);
    const raw = pick([
      () => plain.slice(0, Math.floor(random() * plain.length)),
      () => JSON.stringify({ encrypt: pick([7, null, [], {}, 'not-base64!', '']) }),
      () => JSON.stringify({ encrypt: feishuEncrypt(FEISHU.encryptKey, pick(['[1,2]', '"x"', '{"schema":', 'null', '42'])) }),
    ])();
    const req = signedFeishuRequest(url(path), { encryptKey: FEISHU.encryptKey, body: {}, encrypt: false });
    // Re-sign over the raw bytes chosen above.
    return new Request(req.url, { method: 'POST', headers: resign(req.headers, raw), body: raw });
  }
  const { path, base, fields } = pick(feishuBases);
  return signedFeishuRequest(url(path), { encryptKey: FEISHU.encryptKey, body: mutate(base, fields) as object });
}

const decrypted = (raw: string) => {
  try {
    return feishuDecrypt(FEISHU.encryptKey, (JSON.parse(raw) as { encrypt: string }).encrypt);
  } catch {
    return raw;
  }
};
function resign(headers: Headers, raw: string): Headers {
  const out = new Headers(headers);
  out.set('x-lark-signature', feishuSignature(out.get('x-lark-request-timestamp')!, out.get('x-lark-request-nonce')!, FEISHU.encryptKey, raw));
  return out;
}

let h: InboundApp;
beforeAll(async () => {
  h = await startInboundApp();
});
afterAll(() => h.close());

const SLACK_CASES = 3_000;
const FEISHU_CASES = 2_000;

describe('signed but malformed payloads (fuzz)', () => {
  it(`answers ${SLACK_CASES + FEISHU_CASES} of them with a 4xx, never a 5xx, and writes nothing`, async () => {
    const before = await h.rowCounts();
    const statuses = new Map<number, number>();
    const fivexx: string[] = [];
    const note = (status: number, what: string) => {
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500 || status < 400) fivexx.push(`${status} ${what}`);
    };
    for (let i = 0; i < SLACK_CASES; i++) {
      const [body, type] = slackCase(i);
      const res = await h.app.fetch(signedSlackRequest(`${BASE}/slack/events`, SLACK_SECRET, body, type));
      await res.arrayBuffer();
      note(res.status, `slack ${type} ${body}`);
    }
    for (let i = 0; i < FEISHU_CASES; i++) {
      const req = feishuRequest(i);
      const text = await req.clone().text();
      const res = await h.app.fetch(req);
      await res.arrayBuffer();
      note(res.status, `feishu ${new URL(req.url).pathname} ${decrypted(text)}`);
    }
    await h.settle();
    expect(fivexx).toEqual([]);
    expect([...statuses.keys()].every((s) => s === 400 || s === 401)).toBe(true);
    expect(await h.rowCounts()).toEqual(before);
  });
});
