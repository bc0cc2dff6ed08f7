import { COMMENT_PREVIEW, type CommentAddedProps } from '../comment-added.ts';
import type { CardContext } from '../view.ts';
import { clip, context, esc, header, section, type SlackMessage } from './blocks.ts';

/** comment_added on Slack: who commented on which outcome, the comment, a link to the page. */
export function renderCommentAdded(ctx: CardContext, p: CommentAddedProps): SlackMessage {
  const title = ctx.t('comment.notice.title', { author: p.author, title: p.title.slice(0, 100) });
  return {
    text: title,
    blocks: [
      header(ctx.t('comment.notice.header')),
      section(`*${esc(title)}*\n>${esc(clip(p.body, COMMENT_PREVIEW)).replace(/\n/g, '\n>')}`),
      context([`<${p.url}|${esc(ctx.t('comment.notice.open'))}>`]),
    ],
  };
}
