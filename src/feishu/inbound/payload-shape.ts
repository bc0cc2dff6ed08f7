import { z } from 'zod';
import { badRequest } from '../../errors.ts';
import type { Envelope } from './verify.ts';

/**
 * The shapes of the Feishu events and callbacks we handle (platform-facts §2.2), as far as
 * the handlers read them. A verified payload is checked before the SDK's dispatcher and
 * before anything is written (the workspace row included): a signed but malformed one is a
 * 400, never a 5xx. Objects stay open; unknown event types are not checked (they are
 * acknowledged and ignored). Handlers still treat every field as optional: this check is
 * what makes a wrong *type* impossible, e.g. `mentions` that is not an array.
 */

const obj = z.looseObject({});
const openIdHolder = z.looseObject({ open_id: z.string().optional() });

const messageReceive = z.looseObject({
  sender: z.looseObject({ sender_id: openIdHolder, sender_type: z.string() }),
  message: z.looseObject({
    message_id: z.string().min(1),
    chat_id: z.string().optional(),
    chat_type: z.string().optional(),
    message_type: z.string(),
    content: z.string(),
    mentions: z.array(z.looseObject({ key: z.string(), id: openIdHolder.optional() })).optional(),
  }),
});

const botMenu = z.looseObject({
  operator: z.looseObject({ operator_id: openIdHolder, operator_name: z.string().optional() }),
  event_key: z.string(),
});

const cardAction = z.looseObject({
  operator: openIdHolder,
  action: z.looseObject({ value: z.union([z.string(), obj]).optional(), form_value: z.record(z.string(), z.unknown()).optional(), name: z.string().optional(), tag: z.string().optional() }),
  context: z.looseObject({ open_message_id: z.string().optional(), open_chat_id: z.string().optional() }).optional(),
});

const byType: Record<string, z.ZodType> = {
  'im.message.receive_v1': messageReceive,
  'application.bot.menu_v6': botMenu,
  'card.action.trigger': cardAction,
};

/** Checks the event of a verified payload against the shape of its type; throws `bad_request` naming the field. */
export function checkFeishuShape(payload: Record<string, unknown>, envelope: Envelope): void {
  if ('event' in payload && (typeof payload.event !== 'object' || payload.event === null || Array.isArray(payload.event))) throw badRequest('event must be an object');
  const schema = byType[envelope.eventType];
  if (!schema) return;
  const result = schema.safeParse(payload.event);
  if (result.success) return;
  const issue = result.error.issues[0]!;
  throw badRequest(`${envelope.eventType}: event.${issue.path.join('.')} ${issue.message}`.replace(/event\. /, 'event '));
}
