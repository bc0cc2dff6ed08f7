/**
 * Small cards the bot answers with: help, the member's list, evidence receipts and admin
 * results. Every reply is a card so it can carry both languages (see bilingual.ts).
 */
import type { CardContext } from '../view.ts';
import { button, card, clip, escapeMd, header, link, md, mention, type HeaderTemplate, type Json } from './kit.ts';

/** A text parameter: plain values are escaped; `{ at }` becomes mentions (none → "—"). */
export type LineParam = string | number | { at: string | string[] };

/** One line of a message card: a message key and its parameters. */
export interface Line {
  key: string;
  params?: Record<string, LineParam>;
}

function mentions(at: string | string[]): string {
  const list = typeof at === 'string' ? [at] : at;
  return list.length ? list.map((a) => mention({ address: a, name: a })).join(' ') : '—';
}

function render(line: Line, ctx: CardContext): string {
  const params = Object.fromEntries(
    Object.entries(line.params ?? {}).map(([k, v]) => [k, typeof v === 'object' ? mentions(v.at) : typeof v === 'string' ? escapeMd(v) : v]),
  );
  return ctx.t(line.key, params);
}

export interface MessageCardProps {
  title: Line;
  template: HeaderTemplate;
  lines: Line[];
}

/** A titled card of text lines. */
export function messageCard(p: MessageCardProps, ctx: CardContext): Json {
  return card(header(render(p.title, ctx), p.template), [md(p.lines.map((l) => render(l, ctx)).join('\n'))]);
}

/** Help: what the member can type, and the menu. `unknown` is what they typed, if it was not understood. */
export function helpCard(p: { unknown: string | null }, ctx: CardContext): Json {
  const { t } = ctx;
  const intro = p.unknown ? [md(t('feishu.help.unknown', { text: escapeMd(clip(p.unknown, 60)) }))] : [];
  return card(header(t('feishu.help.title'), 'blue'), [...intro, md(t('feishu.help.body'))]);
}

export interface ListItem {
  title: string;
  status: string;
  projectName: string | null;
  url: string;
}

function section(title: string, empty: string, items: ListItem[], ctx: CardContext): Json {
  const lines = items.map((i) => `- ${link(clip(i.title, 80), i.url)} · ${ctx.t(`status.${i.status}`)}${i.projectName ? ` · ${escapeMd(clip(i.projectName, 40))}` : ''}`);
  return md([`**${title}**`, ...(lines.length ? lines : [empty])].join('\n'));
}

/** `/outcome list`: the member's outcomes and what awaits their review. */
export function listCard(p: { mine: ListItem[]; awaiting: ListItem[]; dashboardUrl: string }, ctx: CardContext): Json {
  const { t } = ctx;
  return card(header(t('feishu.list.title'), 'blue'), [
    section(t('card.list.title'), t('card.list.empty'), p.mine, ctx),
    section(t('card.awaiting.title'), t('card.awaiting.empty'), p.awaiting, ctx),
    button({ label: t('card.open_dashboard'), url: p.dashboardUrl }),
  ]);
}
