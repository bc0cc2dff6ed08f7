import * as lark from '@larksuiteoapi/node-sdk';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { unscoped, type Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import { badRequest } from '../../errors.ts';
import { cappedBody, CARD_CALLBACK_BODY_LIMIT, WEBHOOK_BODY_LIMIT } from '../../security/body-limit.ts';
import type { CardResponse } from './card-response.ts';
import { larkLogger } from '../adapter/client.ts';
import { feishuWorkspace, type FeishuCtx } from '../context.ts';
import { evidenceRoute } from './evidence-route.ts';
import { handleOnce } from './handle-once.ts';
import { onCardAction } from '../handlers/card-action.ts';
import { onMenu } from '../handlers/commands/menu.ts';
import { onMessage } from '../handlers/commands/message.ts';
import { checkFeishuShape } from './payload-shape.ts';
import { verifyFeishuRequest, type Verified } from './verify.ts';

type Payload = Extract<Verified, { kind: 'payload' }>;
type Handler = (ctx: FeishuCtx, event: never) => Promise<unknown>;

/** What each route handles, by event type; any other type is acknowledged and ignored. */
const EVENTS: Record<string, Handler> = { 'im.message.receive_v1': onMessage, 'application.bot.menu_v6': onMenu };
const CARDS: Record<string, Handler> = { 'card.action.trigger': onCardAction };

/**
 * Reads the raw body (at most `limit` bytes, else 413), verifies it and checks its shape.
 * Forged, stale or wrongly-tokened → 401; signed but unreadable or malformed → 400; both
 * thrown to the app's one error mapping, before anything is written.
 */
async function verified(c: Context<AppEnv>, limit: number): Promise<Exclude<Verified, { kind: 'rejected' }>> {
  const deps = c.var.deps;
  const raw = (await cappedBody(c, limit)) ?? new Uint8Array();
  const v = await verifyFeishuRequest({ raw, header: (n) => c.req.header(n), config: deps.config.feishu!, nowMs: deps.clock.now().getTime() });
  if (v.kind === 'rejected') {
    deps.log('warn', 'feishu request rejected', { path: c.req.path, reason: v.reason });
    throw v.status === 401 ? new DomainError('unauthorized', 'error.unauthorized') : badRequest(v.reason);
  }
  if (v.kind === 'payload') checkFeishuShape(v.payload, v.envelope);
  return v;
}

/** The handler context for a verified request: its tenant's workspace, deps, deferral. */
async function contextFor(c: Context<AppEnv>, v: Payload): Promise<FeishuCtx> {
  const { row, workspace } = await feishuWorkspace(c.var.deps, v.envelope.tenantKey);
  return { deps: c.var.deps, defer: c.var.defer, row, workspace, envelope: v.envelope };
}

const FLAT = Symbol('flattened event');

/** Builds the SDK's EventDispatcher for a deps; injectable so a test can count the builds. */
export type DispatcherFactory = (deps: Deps) => lark.EventDispatcher;

/**
 * The SDK's EventDispatcher. Its handlers only hand back the event the SDK flattened
 * (envelope header and event fields on one object); the route then calls ours with the
 * request's context. Our check replaced the SDK's (which hashes a re-serialised body and
 * has no time window), hence `needCheck: false` below.
 */
export const newDispatcher: DispatcherFactory = (deps) => {
  const passThrough = Object.fromEntries([...Object.keys(EVENTS), ...Object.keys(CARDS)].map((type) => [type, async (data: unknown) => ({ [FLAT]: data })]));
  return new lark.EventDispatcher({ logger: larkLogger(deps.log) }).register(passThrough as lark.EventHandles);
};

/**
 * Hands the payload to the dispatcher (which also keeps the SDK's own `app_ticket` handling)
 * and runs our handler for its type with the request's context; undefined for other types.
 */
async function dispatch(dispatcher: lark.EventDispatcher, ctx: FeishuCtx, v: Payload, handlers: Record<string, Handler>): Promise<unknown> {
  const out: unknown = await dispatcher.invoke(v.payload, { needCheck: false });
  const handler = handlers[v.envelope.eventType];
  const flat = typeof out === 'object' && out !== null && FLAT in out;
  return handler && flat ? handler(ctx, (out as { [FLAT]: never })[FLAT]) : undefined;
}

/**
 * Feishu/Lark: POST /feishu/events (events) and POST /feishu/cards (card callbacks). Both
 * share one EventDispatcher per deps, built at the first request, not per request.
 */
export function feishuRoutes(build: DispatcherFactory = newDispatcher) {
  const app = new Hono<AppEnv>();
  const dispatchers = new WeakMap<Deps, lark.EventDispatcher>();
  const dispatcherFor = (requestDeps: Deps): lark.EventDispatcher => {
    const deps = unscoped(requestDeps);
    let dispatcher = dispatchers.get(deps);
    if (!dispatcher) dispatchers.set(deps, (dispatcher = build(deps)));
    return dispatcher;
  };

  app.post('/events', async (c) => {
    const v = await verified(c, WEBHOOK_BODY_LIMIT);
    if (v.kind === 'challenge') return c.json({ challenge: v.challenge });
    const ctx = await contextFor(c, v);
    // At-least-once delivery: each event_id is handled once (messages are also keyed by
    // message_id); a failed handling answers 500 and leaves the event to Feishu's retry.
    await handleOnce(ctx.deps, { workspaceId: ctx.workspace.id, source: 'feishu_event', key: v.envelope.eventId }, () => dispatch(dispatcherFor(ctx.deps), ctx, v, EVENTS));
    // Unknown event types are acknowledged too: Feishu would otherwise retry them for hours.
    return c.json({});
  });

  app.post('/cards', async (c) => {
    const v = await verified(c, CARD_CALLBACK_BODY_LIMIT);
    if (v.kind === 'challenge') return c.json({ challenge: v.challenge });
    const ctx = await contextFor(c, v);
    const answer = await dispatch(dispatcherFor(ctx.deps), ctx, v, CARDS);
    // Another callback type leaves the card unchanged.
    return c.json(typeof answer === 'object' && answer !== null ? (answer as CardResponse) : {});
  });

  app.get('/evidence', evidenceRoute);
  return app;
}
