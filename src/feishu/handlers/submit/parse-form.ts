import { calendarDate } from '../../../domain/calendar-date.ts';
import { FORM_FIELDS, GENERAL, METRIC_SLOTS, metricField, type FormError } from '../../../../cards/feishu/form-card.ts';
import type { FieldError } from '../../../domain/errors.ts';
import { parseDecimal } from '../../../domain/metrics.ts';
import type { Direction, IndicatorClass, MetricInput, OutcomeDraft } from '../../../domain/types.ts';

/**
 * Reads a submitted form (`action.form_value`, platform-facts §2.2: strings, dates as
 * `2024-04-01 +0800`, people as open_ids) into a draft. It only converts; the SMART
 * check (src/domain/smart.ts) judges. What cannot be converted is reported on its field.
 */
export interface ParsedForm {
  /** The member's values by element name, to show again with the errors. */
  values: Record<string, string>;
  errors: FormError[];
  draft: Omit<OutcomeDraft, 'projectId' | 'ownerId'>;
  /** draft.metrics[i] was typed into slot metricSlots[i]. */
  metricSlots: number[];
  /** A new project goes live on the outcome's one go-live date. */
  project: { kind: 'existing'; id: string } | { kind: 'new'; name: string; goLive: Date | null } | null;
  reviewerOpenId: string | null;
}

type FormValue = Record<string, unknown>;

/** A form value as trimmed text (selects may arrive as one-element arrays); anything else is empty. */
export const formText = (v: unknown): string => (typeof v === 'string' ? v.trim() : Array.isArray(v) && typeof v[0] === 'string' ? v[0].trim() : '');
const str = formText;

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:\s+([+-])(\d{2}):?(\d{2}))?$/;

/**
 * `2024-04-01 +0800` (the picker adds the member's offset) → the calendar date 2024-04-01
 * (src/domain/calendar-date.ts): the day picked, not midnight at that offset. NaN date when malformed.
 */
export function parseFormDay(value: string): Date {
  return DATE.test(value) ? calendarDate(value) : new Date(Number.NaN);
}

function metricsOf(fv: FormValue, values: Record<string, string>) {
  const metrics: MetricInput[] = [];
  const slots: number[] = [];
  for (let slot = 0; slot < METRIC_SLOTS; slot++) {
    const get = (part: Parameters<typeof metricField>[1]) => (values[metricField(slot, part)] = str(fv[metricField(slot, part)]));
    const [name, unit, direction, baseline, target, actual] = [get('name'), get('unit'), get('direction'), get('baseline'), get('target'), get('actual')];
    // A slot counts once anything but the direction select is filled in.
    if (!name && !unit && !baseline && !target && !actual) continue;
    // The domain's reading of a typed number: "" → null; "12,5" or "12 min" → NaN, which the SMART check names on its field.
    metrics.push({ name, unit, direction: direction as Direction, baseline: parseDecimal(baseline), target: parseDecimal(target), actual: parseDecimal(actual) });
    slots.push(slot);
  }
  return { metrics, slots };
}

/** Converts `form_value` for a member in `timeZone`. */
export function parseForm(formValue: unknown, timeZone: string): ParsedForm {
  const fv: FormValue = formValue && typeof formValue === 'object' && !Array.isArray(formValue) ? (formValue as FormValue) : {};
  const values: Record<string, string> = {};
  const errors: FormError[] = [];
  const get = (name: string) => (values[name] = str(fv[name]));
  const dateOf = (name: string): Date | null => {
    const raw = get(name);
    if (!raw) return null;
    // The day the person picked, whatever offset the picker added: a calendar date, not an instant.
    const d = parseFormDay(raw);
    values[name] = raw.slice(0, 10);
    return d;
  };

  const [title, description, indicator, projectId, projectNew, reviewer] = [get(FORM_FIELDS.title), get(FORM_FIELDS.description), get(FORM_FIELDS.indicator), get(FORM_FIELDS.project), get(FORM_FIELDS.projectNew), get(FORM_FIELDS.reviewer)];
  const due = dateOf(FORM_FIELDS.due);
  const keyResult = get(FORM_FIELDS.keyResult);
  // A new name typed while a project is selected (the edit form always has one) would move
  // the outcome and its review date: only on an explicit confirmation, never silently.
  const confirmed = fv[FORM_FIELDS.projectConfirm] === true || fv[FORM_FIELDS.projectConfirm] === 'true';
  if (projectNew && projectId && !confirmed) errors.push({ name: FORM_FIELDS.projectConfirm, key: 'feishu.form.project_confirm', params: { name: projectNew } });
  const { metrics, slots } = metricsOf(fv, values);
  const links = get(FORM_FIELDS.evidence).split(/\s+/).filter(Boolean);

  return {
    values,
    errors,
    draft: {
      title,
      description,
      indicatorClass: indicator ? (indicator as IndicatorClass) : null,
      dueDate: due,
      keyResultId: keyResult || null,
      metrics,
      evidence: links.map((ref) => ({ kind: 'link' as const, ref })),
    },
    metricSlots: slots,
    project: projectNew ? { kind: 'new', name: projectNew, goLive: due } : projectId ? { kind: 'existing', id: projectId } : null,
    reviewerOpenId: reviewer || null,
  };
}

const DIRECT: Record<string, string> = {
  title: FORM_FIELDS.title,
  description: FORM_FIELDS.description,
  indicatorClass: FORM_FIELDS.indicator,
  projectId: FORM_FIELDS.projectNew,
  dueDate: FORM_FIELDS.due,
  metrics: 'metrics',
  reviewerId: FORM_FIELDS.reviewer,
};

/** Puts the domain's field problems (`metrics.0.baseline`) next to the form's elements (`m0_baseline`). */
export function toFormErrors(fields: FieldError[], metricSlots: number[]): FormError[] {
  return fields.map((f) => {
    const metric = /^metrics\.(\d+)\.(\w+)$/.exec(f.field);
    const slot = metric ? metricSlots[Number(metric[1])] : undefined;
    const name = metric && slot !== undefined ? metricField(slot, metric[2] as Parameters<typeof metricField>[1]) : f.field.startsWith('evidence.') ? FORM_FIELDS.evidence : (DIRECT[f.field] ?? GENERAL);
    return { name, key: f.key, ...(f.params ? { params: f.params } : {}) };
  });
}
