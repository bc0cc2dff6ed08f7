import { failingParams, type SourceFailingProps } from '../source-failing.ts';
import type { CardContext } from '../view.ts';
import { clip, context, esc, header, section, type SlackMessage } from './blocks.ts';

/** source_failing on Slack: which source, the last error, when it last worked. */
export function renderSourceFailing(ctx: CardContext, p: SourceFailingProps): SlackMessage {
  const body = ctx.t('source.failing.body', failingParams(ctx, p, esc));
  const since = p.lastSuccessText ? ctx.t('source.failing.last_success', { when: p.lastSuccessText }) : ctx.t('source.failing.never');
  return {
    text: `${ctx.t('source.failing.title')}: ${p.metric}`,
    blocks: [
      header(ctx.t('source.failing.title')),
      section(`${body}\n${ctx.t('source.failing.error', { error: `\`${esc(clip(p.error, 300)).replace(/`/g, "'")}\`` })}\n${since}`),
      context([ctx.t('source.failing.hint'), `<${p.url}|${esc(ctx.t('card.open_dashboard'))}>`]),
    ],
  };
}
