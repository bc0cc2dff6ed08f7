/**
 * views.* methods: trigger ids (3 s, single use), modal stacks (push limit 3), hash
 * conflicts and view limits (100 blocks, 250 kB).
 */
import { hex } from '../shared/ids.ts';
import { fail, jsonArg, str, type Args, type MethodCtx, type MethodHandler, type SlackAnswer } from './method-kit.ts';
import { TRIGGER_TTL_MS } from './state.ts';
import type { SlackViewRecord } from './types.ts';
import { checkView, type ViewKind } from './view-rules.ts';

type Obj = Record<string, unknown>;

function readView(args: Args, kind: ViewKind): SlackAnswer | Obj {
  const parsed = jsonArg(args, 'view');
  if (parsed.bad || parsed.value === undefined) return fail('invalid_arguments', ['[ERROR] missing required field: view']);
  const verdict = checkView(parsed.value, kind);
  if (verdict.error) return fail(verdict.error, verdict.messages);
  return parsed.value as Obj;
}

/** Consumes a trigger id, or returns the Slack error for it. */
function exchangeTrigger(ctx: MethodCtx, args: Args): SlackAnswer | { viewId?: string } {
  const id = str(args, 'trigger_id') ?? str(args, 'interactivity_pointer');
  if (!id) return fail('invalid_arguments', ['[ERROR] missing required field: trigger_id']);
  const trigger = ctx.state.triggers.get(id);
  if (!trigger) return fail('invalid_trigger_id');
  if (trigger.used) return fail('exchanged_trigger_id');
  if (ctx.now - trigger.issuedAt > TRIGGER_TTL_MS) return fail('expired_trigger_id');
  trigger.used = true;
  return trigger.viewId ? { viewId: trigger.viewId } : {};
}

function materialize(ctx: MethodCtx, view: Obj, id: string, rootId: string | null, previousId: string | null): SlackViewRecord {
  const { config } = ctx.state;
  return {
    id,
    team_id: ctx.auth.teamId,
    type: String(view.type),
    hash: `${Math.floor(ctx.now / 1000)}.${hex(4)}`,
    blocks: (view.blocks as unknown[] | undefined) ?? [],
    private_metadata: typeof view.private_metadata === 'string' ? view.private_metadata : '',
    callback_id: typeof view.callback_id === 'string' ? view.callback_id : '',
    external_id: typeof view.external_id === 'string' ? view.external_id : '',
    root_view_id: rootId,
    previous_view_id: previousId,
    app_id: config.appId,
    bot_id: ctx.auth.botId ?? config.botId,
    state: { values: {} },
    ...(view.title !== undefined ? { title: view.title } : {}),
    ...(view.submit !== undefined ? { submit: view.submit } : {}),
    ...(view.close !== undefined ? { close: view.close } : {}),
    clear_on_close: view.clear_on_close === true,
    notify_on_close: view.notify_on_close === true,
  };
}

const isAnswer = (v: object): v is SlackAnswer => 'ok' in v;

function externalIdTaken(ctx: MethodCtx, view: Obj): boolean {
  const ext = view.external_id;
  return typeof ext === 'string' && ext !== '' && [...ctx.state.views.values()].some((v) => v.external_id === ext);
}

const open: MethodHandler = (ctx, args) => {
  const view = readView(args, 'modal');
  if (isAnswer(view)) return view;
  const trigger = exchangeTrigger(ctx, args);
  if (isAnswer(trigger)) return trigger;
  if (externalIdTaken(ctx, view)) return fail('duplicate_external_id');
  const id = ctx.state.nextId('V');
  const record = materialize(ctx, view, id, id, null);
  ctx.state.views.set(id, record);
  ctx.state.stacks.push([id]);
  return { ok: true, view: record };
};

const push: MethodHandler = (ctx, args) => {
  const view = readView(args, 'modal');
  if (isAnswer(view)) return view;
  const trigger = exchangeTrigger(ctx, args);
  if (isAnswer(trigger)) return trigger;
  const { stacks } = ctx.state;
  const stack = (trigger.viewId && stacks.find((s) => s.includes(trigger.viewId as string))) || stacks[stacks.length - 1];
  if (stack && stack.length >= 3) return fail('push_limit_reached');
  if (externalIdTaken(ctx, view)) return fail('duplicate_external_id');
  const id = ctx.state.nextId('V');
  const record = materialize(ctx, view, id, stack?.[0] ?? id, stack?.[stack.length - 1] ?? null);
  ctx.state.views.set(id, record);
  if (stack) stack.push(id);
  else stacks.push([id]);
  return { ok: true, view: record };
};

const update: MethodHandler = (ctx, args) => {
  const view = readView(args, 'modal');
  if (isAnswer(view)) return view;
  const viewId = str(args, 'view_id');
  const externalId = str(args, 'external_id');
  if (!viewId && !externalId) return fail('invalid_arguments', ['[ERROR] view_id or external_id is required']);
  const current = viewId ? ctx.state.views.get(viewId) : [...ctx.state.views.values()].find((v) => v.external_id === externalId);
  if (!current || current.type !== 'modal') return fail('not_found');
  const hash = str(args, 'hash');
  if (hash !== undefined && hash !== current.hash) return fail('hash_conflict');
  const next = materialize(ctx, view, current.id, current.root_view_id, current.previous_view_id);
  ctx.state.views.set(current.id, next);
  return { ok: true, view: next };
};

const publish: MethodHandler = (ctx, args) => {
  const userId = str(args, 'user_id');
  if (!userId) return fail('invalid_arguments', ['[ERROR] missing required field: user_id']);
  if (!ctx.state.users.has(userId)) return fail('user_not_found');
  const view = readView(args, 'home');
  if (isAnswer(view)) return view;
  const current = ctx.state.homeViews.get(userId);
  const hash = str(args, 'hash');
  if (hash !== undefined && current && hash !== current.hash) return fail('hash_conflict');
  const id = current?.id ?? ctx.state.nextId('V');
  const record = { ...materialize(ctx, view, id, null, null), user_id: userId };
  ctx.state.homeViews.set(userId, record);
  ctx.state.views.set(id, record);
  return { ok: true, view: record };
};

/** views.open, views.push, views.update, views.publish. */
export const viewMethods: Record<string, MethodHandler> = {
  'views.open': open,
  'views.push': push,
  'views.update': update,
  'views.publish': publish,
};
