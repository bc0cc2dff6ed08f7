import type { webApi } from '@slack/bolt';

/** Members per conversations.members page (Slack's recommended maximum is 200; it allows 1000). */
const PAGE = 200;

/**
 * The members of `channels` (conversations.members, paged), without the ids in `exclude`
 * (our bot), reading no further once more than `max` were found: the survey refuses that
 * many anyway. A channel Slack will not list for us (private and we are not in it, gone,
 * missing scope) is reported in `unreadable` rather than failing the whole request.
 */
export async function channelMembers(client: webApi.WebClient, channels: string[], opts: { max: number; exclude: string[] }): Promise<{ members: string[]; unreadable: string[] }> {
  const members = new Set<string>();
  const unreadable: string[] = [];
  for (const channel of channels) {
    let cursor: string | undefined;
    try {
      do {
        const page = await client.conversations.members({ channel, limit: PAGE, ...(cursor ? { cursor } : {}) });
        for (const id of page.members ?? []) if (!opts.exclude.includes(id)) members.add(id);
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor && members.size <= opts.max);
    } catch (err) {
      if ((err as { code?: string }).code !== 'slack_webapi_platform_error') throw err;
      unreadable.push(channel);
    }
    if (members.size > opts.max) break;
  }
  return { members: [...members], unreadable };
}
