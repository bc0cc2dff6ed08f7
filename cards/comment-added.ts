/** The comment notice's view model, which both platforms render (cards/slack, cards/feishu). */
export interface CommentAddedProps {
  /** The outcome's title. */
  title: string;
  author: string;
  body: string;
  /** The outcome's page, where the comments are. */
  url: string;
}

/** A chat card shows this much of a comment; the page has it whole. */
export const COMMENT_PREVIEW = 600;
