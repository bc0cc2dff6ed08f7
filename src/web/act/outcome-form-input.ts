import type { OutcomeView } from '../../../cards/view.ts';
import type { FieldError } from '../../domain/errors.ts';
import { parseDecimal } from '../../domain/metrics.ts';
import type { IndicatorClass, MetricInput } from '../../domain/types.ts';
import type { OutcomeInput } from './act-verbs.ts';
import { one } from './form-bits.ts';

/** Metric rows and evidence-link inputs the web form offers (the domain allows up to 5 metrics). */
export const METRIC_ROWS = 3;
export const LINK_INPUTS = 3;
const METRIC_FIELDS = ['template', 'name', 'unit', 'direction', 'baseline', 'target'] as const;

/** The form as typed, field name → text (shown again as typed when something is refused). */
export type OutcomeForm = Record<string, string>;

/** What the form's inputs hold, read from a posted body. */
export function formOf(body: Record<string, unknown>): OutcomeForm {
  const names = ['title', 'description', 'indicatorClass', 'projectId', 'reviewerId', 'dueDate', 'nonce'];
  for (let r = 0; r < METRIC_ROWS; r++) for (const f of METRIC_FIELDS) names.push(`metrics.${r}.${f}`);
  for (let i = 0; i < LINK_INPUTS; i++) names.push(`links.${i}`);
  return Object.fromEntries(names.map((n) => [n, one(body[n])]));
}

/** The form filled from a stored outcome (editing after "request changes"). */
export function formFromView(v: OutcomeView, dueDay: string | null, reviewerId: string | null, templateKeys: readonly (string | null)[] = []): OutcomeForm {
  const form: OutcomeForm = { title: v.title, description: v.description, indicatorClass: v.indicatorClass ?? '', projectId: v.project?.id ?? '', reviewerId: reviewerId ?? '', dueDate: dueDay ?? '' };
  v.metrics.slice(0, METRIC_ROWS).forEach((m, r) => Object.assign(form, { [`metrics.${r}.name`]: m.name, [`metrics.${r}.unit`]: m.unit, [`metrics.${r}.direction`]: m.direction, [`metrics.${r}.baseline`]: String(m.baseline), [`metrics.${r}.target`]: String(m.target), [`metrics.${r}.template`]: templateKeys[r] ?? '' }));
  v.evidence.filter((e) => e.kind === 'link' && e.url).slice(0, LINK_INPUTS).forEach((e, i) => (form[`links.${i}`] = e.url!));
  return form;
}

/**
 * The outcome the form describes, and where each metric and link came from: a metric row
 * counts when it is the first or anything is typed in it; empty link inputs are skipped.
 */
export function inputOf(form: OutcomeForm): { input: OutcomeInput; metricRows: number[]; linkInputs: number[] } {
  const metrics: MetricInput[] = [];
  const metricRows: number[] = [];
  for (let r = 0; r < METRIC_ROWS; r++) {
    const f = (k: string) => form[`metrics.${r}.${k}`] ?? '';
    if (r > 0 && !f('name') && !f('unit') && !f('baseline') && !f('target')) continue;
    metrics.push({ name: f('name'), unit: f('unit'), direction: (f('direction') || 'increase') as MetricInput['direction'], baseline: parseDecimal(f('baseline')), target: parseDecimal(f('target')), templateKey: f('template') || null });
    metricRows.push(r);
  }
  const links: string[] = [];
  const linkInputs: number[] = [];
  for (let i = 0; i < LINK_INPUTS; i++) {
    const url = form[`links.${i}`];
    if (url) links.push(url), linkInputs.push(i);
  }
  const input: OutcomeInput = {
    title: form.title ?? '',
    description: form.description ?? '',
    indicatorClass: (form.indicatorClass || null) as IndicatorClass | null,
    projectId: form.projectId || null,
    reviewerId: form.reviewerId || null,
    dueDate: form.dueDate || null,
    metrics,
    links,
  };
  return { input, metricRows, linkInputs };
}

/** The verb's field names on the form's inputs: `metrics.1.target` of the 2nd counted row, `evidence.0.ref` of a link. */
export function onForm(fields: readonly FieldError[], metricRows: number[], linkInputs: number[]): FieldError[] {
  return fields.map((f) => {
    const m = /^metrics\.(\d+)\.(.+)$/.exec(f.field);
    if (m) return { ...f, field: `metrics.${metricRows[Number(m[1])] ?? 0}.${m[2]}` };
    const e = /^evidence\.(\d+)\.ref$/.exec(f.field);
    if (e) return { ...f, field: `links.${linkInputs[Number(e[1])] ?? 0}` };
    return f;
  });
}
