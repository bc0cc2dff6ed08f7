import { COMMENT_PREVIEW, type CommentAddedProps } from '../comment-added.ts';
import type { CardContext } from '../view.ts';
import { button, card, clip, escapeMd, header, md, type Json } from './kit.ts';

/** comment_added on Feishu: who commented on which outcome, the comment, a link to the page. */
export function commentAddedCard(p: CommentAddedProps, ctx: CardContext): Json {
  const { t } = ctx;
  return card(header(t('comment.notice.header'), 'blue', clip(p.title, 100)), [
    md(`**${escapeMd(t('comment.notice.title', { author: p.author, title: clip(p.title, 100) }))}**`),
    md(escapeMd(clip(p.body, COMMENT_PREVIEW))),
    button({ label: t('comment.notice.open'), url: p.url }),
  ]);
}
