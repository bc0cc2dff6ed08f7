/**
 * Feishu's retrospective (复盘) cards: the lessons prompt with its form inside (Feishu has
 * no modals from a card), the PMO's pack and the action reminder.
 */
import { encodeAction } from '../actions.ts';
import { LESSON_FIELDS, type LessonsPromptProps, type RetroActionProps, type RetroPackProps } from '../retro-view.ts';
import type { CardContext } from '../view.ts';
import { GENERAL, type FormError } from './form-card.ts';
import { button, card, clip, escapeMd, fieldError, header, md, plain, type Json } from './kit.ts';

const dashboard = (ctx: CardContext, url: string) => button({ label: ctx.t('card.open_dashboard'), url });

/** What the prompt's form shows again after a problem: the typed values and a note per field. */
export interface LessonFormState {
  values: Partial<Record<string, string>>;
  errors: FormError[];
}

function lessonForm(p: LessonsPromptProps, state: LessonFormState, ctx: CardContext): Json {
  const { t } = ctx;
  const notes = (name: string) => state.errors.filter((e) => e.name === name).map((e) => fieldError(t(e.key, e.params)));
  const field = (name: string, label: string, extra: Json) => [
    { tag: 'input', name, label: plain(label), label_position: 'top', ...(state.values[name] ? { default_value: state.values[name] } : {}), ...extra },
    ...notes(name),
  ];
  const long = { input_type: 'multiline_text', rows: 2, max_length: 1000 };
  return {
    tag: 'form',
    name: 'lesson',
    elements: [
      ...field(LESSON_FIELDS.worked, t('retro.lessons.worked'), long),
      ...field(LESSON_FIELDS.didnt, t('retro.lessons.didnt'), long),
      ...field(LESSON_FIELDS.repeat, t('retro.lessons.repeat'), long),
      ...field(LESSON_FIELDS.tags, t('retro.lessons.tags'), { max_length: 400, placeholder: plain(t('retro.lessons.tags_hint')) }),
      button({ name: 'save_lesson', label: t('retro.lessons.save'), type: 'primary_filled', submit: true, value: encodeAction({ a: 'lesson', o: p.outcomeId }) }),
    ],
  };
}

/** The prompt: the question and the form; once this reader wrote a lesson, a thank-you instead. */
export function lessonsPromptCard(p: LessonsPromptProps, ctx: CardContext, state: LessonFormState = { values: {}, errors: [] }): Json {
  const { t } = ctx;
  const title = escapeMd(clip(p.title, 100));
  if (p.recorded) return card(header(t('retro.lessons.title'), 'green', clip(p.title, 100)), [md(t('retro.lessons.thanks', { title })), dashboard(ctx, p.url)], p.title);
  return card(header(t('retro.lessons.title'), 'turquoise', clip(p.title, 100)), [md(t('retro.lessons.ask', { title })), ...state.errors.filter((e) => e.name === GENERAL).map((e) => fieldError(t(e.key, e.params))), lessonForm(p, state, ctx), dashboard(ctx, p.url)], p.title);
}

/** The PMO's pack: headings and lines (composed; typed titles escaped) and the link to the retrospective page. */
export function retroPackCard(p: RetroPackProps, ctx: CardContext): Json {
  const chunks: string[] = [];
  for (const line of p.lines) chunks.push(line.startsWith('## ') ? `\n**${escapeMd(line.slice(3))}**` : `- ${escapeMd(line)}`);
  const title = ctx.t('retro.pack.title', { period: p.period });
  return card(header(title, 'blue'), [md(clip(chunks.join('\n').trim(), 8000)), button({ label: ctx.t('retro.pack.open'), type: 'primary', url: p.url })], title);
}

/** The action reminder: what, due when, and "Mark done"; once done, it says so. */
export function retroActionCard(p: RetroActionProps, ctx: CardContext): Json {
  const { t } = ctx;
  const title = escapeMd(clip(p.title, 100));
  if (p.done) return card(header(t('retro.action.title'), 'green', clip(p.title, 100)), [md(t('retro.action.done', { title })), dashboard(ctx, p.url)], p.title);
  const body = t(p.overdueDays > 0 ? 'retro.action.overdue' : 'retro.action.due', { title, due: p.dueText, days: p.overdueDays });
  return card(header(t('retro.action.title'), p.overdueDays > 0 ? 'orange' : 'blue', clip(p.title, 100)), [
    md(body),
    button({ label: t('retro.action.mark_done'), type: 'primary', value: encodeAction({ a: 'retro_done', x: p.actionId }) }),
    dashboard(ctx, p.url),
  ], p.title);
}
