import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import { startFakeFeishu } from '../fakes/fake-feishu.ts';
import { startFakeSlack } from '../fakes/fake-slack.ts';

/** The credentials the Worker under test is configured with (bindings in vitest.config.ts). */
export const WORKERS_ENV = {
  SLACK_SIGNING_SECRET: 'workers-slack-secret',
  SLACK_BOT_TOKEN: 'xoxb-workers',
  FEISHU_APP_ID: 'cli_workers',
  FEISHU_APP_SECRET: 'workers-secret',
  FEISHU_ENCRYPT_KEY: 'workers-encrypt-key',
  FEISHU_VERIFICATION_TOKEN: 'workers-verification-token',
  APP_SECRET: 'workers-app-secret-0123456789abcdef',
  PUBLIC_URL: 'https://outcome.test',
} as const;

declare module 'vitest' {
  export interface ProvidedContext {
    fakeSlackUrl: string;
    fakeFeishuUrl: string;
    fakeControlUrl: string;
  }
}

/**
 * Runs in Node before the workerd tests: starts the fake Slack and Feishu APIs (the Worker
 * reaches them over HTTP like the real platforms) and a small control server through which
 * tests inside workerd read what the fakes received: GET /slack/calls, GET /feishu/calls,
 * GET /feishu/messages, GET /slack/messages, POST /slack/trigger (→ a fresh trigger_id).
 */
export default async function setup(project: TestProject) {
  const slack = await startFakeSlack({ token: WORKERS_ENV.SLACK_BOT_TOKEN });
  const feishu = await startFakeFeishu({ appId: WORKERS_ENV.FEISHU_APP_ID, appSecret: WORKERS_ENV.FEISHU_APP_SECRET });
  const control = createServer((req, res) => {
    const routes: Record<string, () => unknown> = {
      'GET /slack/calls': () => slack.calls,
      'GET /slack/messages': () => slack.messages,
      'POST /slack/trigger': () => ({ trigger_id: slack.issueTrigger() }),
      'GET /feishu/calls': () => feishu.calls,
      'GET /feishu/messages': () => feishu.messages,
    };
    const route = routes[`${req.method} ${req.url}`];
    res.writeHead(route ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(route ? route() : { error: 'no such control route' }));
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  project.provide('fakeSlackUrl', slack.url);
  project.provide('fakeFeishuUrl', feishu.url);
  project.provide('fakeControlUrl', `http://127.0.0.1:${(control.address() as AddressInfo).port}`);
  return async () => {
    await Promise.all([slack.close(), feishu.close(), new Promise((r) => control.close(r))]);
  };
}
