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
  /** The reader answered a questionnaire (never known for an anonymous survey). */
  answered?: boolean;
}

/** action_id of a questionnaire's "Answer" button (opens the answer modal). */
export const SURVEY_ANSWER_ACTION = 'survey_answer';

/** The questions, numbered, with their type. */
export const questionList = (ctx: CardContext, view: SurveyView): string => view.questions.map((q, i) => `${i + 1}. ${esc(clip(q.text, 300))} _(${ctx.t(`survey.type.${q.type}`)})_`).join('\n');

/**
 * A questionnaire (several questions, or anonymous): the questions and an "Answer" button
 * that opens the answer modal; answered, closed or not, the card says where things stand.
 */
function renderQuestionnaireCard(ctx: CardContext, p: SurveyCardProps): SlackMessage {
  const { view } = p;
  const meta = [ctx.t('slack.survey.meta', { project: esc(view.projectName), kind: ctx.t(`survey.kind.${view.kind}`), closes: view.closesText }), ...(view.wave ? [ctx.t('survey.wave', { wave: view.wave })] : [])].join(' · ');
  const blocks: SlackBlock[] = [header(ctx.t(p.reminder ? 'slack.survey.reminder_title' : 'slack.survey.title')), section(questionList(ctx, view)), context([meta])];
  if (view.anonymous) blocks.push(context([ctx.t('survey.anonymous_note')]));
  if (view.status === 'closed') blocks.push(section(ctx.t('slack.survey.closed')));
  else if (p.answered) blocks.push(section(ctx.t('survey.answered_form')));
  else {
    if (p.reminder) blocks.push(section(ctx.t(view.anonymous ? 'survey.anonymous_reminder' : 'slack.survey.reminder')));
    blocks.push(actions(`svy:${view.id}`, [button(SURVEY_ANSWER_ACTION, ctx.t('survey.answer_button'), { value: encodeAction({ a: 'svy', s: view.id }), style: 'primary' })]));
  }
  return { text: view.question, blocks };
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
  if (view.form) return renderQuestionnaireCard(ctx, p);
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
