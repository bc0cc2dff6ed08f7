import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { bodyLimit, WEBHOOK_BODY_LIMIT } from '../security/body-limit.ts';
import { normaliseGithub } from './github-events.ts';
import { normaliseJira } from './jira-events.ts';
import { receiveHook, type HookPlatform } from './receive.ts';

export const GITHUB: HookPlatform = {
  kind: 'github',
  signatureHeader: 'X-Hub-Signature-256',
  deliveryHeader: 'X-GitHub-Delivery',
  normalise: (headers, payload) => {
    const event = headers('X-GitHub-Event') ?? '';
    return event === 'ping' ? null : normaliseGithub(event, payload);
  },
};

export const JIRA: HookPlatform = {
  kind: 'jira',
  signatureHeader: 'X-Hub-Signature',
  deliveryHeader: 'X-Atlassian-Webhook-Identifier',
  normalise: (_headers, payload, config) => normaliseJira(payload, Array.isArray(config.projects) ? config.projects.filter((p): p is string => typeof p === 'string') : []),
};

/**
 * `POST /hooks/github/:sourceId` and `POST /hooks/jira/:sourceId`: the URLs an admin pastes
 * into the platform. The work is a few queries and one batch, well inside GitHub's 10 s.
 */
export function hookRoutes() {
  const app = new Hono<AppEnv>();
  // 1 MB, as for Slack and Feishu: the events the rules read (a PR, a release, a deployment
  // status, an issue, a milestone, a Jira issue with its changelog) are a few KB, rarely a few
  // hundred with long descriptions; GitHub's 25 MB cap is for events like `push` with many
  // commits, which no rule reads. A bigger body gets a 413 before it is buffered or verified.
  app.use('*', bodyLimit(WEBHOOK_BODY_LIMIT));
  for (const platform of [GITHUB, JIRA]) {
    app.post(`/${platform.kind}/:sourceId`, async (c) => {
      const body = new Uint8Array(await c.req.arrayBuffer());
      return c.json(await receiveHook(c.var.deps, platform, c.req.param('sourceId'), (name) => c.req.header(name), body));
    });
  }
  return app;
}
