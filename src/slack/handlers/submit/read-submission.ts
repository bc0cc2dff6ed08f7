import { calendarDate } from '../../../domain/calendar-date.ts';
import { INPUT_ACTION, LINK_INPUTS, SUBMIT_BLOCKS, type MetricField } from '../../../../cards/slack/submit-modal.ts';
import { parseDecimal } from '../../../domain/metrics.ts';
import type { EvidenceInput, IndicatorClass, MetricInput } from '../../../domain/types.ts';
import type { SubmitMeta } from './submit-meta.ts';

/** `view.state.values` of a view_submission: block id → action id → value. */
export type StateValues = Record<string, Record<string, StateValue | undefined> | undefined>;
export interface StateValue {
  type?: string;
  value?: string | null;
  selected_date?: string | null;
  selected_user?: string | null;
  selected_users?: string[] | null;
  selected_conversations?: string[] | null;
  /** datetimepicker: Unix seconds. */
  selected_date_time?: number | null;
  selected_option?: { value?: string } | null;
  /** checkboxes */
  selected_options?: { value?: string }[] | null;
  /** file_input: Slack's file objects (a subset of their fields). */
  files?: { id?: string; name?: string; title?: string; mimetype?: string; permalink?: string }[];
}

/** What the member typed, parsed but not yet judged (the SMART check does that). */
export interface ParsedSubmission {
  projectId: string | null;
  /** A project to create; its go-live date is the outcome's one go-live date. */
  newProject: { name: string; goLive: Date | null } | null;
  keyResultId: string | null;
  title: string;
  description: string;
  indicatorClass: IndicatorClass | null;
  dueDate: Date | null;
  metrics: MetricInput[];
  /** metrics[i] came from modal row metricRows[i] (empty optional rows are skipped). */
  metricRows: number[];
  /** The block-id version of each modal row (see metricBlock). */
  metricVersions: number[];
  links: string[];
  /** links[i] came from link input linkInputs[i]. */
  linkInputs: number[];
  files: EvidenceInput[];
  reviewerUserId: string | null;
}

export const value = (values: StateValues, block: string): StateValue | undefined => values[block]?.[INPUT_ACTION];
export const text = (values: StateValues, block: string): string => (value(values, block)?.value ?? '').trim();

/** A number as typed (the domain's one reading of it): '' is null, anything unparsable NaN so the check names the field. */
const number = (values: StateValues, block: string) => parseDecimal(text(values, block));

/** Slack's file permalinks are https pages of the workspace; anything else is not shown as a link. */
function isPermalink(url: string | undefined): url is string {
  if (!url || url.length > 2_000 || !URL.canParse(url)) return false;
  return new URL(url).protocol === 'https:';
}

/** A datepicker's yyyy-MM-dd as a calendar date (src/domain/calendar-date.ts); garbage becomes an invalid Date. */
export function pickedDay(day: string | null | undefined): Date | null {
  if (!day) return null;
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? calendarDate(day) : new Date(Number.NaN);
}

function metricRow(values: StateValues, row: number, version: number): MetricInput & { touched: boolean } {
  const b = (f: MetricField) => SUBMIT_BLOCKS.metric(row, f, version);
  const m = {
    name: text(values, b('name')),
    unit: text(values, b('unit')),
    direction: (value(values, b('direction'))?.selected_option?.value ?? 'increase') as MetricInput['direction'],
    baseline: number(values, b('baseline')),
    target: number(values, b('target')),
    actual: number(values, b('actual')),
  };
  // The direction select always has a value, so it alone does not make a row count.
  const touched = Boolean(m.name || m.unit || m.baseline !== null || m.target !== null || m.actual !== null);
  return { ...m, touched };
}

/**
 * Reads the submit modal's state (untrusted: every value is checked afterwards). `meta` says which
 * rows the modal shows, under which block ids, and the template each started from (the caller
 * keeps only keys the workspace knows).
 */
export function readSubmission(values: StateValues, meta: Pick<SubmitMeta, 'n' | 'v' | 't'>): ParsedSubmission {
  const metrics: MetricInput[] = [];
  const metricRows: number[] = [];
  for (let row = 0; row < meta.n; row++) {
    const { touched, ...m } = metricRow(values, row, meta.v[row] ?? 0);
    if (row === 0 || touched) {
      metrics.push({ ...m, templateKey: meta.t[row] ?? null });
      metricRows.push(row);
    }
  }
  const links: string[] = [];
  const linkInputs: number[] = [];
  for (let i = 0; i < LINK_INPUTS; i++) {
    const url = text(values, SUBMIT_BLOCKS.link(i));
    if (url) {
      links.push(url);
      linkInputs.push(i);
    }
  }
  const uploaded = (value(values, SUBMIT_BLOCKS.files)?.files ?? []).filter((f) => typeof f.id === 'string' && f.id);
  // The permalink travels with the file into the submission's own batch, so the first card already links it.
  const files: EvidenceInput[] = uploaded.map((f) => ({ kind: f.mimetype?.startsWith('image/') ? 'image' : 'file', ref: f.id!, title: f.name ?? f.title ?? f.id!, url: isPermalink(f.permalink) ? f.permalink! : null }));
  const newName = text(values, SUBMIT_BLOCKS.projectNew);
  const dueDate = pickedDay(value(values, SUBMIT_BLOCKS.due)?.selected_date);
  return {
    projectId: value(values, SUBMIT_BLOCKS.project)?.selected_option?.value ?? null,
    newProject: newName ? { name: newName, goLive: dueDate } : null,
    keyResultId: value(values, SUBMIT_BLOCKS.keyResult)?.selected_option?.value ?? null,
    title: text(values, SUBMIT_BLOCKS.title),
    description: text(values, SUBMIT_BLOCKS.description),
    indicatorClass: (value(values, SUBMIT_BLOCKS.indicator)?.selected_option?.value ?? null) as IndicatorClass | null,
    dueDate,
    metrics,
    metricRows,
    metricVersions: meta.v.slice(0, meta.n),
    links,
    linkInputs,
    files,
    reviewerUserId: value(values, SUBMIT_BLOCKS.reviewer)?.selected_user ?? null,
  };
}
