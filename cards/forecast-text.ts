/**
 * The forecast's sentences, once for both platforms: a metric's status line (approval and
 * review cards, App Home) and the at-risk alert's lines. `esc` is the platform's escaping
 * for text people typed (metric names, titles, units).
 */
import type { AtRiskView, CardContext, ForecastView, HintView, ReadingLineView } from './view.ts';

type Escape = (s: string) => string;

/** Decimals that keep about three significant digits of a small slope (0.0714, not 0.07). */
const slopeDigits = (x: number) => (x === 0 ? 2 : Math.min(6, Math.max(2, 2 - Math.floor(Math.log10(Math.abs(x))))));

const withUnit = (ctx: CardContext, n: number | null, unit: string) => `${ctx.num(n)} ${unit}`.trim();

/** "At risk: projected 31 min at the review (2026-04-06)", or the status alone without a projection. */
export function statusLine(ctx: CardContext, f: ForecastView, unit: string, esc: Escape): string {
  const status = ctx.t(`forecast.status.${f.status}`);
  if (f.projected === null || f.reviewText === null) return f.status === 'no_data' || f.status === 'achieved' ? status : ctx.t('forecast.line_no_projection', { status });
  return ctx.t('forecast.line', { status, value: withUnit(ctx, f.projected, esc(unit)), date: f.reviewText });
}

const reading = (ctx: CardContext, r: ReadingLineView, unit: string) => ctx.t('at_risk.reading', { date: r.dateText, value: withUnit(ctx, r.value, unit), source: ctx.t(`forecast.source.${r.source}`) });

function hint(ctx: CardContext, h: HintView, unit: string): string {
  switch (h.kind) {
    case 'stalled_trend':
      return ctx.t(`at_risk.hint.${h.reason}`);
    case 'recent_drop':
      return ctx.t('at_risk.hint.recent_drop', { value: withUnit(ctx, h.value, unit), date: h.dateText, expected: withUnit(ctx, h.expected, unit) });
    case 'missing_data':
      return ctx.t('at_risk.hint.missing_data', { days: h.days, date: h.lastText, every: ctx.num(h.every) });
  }
}

/** The alert's parts: the intro, the formula, the readings it used (flagged ones named), and what to look at. */
export function atRiskLines(ctx: CardContext, v: AtRiskView, esc: Escape): { intro: string; formula: string; readings: string[]; hints: string[] } {
  const unit = esc(v.metric.unit);
  const threshold = ctx.pct(v.threshold);
  const f = v.formula;
  const formula = f
    ? ctx.t('at_risk.formula', {
        origin: f.originText,
        intercept: ctx.num(f.intercept),
        slope: ctx.t('at_risk.per_day', { slope: ctx.num(f.slopePerDay, slopeDigits(f.slopePerDay)) }),
        days: ctx.num(f.days),
        value: withUnit(ctx, f.value, unit),
        target: withUnit(ctx, v.metric.target, unit),
        baseline: withUnit(ctx, v.metric.baseline, unit),
        shortfall: ctx.pct(f.shortfall),
        threshold,
      })
    : ctx.t('at_risk.plan', { value: withUnit(ctx, v.recent[0]?.value ?? null, unit), baseline: withUnit(ctx, v.metric.baseline, unit), target: withUnit(ctx, v.metric.target, unit), threshold });
  const readings = [ctx.t('at_risk.readings', { used: v.used }), ...v.recent.map((r) => `• ${reading(ctx, r, unit)}`)];
  if (v.flagged.length) readings.push(ctx.t('at_risk.flagged', { list: v.flagged.slice(0, 10).map((r) => reading(ctx, r, unit)).join('; ') }));
  const hints = v.hints.length ? [ctx.t('at_risk.look_at'), ...v.hints.map((h) => `• ${hint(ctx, h, unit)}`)] : [];
  return { intro: ctx.t('at_risk.intro', { metric: esc(v.metric.name), title: esc(v.title), threshold, date: v.reviewText }), formula, readings, hints };
}
