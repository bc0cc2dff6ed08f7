/**
 * The NPS invite (and its reminder): the question, then a form with an optional comment
 * and the 0–10 buttons in one wrapping column set. Every button submits the form, so the
 * comment arrives with the score; the chosen score is highlighted and can be changed
 * while the survey is open. Once closed the card says so and keeps no buttons.
 */
import { encodeAction } from '../actions.ts';
import type { CardContext, SurveyView } from '../view.ts';
import { button, card, clip, columns, div, header, md, plain, type Json } from './kit.ts';

export interface SurveyCardProps {
  survey: SurveyView;
  /** The reader's saved comment, shown again so clicking another score keeps it. */
  comment: string | null;
  /** The one reminder to people who have not answered. */
  reminder: boolean;
}

/** Names of the form fields the callback reads. */
export const SURVEY_FIELDS = { comment: 'comment' } as const;

const SCORES = Array.from({ length: 11 }, (_, v) => v);

function answerForm(p: SurveyCardProps, ctx: CardContext): Json {
  const { t } = ctx;
  const { survey } = p;
  const buttons = SCORES.map((v) => [
    button({ name: `score_${v}`, label: String(v), type: survey.myScore === v ? 'primary_filled' : 'default', submit: true, value: encodeAction({ a: 'nps', s: survey.id, v }) }),
  ]);
  return {
    tag: 'form',
    name: 'nps',
    elements: [
      md(t('feishu.survey.scale')),
      columns(buttons, { flexMode: 'flow', width: 'auto' }),
      {
        tag: 'input',
        name: SURVEY_FIELDS.comment,
        input_type: 'multiline_text',
        rows: 2,
        max_length: 1000,
        label: plain(t('feishu.survey.comment')),
        label_position: 'top',
        placeholder: plain(t('feishu.survey.comment_placeholder')),
        ...(p.comment ? { default_value: clip(p.comment, 1000) } : {}),
      },
    ],
  };
}

/** The survey card for one respondent. */
export function surveyCard(p: SurveyCardProps, ctx: CardContext): Json {
  const { t } = ctx;
  const { survey } = p;
  const open = survey.status === 'open';
  const meta = t('feishu.survey.meta', { kind: t(`survey.kind.${survey.kind}`), closes: survey.closesText });
  const elements: Json[] = [...(p.reminder && open ? [md(`**${t('feishu.survey.reminder')}**`)] : []), div(clip(survey.question, 300)), md(meta)];
  if (open) {
    if (survey.myScore !== null) elements.push(md(t('feishu.survey.your_answer', { score: survey.myScore, closes: survey.closesText })));
    elements.push(answerForm(p, ctx));
  } else {
    elements.push(md(t('error.survey_closed')));
    if (survey.myScore !== null) elements.push(md(t('feishu.survey.closed_answer', { score: survey.myScore })));
  }
  const template = !open ? 'grey' : p.reminder && survey.myScore === null ? 'orange' : 'blue';
  return card(header(t('feishu.survey.title', { project: clip(survey.projectName, 80) }), template), elements, clip(survey.question, 100));
}
