import type { CardContext } from '../view.ts';
import { clip, context, esc, header, section, type SlackMessage } from './blocks.ts';

/** `/outcome list`: the member's outcomes with their status (newest first). */
export function renderList(ctx: CardContext, items: { id: string; title: string; status: string; projectName: string | null; updatedText: string }[]): SlackMessage {
  if (!items.length) return { text: ctx.t('card.list.empty'), blocks: [section(ctx.t('card.list.empty'))] };
  return {
    text: ctx.t('card.list.title'),
    blocks: [
      header(ctx.t('card.list.title')),
      ...items.slice(0, 40).map((o) =>
        section(`*<${ctx.publicUrl}/app/outcomes/${o.id}|${esc(clip(o.title, 150))}>*\n${ctx.t(`status.${o.status}`)}${o.projectName ? ` · ${esc(o.projectName)}` : ''} · ${o.updatedText}`),
      ),
      context([`<${ctx.publicUrl}/app|${esc(ctx.t('card.open_dashboard'))}>`]),
    ],
  };
}

/** `/outcome help` (and anything unknown): what the member and the admin can type. */
export function renderHelp(ctx: CardContext, opts: { unknown?: string } = {}): SlackMessage {
  const lines = [ctx.t('slack.help.body')];
  if (opts.unknown) lines.unshift(ctx.t('slack.help.unknown', { text: esc(clip(opts.unknown, 100)) }));
  return { text: lines.join('\n\n'), blocks: [section(lines.join('\n\n')), context([ctx.t('slack.help.pmo')]), context([ctx.t('slack.help.admin')])] };
}

/** A short ephemeral answer (confirmations, refusals, errors). */
export function renderNote(text: string): SlackMessage {
  return { text, blocks: [section(text)] };
}
