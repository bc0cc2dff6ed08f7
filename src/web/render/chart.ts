import { h, jsonScript, type Html } from './html.ts';

/** What src/web/client/charts.js draws with uPlot. */
export interface ChartSpec {
  kind: 'line' | 'bars';
  /** x values: epoch seconds when `time`, else category indexes. */
  x: number[];
  time?: boolean;
  /** Time zone the time axis is shown in. */
  tz?: string;
  /** Category labels (same length as x). */
  labels?: string[];
  series: { label: string; values: (number | null)[]; color: string; dash?: boolean }[];
  y?: { min: number; max: number };
  height?: number;
}

export const COLORS = { brand: '#3370ff', target: '#2ea121', baseline: '#8f959e', warn: '#de7802', promoter: '#2ea121', passive: '#8f959e', detractor: '#d83931' } as const;

/** A chart container plus its data block; `label` describes it for screen readers. */
export function chart(id: string, label: string, spec: ChartSpec): Html {
  return h`<div class="chart" role="img" aria-label="${label}" data-chart="${id}-data" data-testid="chart"></div>${jsonScript(`${id}-data`, spec)}`;
}
