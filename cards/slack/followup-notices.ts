import type { CardContext, PersonView, ShortfallView } from '../view.ts';
import { clip, context, esc, header, mention, section, type SlackBlock, type SlackMessage } from './blocks.ts';
import { shortfallLines } from './review-card.ts';

const link = (ctx: CardContext, url: string) => context([`<${url}|${esc(ctx.t('card.open_dashboard'))}>`]);

/** To the manager (or the PMO): the owner's follow-up review is overdue. */
export function renderReviewEscalation(ctx: CardContext, p: { title: string; owner: PersonView; days: number; dueText: string; url: string }): SlackMessage {
  const params = { title: esc(clip(p.title, 150)), owner: mention(p.owner), days: p.days, due: p.dueText };
  return { text: ctx.t('slack.review.escalation', { ...params, title: p.title, owner: p.owner.name }), blocks: [section(ctx.t('slack.review.escalation', params)), link(ctx, p.url)] };
}

/** The owner's receipt after recording a review, saying whether an alert went out. */
export function renderReviewRecorded(ctx: CardContext, p: { title: string; alerts: number; url: string }): SlackMessage {
  const lines = [ctx.t('slack.review.recorded', { title: esc(clip(p.title, 150)) })];
  if (p.alerts > 0) lines.push(ctx.t('slack.review.recorded_alerts', { n: p.alerts }));
  return { text: ctx.t('slack.review.recorded', { title: p.title }), blocks: [section(lines.join('\n')), link(ctx, p.url)] };
}

/** The deviation alert to the owner, their manager and the PMO: the numbers and the formula. */
export function renderShortfallAlert(ctx: CardContext, p: { title: string; metrics: ShortfallView[]; threshold: number; url: string }): SlackMessage {
  const intro = ctx.t('slack.alert.intro', { title: esc(clip(p.title, 150)), threshold: ctx.pct(p.threshold) });
  return {
    text: `${ctx.t('slack.alert.title')}: ${p.title}`,
    blocks: [header(ctx.t('slack.alert.title')), section(`${intro}\n${shortfallLines(ctx, p.metrics.slice(0, 20))}`), context([ctx.t('slack.alert.formula')]), link(ctx, p.url)],
  };
}

/** Lines joined into sections of at most ~2,900 characters each (Slack's cap is 3,000). */
function chunked(lines: string[]): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  let current = '';
  for (const line of lines.map((l) => clip(l, 2_900))) {
    if (current && current.length + line.length + 1 > 2_900) {
      blocks.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) blocks.push(section(current));
  return blocks;
}

/**
 * The weekly digest (and `/outcome report`): the composed sentences as plain text, the
 * first one as the title. Titles in them were typed by people, so they are escaped.
 */
export function renderDigest(lines: string[]): SlackMessage {
  const [title = '', ...rest] = lines;
  return { text: [title, ...rest].join('\n'), blocks: [header(title), ...chunked(rest.map(esc)).slice(0, 45)] };
}
