import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { assertNoFieldErrors, type FieldError } from '../../domain/errors.ts';
import type { OutcomeStatus } from '../../domain/types.ts';
import { LIST_SORTS, type ListCursor, type ListSort } from '../../db/queries/outcome-list.ts';
import { decodeCursor } from './list-cursor.ts';

export const STATUSES: readonly OutcomeStatus[] = ['submitted', 'manager_approved', 'verified', 'changes_requested', 'rejected', 'draft'];

/** Portfolio / export filters as given in the query string (all optional). */
export interface Filters {
  project: string | null;
  status: OutcomeStatus | null;
  /** yyyy-MM-dd, inclusive, in the viewer's zone. */
  from: string | null;
  to: string | null;
  /** The outcome list's order and where its page starts (the portfolio only; the export takes all). */
  sort?: ListSort;
  after?: ListCursor | null;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayStart(text: string, timeZone: string): Date | null {
  const m = DAY.exec(text);
  if (!m) return null;
  const d = new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 0, 0, 0, 0, timeZone);
  // Rejects 2026-02-31 and friends, which Date would roll over silently.
  return d.getDate() === Number(m[3]) && d.getMonth() === Number(m[2]) - 1 ? new Date(d.getTime()) : null;
}

/**
 * Reads and checks the filters; a bad value is a `validation_failed` naming the field
 * (a 400 for the API, a message next to the field on the page), never a silent ignore.
 */
export function parseFilters(q: (name: string) => string | undefined, timeZone: string): Filters & { fromAt: Date | null; toAt: Date | null } {
  const text = (name: string) => q(name)?.trim() || null;
  const problems: FieldError[] = [];
  const status = text('status');
  if (status && !STATUSES.includes(status as OutcomeStatus)) problems.push({ field: 'status', key: 'web.filter.bad_status' });
  const from = text('from');
  const to = text('to');
  const fromAt = from ? dayStart(from, timeZone) : null;
  const toDay = to ? dayStart(to, timeZone) : null;
  if (from && !fromAt) problems.push({ field: 'from', key: 'web.filter.bad_date' });
  if (to && !toDay) problems.push({ field: 'to', key: 'web.filter.bad_date' });
  if (fromAt && toDay && toDay < fromAt) problems.push({ field: 'to', key: 'web.filter.range_reversed' });
  const sort = text('sort') ?? 'newest';
  if (!LIST_SORTS.includes(sort as ListSort)) problems.push({ field: 'sort', key: 'web.list.bad_sort' });
  const afterText = text('after');
  const after = afterText ? decodeCursor(afterText, sort as ListSort) : null;
  if (afterText && !after) problems.push({ field: 'after', key: 'web.list.bad_cursor' });
  assertNoFieldErrors(problems);
  // `to` is inclusive: the period ends at the start of the following day.
  const toAt = toDay ? new Date(addDays(new TZDate(toDay.getTime(), timeZone), 1).getTime()) : null;
  return { project: text('project'), status: (status as OutcomeStatus | null) ?? null, from, to, fromAt, toAt, sort: sort as ListSort, after };
}
