/**
 * The fake Slack and Feishu of bench/ack.ts, in a process of their own: in production the
 * platforms are remote, so their CPU must not be charged to the app's process. Prints one JSON
 * line with both URLs, then answers the parent over IPC (triggers to issue, calls to count).
 */
import { startFakeFeishu } from '../test/fakes/fake-feishu.ts';
import { startFakeSlack } from '../test/fakes/fake-slack.ts';

/** What the parent may ask, and what it gets back (same `id`). */
export type FakeAsk = { op: 'slashCommands'; n: number } | { op: 'count'; method: string };
export type FakeRequest = FakeAsk & { id: number };

const env = (name: string) => process.env[name] ?? (() => { throw new Error(`${name} is not set`); })();
const feishu = await startFakeFeishu({ appId: env('FAKE_FEISHU_APP_ID'), appSecret: env('FAKE_FEISHU_APP_SECRET'), tenantKey: env('FAKE_FEISHU_TENANT') });
for (const openId of env('FAKE_FEISHU_USERS').split(',')) feishu.addUser({ open_id: openId, name: openId });
// The app's SLACK_BOT_TOKEN: with another token every call would answer invalid_auth.
const slack = await startFakeSlack({ blocksTextCeiling: Infinity, token: env('FAKE_SLACK_TOKEN') });
slack.addUser({ id: env('FAKE_SLACK_USER'), name: 'bench', real_name: 'Bench User', locale: 'en-US', tz: 'UTC' });

process.on('message', (m: FakeRequest) => {
  if (m.op === 'slashCommands')
    process.send!({ id: m.id, value: Array.from({ length: m.n }, () => ({ triggerId: slack.issueTrigger(), responseUrl: slack.respondUrl() })) });
  else process.send!({ id: m.id, value: slack.callsTo(m.method).length });
});
// The parent going away (IPC closed) ends the fakes too.
process.on('disconnect', () => process.exit(0));
process.stdout.write(`${JSON.stringify({ feishuUrl: feishu.url, slackUrl: slack.url })}\n`);
