import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { publishHome } from '../home/publish-home.ts';
import { memberOf, scopeOf, workspaceOf } from '../scope.ts';

/**
 * Events API deliveries are at-least-once (retries carry X-Slack-Retry-Num): each event_id
 * is handled once per workspace, whatever the retry count.
 */
export function registerEventDedupe(app: App, deps: Deps): void {
  app.use(async ({ body, context, next }) => {
    const envelope = body as { type?: unknown; event_id?: unknown };
    if (envelope.type === 'event_callback' && typeof envelope.event_id === 'string') {
      const first = await deps.repos.events.firstTime(workspaceOf(context).id, 'slack_event', envelope.event_id, deps.clock.now());
      if (!first) {
        deps.log('info', 'duplicate Slack event skipped', { eventId: envelope.event_id, retryNum: context.retryNum });
        return;
      }
    }
    await next();
  });
}

/** app_home_opened → views.publish of that person's Home tab, after the ack. */
export function registerHomeEvent(app: App, deps: Deps): void {
  app.event('app_home_opened', async ({ event, context, client }) => {
    if (event.tab !== 'home') return;
    const scope = scopeOf(deps, context, client);
    scope.defer(async () => publishHome(scope, await memberOf(scope, event.user)));
  });
}
