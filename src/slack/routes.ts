import { Hono } from 'hono';
import type { AppEnv } from '../app.ts';

/** Slack: POST /slack/events (commands, interactivity, events), install, OAuth, manifest. */
export function slackRoutes() {
  return new Hono<AppEnv>();
}
