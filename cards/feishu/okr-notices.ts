import { okrBlockedLines, type OkrBlockedProps } from '../okr-blocked.ts';
import type { CardContext } from '../view.ts';
import { button, card, escapeMd, header, md, type Json } from './kit.ts';

/** okr_sync_blocked on Feishu: what Feishu refused and which permission to add. */
export function okrBlockedCard(p: OkrBlockedProps, ctx: CardContext): Json {
  const [body, scopes, hint] = okrBlockedLines(ctx, p, escapeMd, (s) => `\`${s}\``);
  return card(header(ctx.t('okr.blocked.title'), 'orange'), [md(`${body}\n${scopes}`), md(`<font color='grey'>${hint}</font>`), button({ label: ctx.t('card.open_dashboard'), url: p.url })]);
}
