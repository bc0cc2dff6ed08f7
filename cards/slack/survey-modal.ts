import type { CardContext, SurveyQuestionView, SurveyView } from '../view.ts';
import { clip, esc, modal, option, section, type SlackBlock } from './blocks.ts';
import { input } from './submit-modal.ts';

/** callback_id of the "start a survey" modal. */
export const SURVEY_CALLBACK = 'nps_start';
/** callback_id of the survey comment modal. */
export const SURVEY_COMMENT_CALLBACK = 'nps_comment_modal';

/** Block ids of the survey modal's inputs; the parser and the error mapping use the same names. */
export const SURVEY_BLOCKS = {
  project: 'project',
  outcome: 'outcome',
  question: 'question',
  people: 'people',
  channels: 'channels',
  closes: 'closes',
  kind: 'kind',
  comment: 'comment',
  preset: 'preset',
  custom: 'custom',
  anonymous: 'anonymous',
  pulseEvery: 'pulse_every',
  pulseUntil: 'pulse_until',
} as const;

/** callback_id of the questionnaire answer modal; its blocks are `q0`…`q4`. */
export const SURVEY_ANSWER_CALLBACK = 'survey_answer_modal';
export const answerBlock = (i: number) => `q${i}`;
/** The value of the anonymous checkbox. */
export const ANONYMOUS_VALUE = 'anonymous';
/** The start modal's question presets, in the order offered. */
export const PRESETS = ['nps', 'fit', 'satisfaction', 'custom'] as const;

export interface SurveyModalProps {
  projects: { id: string; name: string }[];
  /** Outcomes the survey may be about (optional), labelled with their project. */
  outcomes: { id: string; title: string; projectName: string | null }[];
  /** Suggested closing time, Unix seconds. */
  closesAt: number;
}

const staticSelect = (options: { text: string; value: string }[]): SlackBlock => ({ type: 'static_select', options: options.slice(0, 100).map((o) => option(o.text, o.value)) });

/**
 * The modal behind `/outcome nps`: project (and optionally an outcome), the question, the
 * audience (people and/or channel members), the closing time and the survey type.
 */
export function renderSurveyModal(ctx: CardContext, p: SurveyModalProps): SlackBlock {
  const kinds = (['baseline', 'follow_up'] as const).map((k) => option(ctx.t(`survey.kind.${k}`), k));
  const blocks: SlackBlock[] = [input(SURVEY_BLOCKS.project, ctx.t('card.project'), staticSelect(p.projects.map((x) => ({ text: x.name, value: x.id }))))];
  if (p.outcomes.length)
    blocks.push(input(SURVEY_BLOCKS.outcome, ctx.t('slack.survey.outcome_label'), staticSelect(p.outcomes.map((o) => ({ text: o.projectName ? `${o.title} · ${o.projectName}` : o.title, value: o.id }))), { optional: true }));
  blocks.push(
    input(SURVEY_BLOCKS.question, ctx.t('slack.survey.question_label'), { type: 'plain_text_input', max_length: 300 }, { optional: true, hint: ctx.t('slack.survey.question_hint') }),
    input(SURVEY_BLOCKS.people, ctx.t('slack.survey.people_label'), { type: 'multi_users_select' }, { optional: true }),
    input(SURVEY_BLOCKS.channels, ctx.t('slack.survey.channels_label'), { type: 'multi_conversations_select', filter: { include: ['public', 'private'], exclude_bot_users: true } }, { optional: true, hint: ctx.t('slack.survey.audience_hint') }),
    input(SURVEY_BLOCKS.closes, ctx.t('slack.survey.closes_label'), { type: 'datetimepicker', initial_date_time: p.closesAt }),
    input(SURVEY_BLOCKS.kind, ctx.t('slack.survey.kind_label'), { type: 'radio_buttons', options: kinds }),
    ...questionBlocks(ctx),
  );
  return modal({ callbackId: SURVEY_CALLBACK, title: ctx.t('slack.survey.modal_title'), submit: ctx.t('slack.survey.send'), close: ctx.t('slack.modal.cancel'), blocks });
}

/** The start modal's questions (a preset or custom lines), anonymity and pulse. */
function questionBlocks(ctx: CardContext): SlackBlock[] {
  const presets = PRESETS.map((k) => option(ctx.t(`survey.preset.${k}`), k));
  return [
    input(SURVEY_BLOCKS.preset, ctx.t('survey.questions_label'), { type: 'static_select', options: presets, initial_option: presets[0] }),
    input(SURVEY_BLOCKS.custom, ctx.t('survey.custom_label'), { type: 'plain_text_input', multiline: true, max_length: 2000 }, { optional: true, hint: ctx.t('survey.custom_hint') }),
    input(SURVEY_BLOCKS.anonymous, ctx.t('survey.anonymous_label'), { type: 'checkboxes', options: [option(ctx.t('survey.anonymous_option'), ANONYMOUS_VALUE)] }, { optional: true }),
    input(SURVEY_BLOCKS.pulseEvery, ctx.t('survey.pulse_every_label'), { type: 'number_input', is_decimal_allowed: false, min_value: '1', max_value: '90' }, { optional: true, hint: ctx.t('survey.pulse_hint') }),
    input(SURVEY_BLOCKS.pulseUntil, ctx.t('survey.pulse_until_label'), { type: 'datepicker' }, { optional: true }),
  ];
}

/** One question of the answer modal: a select 0–10 (NPS has 11 points, radio buttons take 10), radio buttons 1–5 or options, or text. */
function answerInput(ctx: CardContext, q: SurveyQuestionView, i: number): SlackBlock {
  const label = `${i + 1}. ${clip(q.text, 140)}`;
  if (q.type === 'text') return input(answerBlock(i), label, { type: 'plain_text_input', multiline: true, max_length: 2000 }, { optional: true });
  if (q.type === 'choice') return input(answerBlock(i), label, { type: 'radio_buttons', options: q.choices.map((c, k) => option(c, String(k))) });
  if (q.type === 'rating') return input(answerBlock(i), label, { type: 'radio_buttons', options: [1, 2, 3, 4, 5].map((n) => option(String(n), String(n))) }, { hint: ctx.t('survey.rating_anchors') });
  return input(answerBlock(i), label, { type: 'static_select', placeholder: { type: 'plain_text', text: ctx.t('survey.pick') }, options: Array.from({ length: 11 }, (_, n) => option(String(n), String(n))) }, { hint: ctx.t('survey.nps_anchors') });
}

/** The questionnaire answer modal; `privateMetadata` names the survey. */
export function renderSurveyAnswerModal(ctx: CardContext, p: { view: SurveyView; privateMetadata: string }): SlackBlock {
  const intro: SlackBlock[] = [section(`*${esc(clip(p.view.projectName, 150))}*`), ...(p.view.anonymous ? [section(ctx.t('survey.anonymous_note'))] : [])];
  return modal({
    callbackId: SURVEY_ANSWER_CALLBACK,
    privateMetadata: p.privateMetadata,
    title: ctx.t('survey.form_title'),
    submit: ctx.t('survey.submit'),
    close: ctx.t('slack.modal.cancel'),
    blocks: [...intro, ...p.view.questions.map((q, i) => answerInput(ctx, q, i))],
  });
}

/** The optional comment after a score; `privateMetadata` names the survey. */
export function renderSurveyCommentModal(ctx: CardContext, p: { question: string; comment: string | null; privateMetadata: string }): SlackBlock {
  return modal({
    callbackId: SURVEY_COMMENT_CALLBACK,
    privateMetadata: p.privateMetadata,
    title: ctx.t('slack.survey.comment_title'),
    submit: ctx.t('slack.review.save'),
    close: ctx.t('slack.modal.cancel'),
    blocks: [
      section(`*${esc(clip(p.question, 300))}*`),
      input(SURVEY_BLOCKS.comment, ctx.t('slack.survey.comment_label'), { type: 'plain_text_input', multiline: true, max_length: 2000, ...(p.comment ? { initial_value: p.comment } : {}) }, { optional: true }),
    ],
  });
}
