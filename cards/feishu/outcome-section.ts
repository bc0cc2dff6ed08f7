/**
 * The part every outcome card shares: facts, description, metrics table and charts,
 * evidence, SMART badges and the review trail. Long parts are trimmed by level so a
 * card always fits Feishu's 30 KB (see limits.ts `fitCard`).
 */
import { statusLine } from '../forecast-text.ts';
import { SMART_CRITERIA, type CardContext, type EvidenceView, type MetricView, type OutcomeView } from '../view.ts';
import { metricChart } from './chart.ts';
import { clip, div, escapeMd, link, md, mention, type Json } from './kit.ts';

/** How much of the long parts to show. */
export interface Trim {
  description: number;
  evidence: number;
  charts: boolean;
}

/** Trim levels, from everything to the bare minimum; renderers try them in order. */
export const TRIMS: readonly Trim[] = [
  { description: 1000, evidence: 50, charts: true },
  { description: 500, evidence: 20, charts: true },
  { description: 200, evidence: 8, charts: false },
  { description: 80, evidence: 3, charts: false },
];

/** Project, indicator class, due date, people and round, as one markdown block. */
export function outcomeFacts(o: OutcomeView, ctx: CardContext): Json {
  const { t } = ctx;
  const lines = [
    `**${t('card.project')}**: ${o.project ? escapeMd(o.project.name) : '—'}`,
    `**${t('card.indicator_class')}**: ${o.indicatorClass ? t(`indicator.${o.indicatorClass}`) : '—'}`,
    `**${t('card.due_date')}**: ${o.dueText ?? '—'}`,
    `**${t('card.submitter')}**: ${mention(o.submitter)}${o.owner && o.owner.address !== o.submitter.address ? ` · **${t('card.owner')}**: ${mention(o.owner)}` : ''}`,
    `**${t('card.status')}**: ${t(`status.${o.status}`)} · ${t('card.round', { round: o.round })}`,
  ];
  return md(lines.join('\n'));
}

function changeText(m: MetricView, ctx: CardContext): string {
  if (m.actual === null) return ctx.t('card.no_actual');
  if (m.changePct !== null) return ctx.pct(m.changePct);
  // Baseline 0: a percentage is undefined, so show the absolute change (design.md §2).
  const diff = m.actual - m.baseline;
  return `${diff > 0 ? '+' : ''}${ctx.num(diff)} ${m.unit}`;
}

/** Baseline → target → actual with change %, as a table. */
export function metricsTable(metrics: MetricView[], ctx: CardContext): Json {
  const { t } = ctx;
  const col = (name: string, label: string) => ({ name, display_name: label, data_type: 'text', width: 'auto' });
  // The forecast column only where the surface loaded forecasts.
  const withForecast = metrics.some((m) => m.forecast);
  return {
    tag: 'table',
    page_size: 5,
    row_height: 'low',
    header_style: { bold: true, background_style: 'grey' },
    columns: [col('metric', t('card.metric')), col('baseline', t('card.baseline')), col('target', t('card.target')), col('actual', t('card.actual')), col('change', t('card.change')), ...(withForecast ? [col('forecast', t('forecast.label'))] : [])],
    rows: metrics.map((m) => ({
      metric: `${m.name} (${m.unit})`,
      baseline: ctx.num(m.baseline),
      target: `${ctx.num(m.target)} (${ctx.pct(m.targetChangePct)})`,
      actual: m.actual === null ? '—' : ctx.num(m.actual),
      change: changeText(m, ctx),
      ...(withForecast ? { forecast: m.forecast ? statusLine(ctx, m.forecast, m.unit, (x) => x) : '—' } : {}),
    })),
  };
}

function evidenceLabel(e: EvidenceView, ctx: CardContext): string {
  if (e.title) return e.title;
  if (e.kind === 'image') return ctx.t('feishu.evidence.image');
  if (e.kind === 'link' && e.url) return e.url;
  return ctx.t('feishu.evidence.file');
}

/** The evidence list (at most `max` items, the rest counted). */
export function evidenceBlock(items: EvidenceView[], ctx: CardContext, max: number): Json {
  const { t } = ctx;
  if (items.length === 0) return md(`**${t('card.evidence')}**: ${t('card.no_evidence')}`);
  const shown = items.slice(0, max).map((e) => `- ${link(clip(evidenceLabel(e, ctx), 80), e.url)}`);
  const more = items.length > max ? [t('feishu.evidence.more', { count: items.length - max })] : [];
  return md([`**${t('card.evidence')}**`, ...shown, ...more].join('\n'));
}

/** One badge per SMART criterion. */
export function smartBadges(o: OutcomeView, ctx: CardContext): Json {
  const badges = SMART_CRITERIA.map(([k, key]) => `${o.smart[k] ? '✅' : '⚠️'} ${ctx.t(key)}`);
  return md(`**${ctx.t('card.smart')}**: ${badges.join(' · ')}`);
}

/** Earlier decisions with who, what, when and the comment. */
export function reviewTrail(o: OutcomeView, ctx: CardContext): Json | null {
  if (o.reviews.length === 0) return null;
  const { t } = ctx;
  const lines = o.reviews.map((r) => {
    const comment = r.comment ? `: ${escapeMd(clip(r.comment, 300))}` : '';
    return `- ${t(`stage.${r.stage}`)} · ${t('card.decided', { decision: t(`decision.${r.decision}`), name: mention(r.reviewer), time: r.decidedAtText })}${comment}`;
  });
  return md([`**${t('card.review_trail')}**`, ...lines].join('\n'));
}

/** Everything about the outcome, trimmed to `trim`. */
export function outcomeSection(o: OutcomeView, ctx: CardContext, trim: Trim): Json[] {
  const trail = reviewTrail(o, ctx);
  return [
    outcomeFacts(o, ctx),
    ...(o.description ? [div(clip(o.description, trim.description))] : []),
    md(`**${ctx.t('card.metrics')}**`),
    metricsTable(o.metrics, ctx),
    ...(trim.charts ? o.metrics.map((m) => metricChart(m, ctx)) : []),
    evidenceBlock(o.evidence, ctx, trim.evidence),
    smartBadges(o, ctx),
    ...(trail ? [trail] : []),
  ];
}
