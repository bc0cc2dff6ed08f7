/**
 * Slack's retrospective (复盘) messages: the lessons prompt and its modal, the PMO's pack
 * and the action reminder.
 */
import { encodeAction } from '../actions.ts';
import { LESSON_FIELDS, type LessonsPromptProps, type RetroActionProps, type RetroPackProps } from '../retro-view.ts';
import type { CardContext } from '../view.ts';
import { actions, button, clip, context, esc, header, modal, section, type SlackBlock, type SlackMessage } from './blocks.ts';
import { input } from './submit-modal.ts';

/** action_id of the prompt's "Write lessons" button, and callback_id of its modal. */
export const LESSON_OPEN_ACTION = 'lesson_open';
export const LESSON_CALLBACK = 'lesson_record';
/** action_id of the reminder's "Mark done" button. */
export const RETRO_DONE_ACTION = 'retro_action_done';

const open = (ctx: CardContext, url: string) => context([`<${url}|${esc(ctx.t('card.open_dashboard'))}>`]);

/** The prompt: what the outcome taught, with the button opening the form; once written, a thank-you. */
export function renderLessonsPrompt(ctx: CardContext, p: LessonsPromptProps): SlackMessage {
  const title = esc(clip(p.title, 150));
  if (p.recorded) return { text: ctx.t('retro.lessons.thanks', { title: p.title }), blocks: [section(ctx.t('retro.lessons.thanks', { title })), open(ctx, p.url)] };
  return {
    text: ctx.t('retro.lessons.ask', { title: p.title }),
    blocks: [
      header(ctx.t('retro.lessons.title')),
      section(ctx.t('retro.lessons.ask', { title })),
      actions('lesson', [button(LESSON_OPEN_ACTION, ctx.t('retro.lessons.write'), { value: encodeAction({ a: 'lesson', o: p.outcomeId }), style: 'primary' })]),
      open(ctx, p.url),
    ],
  };
}

/** The lesson form: three questions and the tags; `privateMetadata` names the outcome. */
export function renderLessonModal(ctx: CardContext, p: { title: string; privateMetadata: string }): SlackBlock {
  const text = (multiline: boolean, max: number) => ({ type: 'plain_text_input', multiline, max_length: max });
  return modal({
    callbackId: LESSON_CALLBACK,
    privateMetadata: p.privateMetadata,
    title: ctx.t('retro.lessons.modal_title'),
    submit: ctx.t('retro.lessons.save'),
    close: ctx.t('slack.modal.cancel'),
    blocks: [
      section(`*${esc(clip(p.title, 150))}*`),
      input(LESSON_FIELDS.worked, ctx.t('retro.lessons.worked'), text(true, 2000), { optional: true }),
      input(LESSON_FIELDS.didnt, ctx.t('retro.lessons.didnt'), text(true, 2000), { optional: true }),
      input(LESSON_FIELDS.repeat, ctx.t('retro.lessons.repeat'), text(true, 2000), { optional: true }),
      input(LESSON_FIELDS.tags, ctx.t('retro.lessons.tags'), text(false, 400), { optional: true, hint: ctx.t('retro.lessons.tags_hint') }),
    ],
  });
}

/** The PMO's pack: headings and lines (composed sentences; typed titles escaped), and the link to the page. */
export function renderRetroPack(ctx: CardContext, p: RetroPackProps): SlackMessage {
  const blocks: SlackBlock[] = [header(ctx.t('retro.pack.title', { period: p.period }))];
  let body: string[] = [];
  const flush = () => {
    if (body.length) blocks.push(section(clip(body.join('\n'), 2900)));
    body = [];
  };
  for (const line of p.lines) {
    if (line.startsWith('## ')) {
      flush();
      body.push(`*${esc(line.slice(3))}*`);
    } else body.push(`• ${esc(line)}`);
  }
  flush();
  blocks.push(actions('retro', [button('retro_open', ctx.t('retro.pack.open'), { url: p.url, style: 'primary' })]));
  return { text: ctx.t('retro.pack.title', { period: p.period }), blocks: blocks.slice(0, 48) };
}

/** The action reminder: what, due when, and a button to mark it done; once done, it says so. */
export function renderRetroActionReminder(ctx: CardContext, p: RetroActionProps): SlackMessage {
  const params = { title: esc(clip(p.title, 150)), due: p.dueText, days: p.overdueDays };
  if (p.done) return { text: ctx.t('retro.action.done', { title: p.title }), blocks: [section(ctx.t('retro.action.done', { title: params.title })), open(ctx, p.url)] };
  const key = p.overdueDays > 0 ? 'retro.action.overdue' : 'retro.action.due';
  return {
    text: ctx.t(key, { ...params, title: p.title }),
    blocks: [section(ctx.t(key, params)), actions('retro_action', [button(RETRO_DONE_ACTION, ctx.t('retro.action.mark_done'), { value: encodeAction({ a: 'retro_done', x: p.actionId }), style: 'primary' })]), open(ctx, p.url)],
  };
}
