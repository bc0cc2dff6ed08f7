import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { bodyLimit } from '../security/body-limit.ts';
import { normaliseGithub } from './github-events.ts';
import { normaliseJira } from './jira-events.ts';
import { receiveHook, type HookPlatform } from './receive.ts';

/**
 * 1 MB: the events the rules read (a PR, a release, a deployment status, an issue, a
 * milestone, a Jira issue with its changelog) are a few KB to a few hundred KB even with
 * long descriptions; GitHub's 25 MB cap is for events like `push` with many commits, which
 * no rule reads. A bigger body is refused with a 413 before it is buffered or verified.
 */
export const HOOK_BODY_LIMIT = 1024 * 1024;

export const GITHUB: HookPlatform = {
  kind: 'github',
  signatureHeader: 'x-hub-signature-256',
  deliveryHeader: 'x-github-delivery',
  normalise: (headers, payload) => {
    const event = headers('x-github-event') ?? '';
    return event === 'ping' ? null : normaliseGithub(event, payload);
  },
};

export const JIRA: HookPlatform = {
  kind: 'jira',
  signatureHeader: 'x-hub-signature',
  deliveryHeader: 'x-atlassian-webhook-identifier',
  normalise: (_headers, payload, config) => normaliseJira(payload, Array.isArray(config.projects) ? config.projects.filter((p): p is string => typeof p === 'string') : []),
};

/**
 * `POST /hooks/github/:sourceId` and `POST /hooks/jira/:sourceId`: the URLs an admin pastes
 * into the platform. The work is a few queries and one batch, well inside GitHub's 10 s.
 */
export function hookRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', bodyLimit(HOOK_BODY_LIMIT));
  for (const platform of [GITHUB, JIRA]) {
    app.post(`/${platform.kind}/:sourceId`, async (c) => {
      const body = new Uint8Array(await c.req.arrayBuffer());
      return c.json(await receiveHook(c.var.deps, platform, c.req.param('sourceId'), (name) => c.req.header(name), body));
    });
  }
  return app;
}
