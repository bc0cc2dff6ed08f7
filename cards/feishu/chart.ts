/**
 * The `chart` component (platform-facts §2.3): a VChart spec, data only — no functions,
 * no formatters — and none of the props that break on mobile. One small bar chart per
 * metric, since metrics have different units and would mislead on one axis.
 */
import type { CardContext, MetricView } from '../view.ts';
import type { Json } from './kit.ts';

/** Baseline, target and actual of one metric as a bar chart (actual omitted until measured). */
export function metricChart(m: MetricView, ctx: CardContext): Json {
  const values = [
    { kind: ctx.t('card.baseline'), value: m.baseline },
    { kind: ctx.t('card.target'), value: m.target },
    ...(m.actual !== null ? [{ kind: ctx.t('card.actual'), value: m.actual }] : []),
  ];
  return {
    tag: 'chart',
    aspect_ratio: '16:9',
    color_theme: 'brand',
    preview: true,
    chart_spec: {
      type: 'bar',
      title: { text: `${m.name} (${m.unit})` },
      data: [{ id: 'values', values }],
      xField: 'kind',
      yField: 'value',
      seriesField: 'kind',
      label: { visible: true },
      legends: { visible: false },
    },
  };
}
