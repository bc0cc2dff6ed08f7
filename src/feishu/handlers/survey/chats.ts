import type { Deps, DepsCore } from '../../../deps.ts';
import { feishuClient } from '../../adapter/client.ts';
import { isOpenId } from '../../context.ts';
import { ownTimeout, type LookupBudget } from '../../adapter/timeout.ts';

/** A group chat the bot is in. */
export interface BotChat {
  id: string;
  name: string;
}

const CHAT_ID = /^oc_[A-Za-z0-9_-]{1,64}$/;
/** True for something shaped like a Feishu chat_id. */
export const isChatId = (s: unknown): s is string => typeof s === 'string' && CHAT_ID.test(s);

/** Groups the bot is in (im/v1/chats, first page): what the survey form offers as an audience. Empty when Feishu does not answer. */
export async function listBotChats(deps: Deps | DepsCore, budget: LookupBudget = ownTimeout, limit = 50): Promise<BotChat[]> {
  try {
    const res = await budget.bound(feishuClient(deps).im.chat.list({ params: { page_size: limit } }));
    return (res.data?.items ?? []).filter((c) => isChatId(c.chat_id)).map((c) => ({ id: c.chat_id!, name: c.name ?? '' }));
  } catch (err) {
    deps.log('warn', 'feishu chat list failed', { error: err instanceof Error ? err.message : String(err) });
    return [];
  }
}

/**
 * Everyone in a group, as open_ids (im/v1/chats/:id/members, page by page; bots are not
 * listed). Stops after `max` people; null when Feishu refuses (the bot is not in the group)
 * or does not answer in time — it runs inside a 3-second card callback.
 */
export async function chatMembers(deps: Deps | DepsCore, chatId: string, max: number, budget: LookupBudget = ownTimeout): Promise<string[] | null> {
  const client = feishuClient(deps);
  const collect = async () => {
    const ids: string[] = [];
    let pageToken: string | undefined;
    do {
      const res = await client.im.chatMembers.get({ path: { chat_id: chatId }, params: { member_id_type: 'open_id', page_size: 100, ...(pageToken ? { page_token: pageToken } : {}) } });
      ids.push(...(res.data?.items ?? []).map((m) => m.member_id).filter(isOpenId));
      pageToken = res.data?.has_more ? res.data.page_token : undefined;
    } while (pageToken && ids.length <= max);
    return ids.slice(0, max + 1);
  };
  try {
    return await budget.bound(collect());
  } catch (err) {
    deps.log('warn', 'feishu chat members failed', { chatId, error: err instanceof Error ? err.message : String(err) });
    return null;
  }
}
