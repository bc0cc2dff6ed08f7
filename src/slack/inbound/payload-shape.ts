import { z } from 'zod';
import { badRequest } from '../../errors.ts';
import type { SlackBody } from './inbound.ts';

/**
 * The shapes Slack sends (platform-facts §1.4), as far as Bolt's routing and our listeners
 * read them. A signed body is checked against these before Bolt sees it: Bolt reads
 * `body.user.id`, `'channel' in body.event` and the like without looking, so a payload
 * without them was a 500. Objects stay open (`looseObject`): Slack adds fields all the time.
 */

const id = z.string().min(1);
const obj = z.looseObject({});
/** Bolt treats a present-but-null value as an object (typeof null), so optional never includes null. */
const withId = z.looseObject({ id });

const command = z.looseObject({
  command: id,
  team_id: id,
  user_id: id,
  trigger_id: id,
  text: z.string(),
  channel_id: z.string().optional(),
  response_url: z.string().optional(),
});

const view = z.looseObject({
  id,
  callback_id: z.string(),
  private_metadata: z.string().optional(),
  blocks: z.array(z.looseObject({ type: z.string().optional(), block_id: z.string().optional() })),
  state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), obj)) }),
});

/** What every interactivity payload has: a type, the team, the acting user; `channel` when present is an object. */
const interaction = z.looseObject({
  type: z.string(),
  team: withId,
  user: withId,
  channel: withId.optional(),
  trigger_id: z.string().optional(),
  response_url: z.string().optional(),
});

const action = z.looseObject({ action_id: z.string(), block_id: z.string().optional(), type: z.string().optional(), value: z.string().optional() });

const interactionByType: Record<string, z.ZodType> = {
  block_actions: interaction.extend({ actions: z.array(action).min(1), container: obj.optional(), state: obj.optional(), view: obj.optional() }),
  view_submission: interaction.extend({ view }),
  view_closed: interaction.extend({ view }),
  shortcut: interaction.extend({ callback_id: z.string(), trigger_id: id }),
  message_action: interaction.extend({ callback_id: z.string(), trigger_id: id }),
  block_suggestion: interaction.extend({ action_id: z.string(), value: z.string() }),
  dialog_submission: interaction,
};

/** `event.user` is a user id (or, for a few events, a user object); `event.channel` an id or an object. */
const event = z.looseObject({
  type: id,
  user: z.union([z.string(), withId]).optional(),
  channel: z.union([z.string(), withId]).optional(),
  channel_id: z.string().optional(),
  item: obj.optional(),
  subteam: obj.optional(),
});

const eventByType: Record<string, z.ZodType> = {
  app_home_opened: event.extend({ user: id, tab: z.string() }),
};

const envelope = z.looseObject({
  type: z.literal('event_callback'),
  team_id: id,
  event_id: id,
  event,
  authorizations: z.array(obj).optional(),
});

const urlVerification = z.looseObject({ type: z.literal('url_verification'), challenge: z.string() });

function check(schema: z.ZodType, body: unknown, what: string): void {
  const result = schema.safeParse(body);
  if (result.success) return;
  const issue = result.error.issues[0]!;
  throw badRequest(`${what}: ${issue.path.join('.') || '(root)'} ${issue.message}`);
}

/**
 * Checks a verified, parsed Slack body against the shape of its kind (slash command,
 * interactivity payload of a known type, Events API envelope). Throws a `bad_request`
 * naming the first wrong field; unknown interaction and envelope types pass (Bolt ignores
 * them with a 200, and Slack adds new ones).
 */
export function checkSlackShape(body: SlackBody): void {
  // Bolt looks for `event` first, then `command`, then `actions`/`name` (an action or an
  // options request), then the type: each is checked for what Bolt reads from it.
  if ('event' in body || body.type === 'event_callback') {
    check(envelope, body, 'event envelope');
    const e = body.event as { type: string };
    const byType = eventByType[e.type];
    if (byType) check(byType, e, `${e.type} event`);
    return;
  }
  if ('command' in body) return check(command, body, 'slash command');
  if (body.type === 'url_verification') return check(urlVerification, body, 'url_verification');
  const byType = typeof body.type === 'string' ? interactionByType[body.type] : undefined;
  if (byType) return check(byType, body, `${String(body.type)} payload`);
  if ('actions' in body || 'name' in body) check(interaction, body, 'interaction payload');
}
