/**
 * SMART check on submit (Doran 1981: Specific, Measurable, Assignable, Realistic, Time-related).
 * Returns every problem at once, at most one per field, so the form can mark each field
 * instead of making the member fix and resubmit one error at a time.
 */
import type { FieldError } from './errors.ts';
import { directionOk } from './metrics.ts';
import { INDICATOR_CLASSES, type EvidenceInput, type IndicatorClass, type MetricInput, type OutcomeDraft } from './types.ts';

export const TITLE_MAX = 150;
export const DESCRIPTION_MIN = 20;
export const METRICS_MAX = 3;

type Check = FieldError | null;
const fail = (field: string, key: string, params?: FieldError['params']): FieldError =>
  params ? { field, key, params } : { field, key };

// Code points, not UTF-16 units, so an emoji counts as one character like a CJK ideograph does.
const length = (s: string): number => Array.from(s.trim()).length;
const blank = (s: string | null | undefined): boolean => typeof s !== 'string' || s.trim() === '';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** All SMART problems of a draft, in form order; empty when it may be submitted. */
export function checkSmart(draft: OutcomeDraft): FieldError[] {
  const checks: Check[] = [
    checkTitle(draft.title), // Specific
    checkDescription(draft.description), // Specific
    checkIndicatorClass(draft.indicatorClass),
    blank(draft.projectId) ? fail('projectId', 'smart.project_required') : null,
    blank(draft.ownerId) ? fail('ownerId', 'smart.owner_required') : null, // Assignable
    checkDueDate(draft.dueDate), // Time-related
    checkMetricCount(draft.metrics.length), // Measurable
    ...draft.metrics.flatMap((m, i) => checkMetric(m, `metrics.${i}`)),
    ...draft.evidence.map((e, i) => checkEvidence(e, `evidence.${i}`)),
  ];
  return checks.filter((c): c is FieldError => c !== null);
}

function checkTitle(title: string): Check {
  if (blank(title)) return fail('title', 'smart.title_required');
  if (length(title) > TITLE_MAX) return fail('title', 'smart.title_too_long', { max: TITLE_MAX });
  return null;
}

function checkDescription(description: string): Check {
  if (blank(description)) return fail('description', 'smart.description_required');
  if (length(description) < DESCRIPTION_MIN) return fail('description', 'smart.description_too_short', { min: DESCRIPTION_MIN });
  return null;
}

function checkIndicatorClass(value: IndicatorClass | null): Check {
  if (value == null) return fail('indicatorClass', 'smart.indicator_class_required');
  // Drafts are parsed from platform payloads; a forged value must not slip past the type.
  if (!INDICATOR_CLASSES.includes(value)) return fail('indicatorClass', 'smart.indicator_class_invalid');
  return null;
}

function checkDueDate(due: Date | null): Check {
  if (due == null) return fail('dueDate', 'smart.due_date_required');
  if (!(due instanceof Date) || Number.isNaN(due.getTime())) return fail('dueDate', 'smart.due_date_invalid');
  return null;
}

function checkMetricCount(count: number): Check {
  if (count === 0) return fail('metrics', 'smart.metrics_required');
  if (count > METRICS_MAX) return fail('metrics', 'smart.metrics_too_many', { max: METRICS_MAX });
  return null;
}

function checkMetric(m: MetricInput, at: string): Check[] {
  const directionValid = m.direction === 'increase' || m.direction === 'decrease';
  return [
    blank(m.name) ? fail(`${at}.name`, 'smart.metric_name_required') : null,
    blank(m.unit) ? fail(`${at}.unit`, 'smart.metric_unit_required') : null,
    directionValid ? null : fail(`${at}.direction`, 'smart.metric_direction_invalid'),
    isNumber(m.baseline) ? null : fail(`${at}.baseline`, 'smart.baseline_required'),
    checkTarget(m, at, directionValid),
    m.actual != null && !isNumber(m.actual) ? fail(`${at}.actual`, 'smart.actual_not_number') : null,
  ];
}

// Realistic, at least in the minimal sense: a target that differs from the baseline and
// lies in the direction the metric is meant to move.
function checkTarget({ baseline, target, direction }: MetricInput, at: string, directionValid: boolean): Check {
  if (!isNumber(target)) return fail(`${at}.target`, 'smart.target_required');
  // Target vs baseline can only be judged once the baseline is a number.
  if (!isNumber(baseline)) return null;
  if (target === baseline) return fail(`${at}.target`, 'smart.target_equals_baseline');
  if (directionValid && !directionOk(direction, baseline, target)) {
    return fail(`${at}.target`, 'smart.target_wrong_direction', { baseline, direction });
  }
  return null;
}

function checkEvidence(e: EvidenceInput, at: string): Check {
  if (blank(e.ref)) return fail(`${at}.ref`, 'smart.evidence_ref_required');
  // Only links are URLs; files and images carry a platform file reference.
  if (e.kind === 'link' && !isHttpUrl(e.ref.trim())) return fail(`${at}.ref`, 'smart.evidence_bad_url');
  return null;
}

// Restricting to http(s) keeps javascript:, data: and file: links out of cards and the dashboard.
function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}
