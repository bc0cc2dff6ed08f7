import * as lark from '@larksuiteoapi/node-sdk';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { DomainError } from '../domain/errors.ts';
import type { CardResponse } from './card-response.ts';
import { larkLogger } from './client.ts';
import { feishuWorkspace, type FeishuCtx } from './context.ts';
import { evidenceRoute } from './evidence-route.ts';
import { handleOnce } from './handle-once.ts';
import { onCardAction, type CardActionEvent } from './handlers/card-action.ts';
import { onMenu, type MenuEvent } from './handlers/menu.ts';
import { onMessage, type MessageEvent } from './handlers/message.ts';
import { verifyFeishuRequest, type Verified } from './verify.ts';

type Payload = Extract<Verified, { kind: 'payload' }>;

/** Verifies the raw request; a forged, stale or wrongly-tokened one is a 401 before anything is read or written. */
async function verified(c: Context<AppEnv>): Promise<Verified> {
  const deps = c.var.deps;
  const raw = new Uint8Array(await c.req.arrayBuffer());
  const v = await verifyFeishuRequest({ raw, header: (n) => c.req.header(n), config: deps.config.feishu!, nowMs: deps.clock.now().getTime() });
  if (v.kind === 'rejected') {
    deps.log('warn', 'feishu request rejected', { path: c.req.path, reason: v.reason });
    if (v.status === 401) throw new DomainError('unauthorized', 'error.unauthorized');
  }
  return v;
}

/** The handler context for a verified request: its tenant's workspace, deps, deferral. */
async function contextFor(c: Context<AppEnv>, v: Payload): Promise<FeishuCtx> {
  const { row, workspace } = await feishuWorkspace(c.var.deps, v.envelope.tenantKey);
  return { deps: c.var.deps, defer: c.var.defer, row, workspace, envelope: v.envelope };
}

type Handlers = Record<string, (data: never) => Promise<unknown>>;

/**
 * Hands the verified, decrypted payload to the SDK's EventDispatcher for routing. Our own
 * check replaced the SDK's (which hashes a re-serialised body and has no time window), so
 * `needCheck: false`; the SDK flattens the envelope and calls the handler for its type.
 */
async function dispatch(c: Context<AppEnv>, v: Payload, handlers: Handlers): Promise<unknown> {
  const dispatcher = new lark.EventDispatcher({ logger: larkLogger(c.var.deps.log) }).register(handlers as lark.EventHandles);
  const headers = Object.fromEntries(['x-lark-request-timestamp', 'x-lark-request-nonce', 'x-lark-signature'].map((h) => [h, c.req.header(h)]));
  return dispatcher.invoke(Object.assign(Object.create({ headers }), v.payload), { needCheck: false });
}

/** Feishu/Lark: POST /feishu/events (events) and POST /feishu/cards (card callbacks). */
export function feishuRoutes() {
  const app = new Hono<AppEnv>();

  app.post('/events', async (c) => {
    const v = await verified(c);
    if (v.kind === 'challenge') return c.json({ challenge: v.challenge });
    if (v.kind === 'rejected') return c.json({ error: 'bad_request', message: v.reason }, 400);
    const ctx = await contextFor(c, v);
    // At-least-once delivery: each event_id is handled once (messages are also keyed by
    // message_id); a failed handling answers 500 and leaves the event to Feishu's retry.
    await handleOnce(ctx.deps, { workspaceId: ctx.workspace.id, source: 'feishu_event', key: v.envelope.eventId }, () =>
      dispatch(c, v, {
        'im.message.receive_v1': (e: MessageEvent) => onMessage(ctx, e),
        'application.bot.menu_v6': (e: MenuEvent) => onMenu(ctx, e),
      }),
    );
    // Unknown event types are acknowledged too: Feishu would otherwise retry them for hours.
    return c.json({});
  });

  app.post('/cards', async (c) => {
    const v = await verified(c);
    if (v.kind === 'challenge') return c.json({ challenge: v.challenge });
    if (v.kind === 'rejected') return c.json({ error: 'bad_request', message: v.reason }, 400);
    const ctx = await contextFor(c, v);
    const answer = await dispatch(c, v, { 'card.action.trigger': (e: CardActionEvent) => onCardAction(ctx, e) });
    // Another callback type (or none registered) leaves the card unchanged.
    return c.json(typeof answer === 'object' && answer !== null ? (answer as CardResponse) : {});
  });

  app.get('/evidence', evidenceRoute);
  return app;
}
