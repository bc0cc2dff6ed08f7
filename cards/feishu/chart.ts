/**
 * The `chart` component (platform-facts §2.3): a VChart spec, data only — no functions,
 * no formatters — and none of the props that break on mobile.
 */
import type { CardContext, MetricView } from '../view.ts';
import type { Json } from './kit.ts';

/** A bar chart of `values`: x and y fields, bars coloured by `seriesField`. */
function barChart(title: string, values: Json[], fields: { x: string; y: string; series: string }, legend: boolean): Json {
  return {
    tag: 'chart',
    aspect_ratio: '16:9',
    color_theme: 'brand',
    preview: true,
    chart_spec: {
      type: 'bar',
      title: { text: title },
      data: [{ id: 'values', values }],
      xField: fields.x,
      yField: fields.y,
      seriesField: fields.series,
      label: { visible: true },
      legends: legend ? { visible: true, orient: 'bottom' } : { visible: false },
    },
  };
}

/**
 * Baseline, target and actual of one metric (actual omitted until measured). One small
 * chart per metric, since metrics have different units and would mislead on one axis.
 */
export function metricChart(m: MetricView, ctx: CardContext): Json {
  const values = [
    { kind: ctx.t('card.baseline'), value: m.baseline },
    { kind: ctx.t('card.target'), value: m.target },
    ...(m.actual !== null ? [{ kind: ctx.t('card.actual'), value: m.actual }] : []),
  ];
  return barChart(`${m.name} (${m.unit})`, values, { x: 'kind', y: 'value', series: 'kind' }, false);
}

/** Answers per NPS score 0–10, coloured by group (detractors 0–6, passives 7–8, promoters 9–10). */
export function npsDistributionChart(distribution: number[], ctx: CardContext): Json {
  const group = (score: number) => ctx.t(score >= 9 ? 'nps.promoters' : score >= 7 ? 'nps.passives' : 'nps.detractors');
  const values = distribution.map((answers, score) => ({ score: String(score), answers, group: group(score) }));
  return barChart(ctx.t('feishu.results.distribution'), values, { x: 'score', y: 'answers', series: 'group' }, true);
}
