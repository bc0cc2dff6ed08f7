import { encodeAction } from '../actions.ts';
import type { CardContext, SurveyView } from '../view.ts';
import { actions, button, clip, context, esc, header, section, type SlackBlock, type SlackMessage } from './blocks.ts';

/** action_id of score button n (action ids must be unique within a block). */
export const npsScoreAction = (n: number) => `nps_score_${n}`;
/** Matches every score button's action_id. */
export const NPS_SCORE_PATTERN = /^nps_score_(?:[0-9]|10)$/;
/** action_id of the "add a comment" button beside the chosen score. */
export const NPS_COMMENT_ACTION = 'nps_comment';
/** The NPS scale, 0 to 10. */
export const SCORES = Array.from({ length: 11 }, (_, n) => n);

export interface SurveyCardProps {
  view: SurveyView;
  /** The one reminder to people who have not answered (same card, with a line saying so). */
  reminder: boolean;
  /** This reader's comment, if they left one. */
  comment: string | null;
}

/** The 0–10 scale: one actions block of 11 buttons, the chosen one highlighted. */
function scale(view: SurveyView): SlackBlock {
  return actions(
    `nps:${view.id}`,
    SCORES.map((n) => button(npsScoreAction(n), String(n), { value: encodeAction({ a: 'nps', s: view.id, v: n }), ...(view.myScore === n ? { style: 'primary' as const } : {}) })),
  );
}

/** What the reader answered (with the comment button while the survey is open). */
function answerBlocks(ctx: CardContext, p: SurveyCardProps): SlackBlock[] {
  const { view } = p;
  if (view.myScore === null) return [];
  const commentButton = button(NPS_COMMENT_ACTION, ctx.t(p.comment ? 'slack.survey.comment_edit' : 'slack.survey.comment_add'), { value: encodeAction({ a: 'nps', s: view.id, v: view.myScore }) });
  const blocks = [section(ctx.t('slack.survey.answered', { score: view.myScore, closes: view.closesText }), { accessory: commentButton })];
  if (p.comment) blocks.push(context([ctx.t('slack.survey.your_comment', { comment: esc(clip(p.comment, 1500)) })]));
  return blocks;
}

/**
 * An NPS survey card for one person: the question and a 0–10 scale. After a click the
 * same message shows the chosen score and still lets the person change it (or add a
 * comment) until the survey closes; once closed, only the answer is left.
 */
export function renderSurveyCard(ctx: CardContext, p: SurveyCardProps): SlackMessage {
  const { view } = p;
  const meta = ctx.t('slack.survey.meta', { project: esc(view.projectName), kind: ctx.t(`survey.kind.${view.kind}`), closes: view.closesText });
  const blocks: SlackBlock[] = [header(ctx.t(p.reminder ? 'slack.survey.reminder_title' : 'slack.survey.title')), section(`*${esc(clip(view.question, 300))}*`), context([meta])];
  if (view.status === 'closed') {
    blocks.push(section(view.myScore === null ? ctx.t('slack.survey.closed') : ctx.t('slack.survey.closed_answer', { score: view.myScore })));
  } else {
    if (p.reminder && view.myScore === null) blocks.push(section(ctx.t('slack.survey.reminder')));
    blocks.push(scale(view), context([ctx.t('slack.survey.scale')]), ...answerBlocks(ctx, p));
  }
  return { text: view.question, blocks };
}
