/**
 * The NPS invite (and its reminder): the question, then a form with an optional comment
 * and the 0–10 buttons in one wrapping column set. Every button submits the form, so the
 * comment arrives with the score; the chosen score is highlighted and can be changed
 * while the survey is open. Once closed the card says so and keeps no buttons.
 */
import { encodeAction } from '../actions.ts';
import type { CardContext, SurveyQuestionView, SurveyView } from '../view.ts';
import { button, card, clip, columns, div, escapeMd, header, md, plain, type Json } from './kit.ts';

export interface SurveyCardProps {
  survey: SurveyView;
  /** The reader's saved comment, shown again so clicking another score keeps it. */
  comment: string | null;
  /** The one reminder to people who have not answered. */
  reminder: boolean;
  /** The reader answered a questionnaire (known for a named survey, or right after answering). */
  answered?: boolean;
}

/** Name of question i's element in a questionnaire's form. */
export const answerField = (i: number) => `q${i}`;

const options = (values: { value: string; text: string }[]) => values.map((o) => ({ text: plain(clip(o.text, 80)), value: o.value }));

/** One question's element: a select (0–10, 1–5 with its anchors, or the options), or a text input. */
function questionElements(q: SurveyQuestionView, i: number, ctx: CardContext): Json[] {
  const { t } = ctx;
  const name = answerField(i);
  const label = md(`**${i + 1}. ${escapeMd(clip(q.text, 300))}**`);
  if (q.type === 'text') return [label, { tag: 'input', name, input_type: 'multiline_text', rows: 2, max_length: 2000, placeholder: plain(t('survey.text_placeholder')) }];
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => ({ value: String(from + k), text: String(from + k) }));
  const opts = q.type === 'choice' ? q.choices.map((c, k) => ({ value: String(k), text: c })) : q.type === 'rating' ? range(1, 5) : range(0, 10);
  const anchors = q.type === 'rating' ? [md(t('survey.rating_anchors'))] : q.type === 'nps' ? [md(t('survey.nps_anchors'))] : [];
  return [label, ...anchors, { tag: 'select_static', name, required: true, placeholder: plain(t('survey.pick')), options: options(opts) }];
}

/** A questionnaire's form: every question, and one submit button. */
function questionnaireForm(survey: SurveyView, ctx: CardContext): Json {
  return {
    tag: 'form',
    name: 'svy',
    elements: [...survey.questions.flatMap((q, i) => questionElements(q, i, ctx)), button({ name: 'send', label: ctx.t('survey.submit'), type: 'primary_filled', submit: true, value: encodeAction({ a: 'svy', s: survey.id }) })],
  };
}

/** A questionnaire card (several questions, or anonymous): the form, or where things stand. */
function questionnaireCard(p: SurveyCardProps, ctx: CardContext): Json {
  const { t } = ctx;
  const { survey } = p;
  const open = survey.status === 'open';
  const meta = [t('feishu.survey.meta', { kind: t(`survey.kind.${survey.kind}`), closes: survey.closesText }), ...(survey.wave ? [t('survey.wave', { wave: survey.wave })] : [])].join(' · ');
  const elements: Json[] = [md(meta), ...(survey.anonymous ? [md(t('survey.anonymous_note'))] : [])];
  if (!open) elements.push(md(t('error.survey_closed')));
  else if (p.answered) elements.push(md(t('survey.answered_form')));
  else {
    if (p.reminder) elements.push(md(`**${t(survey.anonymous ? 'survey.anonymous_reminder' : 'feishu.survey.reminder')}**`));
    elements.push(questionnaireForm(survey, ctx));
  }
  const template = !open ? 'grey' : p.answered ? 'green' : p.reminder ? 'orange' : 'blue';
  return card(header(t('feishu.survey.title', { project: clip(survey.projectName, 80) }), template), elements, clip(survey.question, 100));
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
  if (survey.form) return questionnaireCard(p, ctx);
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
