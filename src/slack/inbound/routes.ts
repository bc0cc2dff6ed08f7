import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { handleSlackEvents } from './events-route.ts';
import { handleInstall, handleOAuthRedirect } from './oauth.ts';

/** Slack: POST /slack/events (commands, interactivity, events), install, OAuth (the manifest is served by app.ts, before Slack is configured). */
export function slackRoutes() {
  return new Hono<AppEnv>()
    .post('/events', handleSlackEvents)
    .get('/install', handleInstall)
    .get('/oauth_redirect', handleOAuthRedirect);
}
