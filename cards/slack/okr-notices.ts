import { okrBlockedLines, type OkrBlockedProps } from '../okr-blocked.ts';
import type { CardContext } from '../view.ts';
import { context, esc, header, section, type SlackMessage } from './blocks.ts';

/** okr_sync_blocked on Slack: what Feishu refused and which permission to add. */
export function renderOkrBlocked(ctx: CardContext, p: OkrBlockedProps): SlackMessage {
  const [body, scopes, hint] = okrBlockedLines(ctx, p, esc, (s) => `\`${s}\``);
  return {
    text: ctx.t('okr.blocked.title'),
    blocks: [header(ctx.t('okr.blocked.title')), section(`${body}\n${scopes}`), context([hint!, `<${p.url}|${esc(ctx.t('card.open_dashboard'))}>`])],
  };
}
