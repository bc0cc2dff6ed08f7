import { feishuPerson, isOpenId, type FeishuCtx } from '../../context.ts';
import { reply, type ReplyRequest } from './replies.ts';

/** The `event_key`s to configure on the bot menu (README "Connect Feishu / Lark"). */
export const MENU_KEYS = { submit: 'submit_outcome', list: 'my_outcomes', help: 'help' } as const;

/** The fields of `application.bot.menu_v6` we read. */
export interface MenuEvent {
  operator?: { operator_id?: { open_id?: string }; operator_name?: string };
  event_key?: string;
}

function answerFor(key: string | undefined): ReplyRequest {
  if (key === MENU_KEYS.submit) return { view: 'form' };
  if (key === MENU_KEYS.list) return { view: 'list' };
  return { view: 'help', unknown: null };
}

/** A click on the bot menu (p2p only): the submit form, the list, or help for any other key. */
export async function onMenu(ctx: FeishuCtx, e: MenuEvent): Promise<void> {
  const openId = e.operator?.operator_id?.open_id;
  if (!isOpenId(openId)) return;
  const member = await feishuPerson(ctx.deps, ctx.workspace.id, openId, e.operator?.operator_name);
  await reply(ctx, { destination: openId, personId: member.id }, answerFor(e.event_key), ctx.envelope.eventId);
}
