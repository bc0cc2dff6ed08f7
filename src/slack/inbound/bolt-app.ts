import { App, type AuthorizeResult, type Context } from '@slack/bolt';
import { unscoped, type Deps } from '../../deps.ts';
import { depsIn } from '../context.ts';
import { installationFor } from '../adapter/installation.ts';
import { teamIdOf, type SlackBody } from './inbound.ts';
import { registerCommand } from '../handlers/commands/command.ts';
import { registerCommentView } from '../handlers/decide/comment-view.ts';
import { registerDecideActions } from '../handlers/decide/decide-actions.ts';
import { registerEventDedupe, registerHomeEvent } from '../handlers/events.ts';
import { registerOpenActions } from '../handlers/submit/open-actions.ts';
import { registerMetricActions } from '../handlers/submit/metric-actions.ts';
import { registerReviewActions } from '../handlers/review/review-actions.ts';
import { registerRetroActions } from '../handlers/retro/retro-actions.ts';
import { registerSafetyNet } from '../handlers/safety-net.ts';
import { registerSubmitView } from '../handlers/submit/submit-view.ts';
import { registerSurveyActions } from '../handlers/survey/survey-actions.ts';
import { registerSurveyStartView } from '../handlers/survey/survey-start-view.ts';
import { slackLogger, webClientOptions } from '../adapter/web-client.ts';

/** Our receiver is the Hono route (it verifies and calls processEvent); Bolt starts nothing. */
const routeReceiver = { init: () => {}, start: async () => {}, stop: async () => {} };

function createBoltApp(deps: Deps): App {
  const app = new App({
    receiver: routeReceiver,
    // Per request, from the verified team id: the stored (encrypted) token or SLACK_BOT_TOKEN.
    // The route looked it up for this body already, with the request's deps (events-route.ts).
    authorize: async (source, body): Promise<AuthorizeResult> => {
      const teamId = source.teamId ?? teamIdOf((body ?? {}) as SlackBody);
      const install = teamId ? await installationFor(deps, body ?? {}, teamId) : null;
      if (!install) throw new Error(`Slack team ${teamId ?? '?'} is not installed`);
      return { botToken: install.botToken, botUserId: install.workspace.botUserId ?? undefined, teamId: teamId ?? undefined, workspace: install.workspace };
    },
    clientOptions: webClientOptions(deps.config.slack!, deps.log),
    logger: slackLogger(deps.log),
    convoStore: false,
    extendedErrorHandler: true,
  });
  registerSafetyNet(app);
  registerEventDedupe(app);
  registerCommand(app);
  registerSubmitView(app);
  registerDecideActions(app);
  registerCommentView(app);
  registerOpenActions(app);
  registerMetricActions(app);
  registerSurveyStartView(app);
  registerSurveyActions(app);
  registerReviewActions(app);
  registerRetroActions(app);
  registerHomeEvent(app);
  // With the request's log when Bolt hands over its context (an authorize failure may not).
  app.error(async ({ error, context }: { error: Error; context?: Context }) => (depsIn(context) ?? deps).log('error', 'slack listener failed', { error: String(error instanceof Error ? error.stack : error) }));
  return app;
}

const apps = new WeakMap<Deps, App>();

/**
 * The Bolt app for these deps, built on first use inside a request and never in global
 * scope: on Workers, I/O there is blocked and a failure would be cached for the isolate
 * (platform-facts §6). With `authorize` instead of a token, the constructor calls nothing.
 */
export function boltFor(requestDeps: Deps): App {
  const deps = unscoped(requestDeps);
  let app = apps.get(deps);
  if (!app) {
    app = createBoltApp(deps);
    apps.set(deps, app);
  }
  return app;
}
