import { SUBMIT_BLOCKS, type MetricField } from '../../../../cards/slack/submit-modal.ts';
import type { ParsedSubmission } from './read-submission.ts';

const SIMPLE: Record<string, string> = {
  title: SUBMIT_BLOCKS.title,
  description: SUBMIT_BLOCKS.description,
  indicatorClass: SUBMIT_BLOCKS.indicator,
  dueDate: SUBMIT_BLOCKS.due,
  keyResultId: SUBMIT_BLOCKS.keyResult,
  reviewerId: SUBMIT_BLOCKS.reviewer,
  metrics: SUBMIT_BLOCKS.metric(0, 'name'),
};

/**
 * The modal block that shows a domain field's problem (FieldError.field → block_id), so
 * `response_action: errors` puts each message beside its input. Unknown fields land on
 * the title, never nowhere.
 */
export function blockForField(field: string, parsed: Pick<ParsedSubmission, 'metricRows' | 'metricVersions' | 'linkInputs'>, hasProjectSelect: boolean): string {
  if (field === 'projectId') return hasProjectSelect ? SUBMIT_BLOCKS.project : SUBMIT_BLOCKS.projectNew;
  const simple = SIMPLE[field];
  if (simple) return simple;
  const metric = /^metrics\.(\d+)\.(name|unit|direction|baseline|target|actual)$/.exec(field);
  if (metric) {
    const row = parsed.metricRows[Number(metric[1])] ?? 0;
    return SUBMIT_BLOCKS.metric(row, metric[2] as MetricField, parsed.metricVersions[row] ?? 0);
  }
  const evidence = /^evidence\.(\d+)\./.exec(field);
  if (evidence) {
    const i = Number(evidence[1]);
    return i < parsed.linkInputs.length ? SUBMIT_BLOCKS.link(parsed.linkInputs[i]!) : SUBMIT_BLOCKS.files;
  }
  return SUBMIT_BLOCKS.title;
}
