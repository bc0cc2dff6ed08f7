import type { App } from '@slack/bolt';
import type { RequestProps } from '../inbound/dispatch.ts';
import { publishHome } from './home/publish-home.ts';
import { depsOf, memberOf, scopeOf, workspaceOf } from '../context.ts';

const SOURCE = 'slack_event';

/**
 * Events API deliveries are at-least-once (retries carry X-Slack-Retry-Num): each event_id
 * is handled once per workspace, whatever the retry count. The marker is taken before the
 * work (a concurrent retry must not run it twice) and given back when the work fails, with
 * a 500 so that Slack retries: a failed delivery is retried, never dropped.
 */
export function registerEventDedupe(app: App): void {
  app.use(async ({ body, context, next }) => {
    const deps = depsOf(context);
    const envelope = body as { type?: unknown; event_id?: unknown };
    if (envelope.type !== 'event_callback' || typeof envelope.event_id !== 'string') return next();
    const eventId = envelope.event_id;
    const workspaceId = workspaceOf(context).id;
    if (!(await deps.repos.events.firstTime(workspaceId, SOURCE, eventId, deps.clock.now()))) {
      deps.log('info', 'duplicate Slack event skipped', { eventId, retryNum: context.retryNum });
      return;
    }
    try {
      await next();
    } catch (err) {
      await deps.repos.events.forget(workspaceId, SOURCE, eventId).catch((e: unknown) => deps.log('error', 'could not release a failed Slack event', { eventId, error: String(e) }));
      (context as Partial<RequestProps>).eventFailed?.();
      throw err;
    }
  });
}

/**
 * app_home_opened → views.publish of that person's Home tab. Done inside the request (Bolt
 * acked the event already; the dispatcher's grace bounds the wait) so that a failure reaches
 * the dedupe above and Slack retries the event.
 */
export function registerHomeEvent(app: App): void {
  app.event('app_home_opened', async ({ event, context, client }) => {
    if (event.tab !== 'home') return;
    const scope = scopeOf(context, client);
    await publishHome(scope, await memberOf(scope, event.user));
  });
}
