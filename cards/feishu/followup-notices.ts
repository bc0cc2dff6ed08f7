/**
 * Short follow-up cards: the review receipt, the overdue notice to the manager, the
 * shortfall alert with its numbers and formula, the digest, and the "survey started"
 * card that replaces the survey form.
 */
import type { CardContext, PersonView, ShortfallView } from '../view.ts';
import { button, card, clip, escapeMd, header, md, mention, type Json } from './kit.ts';

const dashboard = (ctx: CardContext, url: string) => button({ label: ctx.t('card.open_dashboard'), url });

/** review_recorded: the owner's receipt. */
export function reviewRecordedCard(p: { title: string; alerts: number; threshold: number; url: string }, ctx: CardContext): Json {
  const { t } = ctx;
  const threshold = ctx.pct(p.threshold);
  const verdict = p.alerts ? t('feishu.review.alerts_sent', { threshold }) : t('feishu.review.on_track', { threshold });
  return card(header(t('feishu.review.recorded_title'), p.alerts ? 'orange' : 'green', clip(p.title, 100)), [
    md(`${t('feishu.recorded.body', { title: escapeMd(clip(p.title, 100)) })}\n${verdict}`),
    dashboard(ctx, p.url),
  ]);
}

/** review_escalation: the manager (or PMO) learns a review is overdue. */
export function escalationCard(p: { title: string; owner: PersonView; days: number; dueText: string; url: string }, ctx: CardContext): Json {
  const { t } = ctx;
  const body = t('feishu.escalation.body', { title: escapeMd(clip(p.title, 100)), owner: mention(p.owner), days: p.days, due: p.dueText });
  return card(header(t('feishu.escalation.title'), 'orange', clip(p.title, 100)), [md(body), dashboard(ctx, p.url)]);
}

/** One metric's line of the alert: the numbers of the formula, with units. */
function shortfallLine(m: ShortfallView, ctx: CardContext): string {
  const unit = escapeMd(clip(m.unit, 20));
  const value = (n: number) => `${ctx.num(n)} ${unit}`.trim();
  return ctx.t('alert.shortfall', {
    metric: escapeMd(clip(m.name, 80)),
    baseline: value(m.baseline),
    target: value(m.target),
    actual: value(m.actual),
    progress: ctx.pct(m.progress),
    shortfall: ctx.pct(m.shortfall),
  });
}

/** shortfall_alert: to the owner, their manager and the PMO. */
export function shortfallCard(p: { title: string; metrics: ShortfallView[]; threshold: number; url: string }, ctx: CardContext): Json {
  const { t } = ctx;
  const lines = p.metrics.slice(0, 20).map((m) => `- ${shortfallLine(m, ctx)}`);
  return card(header(t('feishu.alert.title'), 'red', clip(p.title, 100)), [
    md([t('feishu.alert.intro', { title: escapeMd(clip(p.title, 100)), threshold: ctx.pct(p.threshold) }), ...lines].join('\n')),
    md(`<font color='grey'>${t('feishu.alert.formula')}</font>`),
    dashboard(ctx, p.url),
  ]);
}

/** digest: the composed sentences (the first is the title), escaped — they quote titles and names. */
export function digestCard(p: { lines: string[]; url: string }, ctx: CardContext): Json {
  const [title = '', ...rest] = p.lines;
  return card(header(clip(title, 100), 'blue'), [md(rest.map((l) => escapeMd(clip(l, 500))).join('\n')), dashboard(ctx, p.url)]);
}

/** What replaces the survey form once the survey is sent. */
export function surveyStartedCard(p: { projectName: string; count: number; closesText: string }, ctx: CardContext): Json {
  const { t } = ctx;
  return card(header(t('feishu.nps.started_title'), 'green', clip(p.projectName, 100)), [md(t('feishu.nps.started', { count: p.count, closes: p.closesText }))]);
}
