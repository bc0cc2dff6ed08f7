import type { EvidenceView } from '../../../cards/view.ts';
import type { FeishuConfig } from '../../config.ts';
import { h, safeHref, type Html } from './html.ts';
import type { Kit } from './kit.ts';

export interface ChatContext {
  platform: 'slack' | 'feishu';
  /** Slack team id / Feishu tenant key. */
  externalId: string;
  feishu?: FeishuConfig;
}

/**
 * Where a platform file can be seen: the file in the Slack client (deep link), or the chat
 * with the bot in Feishu/Lark, where members send evidence files (AppLink). Built from ids we
 * stored, each URL-encoded, never from text a person typed.
 */
export function chatLink(e: EvidenceView, chat: ChatContext): string | null {
  if (!e.fileRef) return null;
  if (chat.platform === 'slack') return `slack://file?team=${encodeURIComponent(chat.externalId)}&id=${encodeURIComponent(e.fileRef)}`;
  if (!chat.feishu) return null;
  const host = chat.feishu.domain === 'lark' ? 'applink.larksuite.com' : 'applink.feishu.cn';
  return `https://${host}/client/bot/open?appId=${encodeURIComponent(chat.feishu.appId)}`;
}

/** One evidence item: a link that opens in a new tab, or the file with a link back to the chat. */
export function evidenceItem(kit: Kit, e: EvidenceView, chat: ChatContext): Html {
  const kind = kit.t(`web.evidence.${e.kind}`);
  const href = safeHref(e.url);
  if (href) return h`<li><span class="pill">${kind}</span> <a href="${href}" target="_blank" rel="noopener noreferrer">${e.title || e.url}</a></li>`;
  const back = chatLink(e, chat);
  const name = e.title || e.fileRef || e.url || kind;
  return h`<li><span class="pill">${kind}</span> ${name}${back ? h` · <a href="${back}">${kit.t(chat.platform === 'slack' ? 'web.evidence.open_slack' : 'web.evidence.open_feishu')}</a>` : ''}</li>`;
}
