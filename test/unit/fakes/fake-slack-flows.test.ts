import type { KnownBlock, ModalView } from '@slack/types';
import { LogLevel, WebClient, type Logger } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../fakes/fake-slack.ts';

const quiet: Logger = {
  debug: () => {}, info: () => {}, warn: () => {}, error: () => {},
  setLevel: () => {}, getLevel: () => LogLevel.ERROR, setName: () => {},
};

let clock = 1_800_000_000_000;
let fake: FakeSlack;
let slack: WebClient;

async function errorOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    return (err as { data?: { error?: string } }).data?.error;
  }
  throw new Error('expected the call to fail');
}

const modal = (blocks: object[] = [], extra: object = {}): ModalView => ({
  type: 'modal',
  title: { type: 'plain_text', text: 'Submit outcome' },
  close: { type: 'plain_text', text: 'Cancel' },
  blocks: blocks as KnownBlock[],
  ...extra,
});
const divider = { type: 'divider' };

beforeAll(async () => {
  fake = await startFakeSlack({ now: () => clock });
  slack = new WebClient('xoxb-test', { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: quiet });
  fake.addUser({ id: 'U100', name: 'mei', locale: 'zh-CN', tz: 'Asia/Shanghai', email: 'mei@example.com' });
  fake.addUser({ id: 'U200', name: 'bob', locale: 'en-US', tz: 'Europe/Berlin' });
});
afterAll(() => fake.close());

describe('trigger ids and modals', () => {
  it('opens a modal with a fresh trigger; reuse, expiry and garbage are refused', async () => {
    const trigger = fake.issueTrigger();
    const res = await slack.views.open({ trigger_id: trigger, view: modal([divider]) });
    expect(res.view?.id).toMatch(/^V/);
    expect(await errorOf(slack.views.open({ trigger_id: trigger, view: modal() }))).toBe('exchanged_trigger_id');
    const late = fake.issueTrigger();
    clock += 3_001;
    expect(await errorOf(slack.views.open({ trigger_id: late, view: modal() }))).toBe('expired_trigger_id');
    expect(await errorOf(slack.views.open({ trigger_id: '1.2.nope', view: modal() }))).toBe('invalid_trigger_id');
  });

  it('stacks at most 3 views (push_limit_reached)', async () => {
    const root = await slack.views.open({ trigger_id: fake.issueTrigger(), view: modal() });
    const viewId = root.view?.id as string;
    await slack.views.push({ trigger_id: fake.issueTrigger({ viewId }), view: modal() });
    await slack.views.push({ trigger_id: fake.issueTrigger({ viewId }), view: modal() });
    expect(await errorOf(slack.views.push({ trigger_id: fake.issueTrigger({ viewId }), view: modal() }))).toBe('push_limit_reached');
  });

  it('enforces 100 blocks, 250 kB and a submit button with inputs', async () => {
    const blocks = Array.from({ length: 101 }, () => divider);
    expect(await errorOf(slack.views.open({ trigger_id: fake.issueTrigger(), view: modal(blocks) }))).toBe('invalid_arguments');
    await expect(slack.views.open({ trigger_id: fake.issueTrigger(), view: modal(blocks.slice(0, 100)) })).resolves.toMatchObject({ ok: true });
    const big = modal([divider], { private_metadata: 'x'.repeat(2000), callback_id: 'c', blocks: Array.from({ length: 90 }, () => ({ type: 'section', text: { type: 'mrkdwn', text: 'z'.repeat(2900) } })) });
    expect(await errorOf(slack.views.open({ trigger_id: fake.issueTrigger(), view: big }))).toBe('view_too_large');
    const input = { type: 'input', block_id: 'title', label: { type: 'plain_text', text: 'Title' }, element: { type: 'plain_text_input', action_id: 't' } };
    expect(await errorOf(slack.views.open({ trigger_id: fake.issueTrigger(), view: modal([input]) }))).toBe('invalid_arguments');
  });

  it('views.update checks the hash; views.publish stores a Home tab per user', async () => {
    const opened = await slack.views.open({ trigger_id: fake.issueTrigger(), view: modal() });
    const { id, hash } = opened.view as { id: string; hash: string };
    await slack.views.update({ view_id: id, hash, view: modal([divider]) });
    expect(await errorOf(slack.views.update({ view_id: id, hash, view: modal() }))).toBe('hash_conflict');
    expect(await errorOf(slack.views.update({ view_id: 'VNOPE', view: modal() }))).toBe('not_found');
    await slack.views.publish({ user_id: 'U100', view: { type: 'home', blocks: [divider] } });
    expect(fake.homeViews.get('U100')?.blocks).toEqual([divider]);
    expect(await errorOf(slack.views.publish({ user_id: 'U100', view: modal() as never }))).toBe('invalid_arguments');
  });
});

describe('users, conversations, files', () => {
  it('users.info returns locale only with include_locale, and tz offsets', async () => {
    const plain = await slack.users.info({ user: 'U100' });
    expect(plain.user).toMatchObject({ id: 'U100', tz: 'Asia/Shanghai', tz_offset: 28_800 });
    expect(plain.user?.locale).toBeUndefined();
    expect((await slack.users.info({ user: 'U100', include_locale: true })).user?.locale).toBe('zh-CN');
    expect(await errorOf(slack.users.info({ user: 'U999' }))).toBe('user_not_found');
    const viaGet = await fetch(`${fake.url}users.info?user=U200&include_locale=true`, { headers: { authorization: 'Bearer xoxb-test' } });
    expect(await viaGet.json()).toMatchObject({ ok: true, user: { locale: 'en-US' } });
  });

  it('conversations.open returns a D… channel that chat.postMessage accepts', async () => {
    const dm = await slack.conversations.open({ users: 'U100' });
    expect(dm.channel?.id).toMatch(/^D[A-Z0-9]+$/);
    await expect(slack.chat.postMessage({ channel: dm.channel?.id as string, text: 'hi' })).resolves.toMatchObject({ ok: true });
    expect(await errorOf(slack.conversations.open({ users: 'U404' }))).toBe('user_not_found');
  });

  it('files.info and the private download require the bot token', async () => {
    const file = fake.addFile({ name: 'proof.pdf', mimetype: 'application/pdf', content: Buffer.from('%PDF-1.7') });
    const info = await slack.files.info({ file: file.id as string });
    const url = info.file?.url_private_download as string;
    const authed = await fetch(url, { headers: { authorization: 'Bearer xoxb-test' } });
    expect(authed.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await authed.arrayBuffer()).toString()).toBe('%PDF-1.7');
    const anonymous = await fetch(url);
    expect(anonymous.headers.get('content-type')).toContain('text/html');
    expect(await errorOf(slack.files.info({ file: 'F404' }))).toBe('file_not_found');
  });
});

describe('oauth.v2.access', () => {
  it('exchanges a code once, checks client credentials and issues working tokens', async () => {
    const anonymous = new WebClient(undefined, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: quiet });
    const creds = { client_id: '1111.2222', client_secret: 'client-secret' };
    const code = fake.issueOAuthCode({ id: 'T0777', name: 'Acme' }, { userScope: 'openid', redirectUri: 'https://app.test/slack/oauth' });
    expect(await errorOf(anonymous.oauth.v2.access({ ...creds, client_secret: 'nope', code }))).toBe('bad_client_secret');
    expect(await errorOf(anonymous.oauth.v2.access({ ...creds, code }))).toBe('bad_redirect_uri');
    const res = await anonymous.oauth.v2.access({ ...creds, code, redirect_uri: 'https://app.test/slack/oauth' });
    expect(res).toMatchObject({ ok: true, token_type: 'bot', team: { id: 'T0777', name: 'Acme' }, enterprise: null, authed_user: { token_type: 'user' } });
    expect(await errorOf(anonymous.oauth.v2.access({ ...creds, code, redirect_uri: 'https://app.test/slack/oauth' }))).toBe('invalid_code');
    const installed = new WebClient(res.access_token, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: quiet });
    expect(await installed.auth.test()).toMatchObject({ team_id: 'T0777', bot_id: expect.stringMatching(/^B/) });
  });

  it('codes expire after 10 minutes', async () => {
    const anonymous = new WebClient(undefined, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: quiet });
    const code = fake.issueOAuthCode();
    clock += 10 * 60_000 + 1;
    expect(await errorOf(anonymous.oauth.v2.access({ client_id: '1111.2222', client_secret: 'client-secret', code }))).toBe('invalid_code');
  });
});

describe('response_url', () => {
  const post = (url: string, body: object) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('accepts 5 posts, refuses the 6th, and records what was posted', async () => {
    const url = fake.respondUrl();
    for (let i = 1; i <= 5; i += 1) expect((await post(url, { text: `update ${i}` })).status).toBe(200);
    const sixth = await post(url, { text: 'one too many' });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: 'used_url' });
    expect(fake.responsesTo(url)).toHaveLength(5);
    expect(fake.responsesTo(url)[0]).toEqual({ text: 'update 1' });
  });

  it('expires 30 minutes after issue', async () => {
    const url = fake.respondUrl('late');
    clock += 30 * 60_000 + 1;
    expect(await (await post(url, { text: 'late' })).json()).toEqual({ ok: false, error: 'expired_url' });
  });
});
