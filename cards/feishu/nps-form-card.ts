/**
 * The "start an NPS survey" form (PMO and admins): project, optional outcome, optional
 * question, the audience (people, or everyone in a group the bot is in), the closing
 * time and the kind. Like the outcome form it comes back with the values and a note
 * beside each field that needs attention; the nonce makes a double submit start one survey.
 */
import { encodeAction } from '../actions.ts';
import type { CardContext } from '../view.ts';
import { GENERAL, type FormError } from './form-card.ts';
import { button, card, clip, fieldError, header, md, plain, type Json } from './kit.ts';

/** Form element names; the callback's `form_value` is keyed by them. */
export const NPS_FIELDS = {
  project: 'project',
  outcome: 'outcome',
  question: 'question',
  people: 'people',
  chat: 'chat',
  closes: 'closes',
  kind: 'kind',
  preset: 'preset',
  custom: 'custom',
  anonymous: 'anonymous',
  pulseEvery: 'pulse_every',
  pulseUntil: 'pulse_until',
} as const;

/** The presets offered, in order, and the anonymity choice's values. */
export const NPS_PRESETS = ['nps', 'fit', 'satisfaction', 'custom'] as const;
export const ANONYMITY = { named: 'named', anonymous: 'anonymous' } as const;

export interface NpsFormProps {
  nonce: string;
  /** Current values by element name (closes as `yyyy-MM-dd HH:mm`); people separately. */
  values: Record<string, string>;
  people: string[];
  errors: FormError[];
  projects: { id: string; name: string }[];
  outcomes: { id: string; title: string }[];
  /** People the picker offers (open_ids); empty would offer only this chat's members. */
  peopleChoices: string[];
  /** Groups the bot is in. */
  chats: { id: string; name: string }[];
  reminderDays: number;
}

const notes = (p: NpsFormProps, name: string, ctx: CardContext): Json[] => p.errors.filter((e) => e.name === name).map((e) => fieldError(ctx.t(e.key, e.params)));

function select(p: NpsFormProps, ctx: CardContext, name: string, label: string, placeholder: string, options: { value: string; text: string }[]): Json[] {
  const value = p.values[name];
  return [
    md(`**${label}**`),
    {
      tag: 'select_static',
      name,
      placeholder: plain(placeholder),
      options: options.map((o) => ({ text: plain(clip(o.text, 80)), value: o.value })),
      ...(value && options.some((o) => o.value === value) ? { initial_option: value } : {}),
    },
    ...notes(p, name, ctx),
  ];
}

function audience(p: NpsFormProps, ctx: CardContext): Json[] {
  const { t } = ctx;
  const people = [...new Set([...p.people, ...p.peopleChoices])];
  return [
    md(`**${t('feishu.nps.people')}**`),
    {
      tag: 'multi_select_person',
      name: NPS_FIELDS.people,
      placeholder: plain(t('feishu.nps.people_pick')),
      options: people.map((id) => ({ value: id })),
      ...(p.people.length ? { selected_values: p.people } : {}),
    },
    ...notes(p, NPS_FIELDS.people, ctx),
    ...(p.chats.length ? select(p, ctx, NPS_FIELDS.chat, t('feishu.nps.chat'), t('feishu.nps.chat_pick'), p.chats.map((c) => ({ value: c.id, text: c.name || c.id }))) : notes(p, NPS_FIELDS.chat, ctx)),
  ];
}

const CUSTOM_SYNTAX = 'nps: … / rating: … / choice: … | a | b / text: …';

/** The questions (a preset or custom lines), anonymity and the pulse (both pulse fields empty: a one-off survey). */
function questionFields(p: NpsFormProps, ctx: CardContext): Json[] {
  const { t } = ctx;
  const text = (name: string, label: string, extra: Json) => {
    const value = p.values[name];
    return [{ tag: 'input', name, label: plain(label), label_position: 'top', ...extra, ...(value ? { default_value: value } : {}) }, ...notes(p, name, ctx)];
  };
  const until = p.values[NPS_FIELDS.pulseUntil];
  return [
    ...select(p, ctx, NPS_FIELDS.preset, t('survey.questions_label'), t('survey.pick'), NPS_PRESETS.map((k) => ({ value: k, text: t(`survey.preset.${k}`) }))),
    // The syntax is the same in every language; the long explanation is on Slack's hint and in the README.
    ...text(NPS_FIELDS.custom, t('survey.custom_label'), { input_type: 'multiline_text', rows: 3, max_length: 2000, placeholder: plain(CUSTOM_SYNTAX) }),
    ...select(p, ctx, NPS_FIELDS.anonymous, t('survey.anonymous_label'), t('survey.anonymous_no'), [
      { value: ANONYMITY.named, text: t('survey.anonymous_no') },
      { value: ANONYMITY.anonymous, text: t('survey.anonymous_option') },
    ]),
    ...text(NPS_FIELDS.pulseEvery, t('survey.pulse_every_label'), { max_length: 3, placeholder: plain('7') }),
    md(`**${t('survey.pulse_until_label')}**`),
    { tag: 'date_picker', name: NPS_FIELDS.pulseUntil, placeholder: plain(t('survey.pulse_until_label')), ...(until ? { initial_date: until } : {}) },
    ...notes(p, NPS_FIELDS.pulseUntil, ctx),
  ];
}

function fields(p: NpsFormProps, ctx: CardContext): Json[] {
  const { t } = ctx;
  const closes = p.values[NPS_FIELDS.closes];
  const question = p.values[NPS_FIELDS.question];
  const kinds = (['follow_up', 'baseline'] as const).map((k) => ({ value: k, text: t(`survey.kind.${k}`) }));
  return [
    ...notes(p, GENERAL, ctx),
    ...select(p, ctx, NPS_FIELDS.project, t('card.project'), t('feishu.form.project_pick'), p.projects.map((x) => ({ value: x.id, text: x.name }))),
    ...(p.outcomes.length ? select(p, ctx, NPS_FIELDS.outcome, t('feishu.nps.outcome'), t('feishu.nps.outcome_pick'), p.outcomes.map((o) => ({ value: o.id, text: o.title }))) : notes(p, NPS_FIELDS.outcome, ctx)),
    { tag: 'input', name: NPS_FIELDS.question, max_length: 300, label: plain(t('feishu.nps.question')), label_position: 'top', placeholder: plain(t('feishu.nps.question_placeholder')), ...(question ? { default_value: question } : {}) },
    ...notes(p, NPS_FIELDS.question, ctx),
    ...audience(p, ctx),
    md(`**${t('feishu.nps.closes')}**`),
    { tag: 'picker_datetime', name: NPS_FIELDS.closes, placeholder: plain(t('feishu.nps.closes')), ...(closes ? { initial_datetime: closes } : {}) },
    ...notes(p, NPS_FIELDS.closes, ctx),
    ...select(p, ctx, NPS_FIELDS.kind, t('feishu.nps.kind'), t('feishu.nps.kind'), kinds),
    ...questionFields(p, ctx),
    button({ name: 'send', label: t('feishu.nps.submit'), type: 'primary_filled', submit: true, value: encodeAction({ a: 'nps_start', n: p.nonce }) }),
  ];
}

/** The survey form, or — without any project to ask about — what to do first. */
export function npsFormCard(p: NpsFormProps, ctx: CardContext): Json {
  const { t } = ctx;
  const hasErrors = p.errors.length > 0;
  const head = header(t('feishu.nps.form_title'), hasErrors ? 'orange' : 'blue', hasErrors ? t('error.validation_failed') : undefined);
  if (p.projects.length === 0) return card(head, [md(t('feishu.nps.no_projects'))]);
  return card(head, [md(t('feishu.nps.form_intro', { days: p.reminderDays })), { tag: 'form', name: 'nps_form', elements: fields(p, ctx) }]);
}
