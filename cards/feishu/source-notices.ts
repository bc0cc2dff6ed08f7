import { failingParams, type SourceFailingProps } from '../source-failing.ts';
import type { CardContext } from '../view.ts';
import { button, card, clip, escapeMd, header, md, type Json } from './kit.ts';

/** source_failing on Feishu: which source, the last error, when it last worked. */
export function sourceFailingCard(p: SourceFailingProps, ctx: CardContext): Json {
  const { t } = ctx;
  const since = p.lastSuccessText ? t('source.failing.last_success', { when: p.lastSuccessText }) : t('source.failing.never');
  return card(header(t('source.failing.title'), 'orange', clip(p.metric, 100)), [
    md([t('source.failing.body', failingParams(ctx, p, escapeMd)), t('source.failing.error', { error: escapeMd(clip(p.error, 300)) }), since].join('\n')),
    md(`<font color='grey'>${t('source.failing.hint')}</font>`),
    button({ label: t('card.open_dashboard'), url: p.url }),
  ]);
}
