import { formatPct, t } from '../i18n/index.ts';
import type { Locale } from './types.ts';

/** What happened in a workspace's week, gathered by the digest job (numbers, names, titles). */
export interface DigestData {
  /** First day of the period, as a date in the workspace's zone. */
  week: string;
  submitted: number;
  verified: number;
  sentBack: number;
  rejected: number;
  /** Approvals waiting more than 3 days; `who` null means the PMO stage. */
  waiting: { title: string; who: string | null; days: number }[];
  /** Open reviews due within the next 7 days (not yet overdue). */
  reviewsDue: number;
  /** All overdue reviews; `overdue` lists the longest-waiting few. */
  overdueCount: number;
  overdue: { title: string; owner: string; days: number }[];
  /** Largest measured improvements in the metric's intended direction; `changePct` is the raw change (a decrease metric improves with a negative change). */
  improvements: { title: string; metric: string; changePct: number }[];
  nps: { project: string; before: number | null; after: number; n: number }[];
  /** Set from 60 days before the working-day calendar's data ends (src/domain/working-calendar.ts). */
  calendarEnds?: { lastDay: string; daysLeft: number } | null;
}

/** True when nothing happened: the digest is then one line. */
export function isEmptyWeek(d: DigestData): boolean {
  return d.submitted + d.verified + d.sentBack + d.rejected + d.waiting.length + d.reviewsDue + d.overdueCount + d.improvements.length + d.nps.length === 0;
}

/**
 * The digest as plain sentences in `locale`: deterministic templates over the data, the
 * same input always giving the same text. The first line is the title.
 */
export function composeDigest(d: DigestData, locale: Locale): string[] {
  const tr = (key: string, params?: Record<string, string | number>) => t(locale, key, params);
  const lines = [tr('digest.title', { week: d.week })];
  // The warning is for the admins reading the digest, quiet week or not.
  const warning = d.calendarEnds ? [tr('digest.calendar_ends', { lastDay: d.calendarEnds.lastDay, days: Math.max(0, d.calendarEnds.daysLeft) })] : [];
  if (isEmptyWeek(d)) return [...lines, tr('digest.empty'), ...warning];
  lines.push(tr('digest.flow', { submitted: d.submitted, verified: d.verified, sentBack: d.sentBack, rejected: d.rejected }));
  for (const w of d.waiting) lines.push(tr('digest.waiting', { title: w.title, days: w.days, who: w.who ?? tr('digest.waiting_pmo') }));
  if (d.reviewsDue || d.overdueCount) lines.push(tr('digest.reviews', { due: d.reviewsDue, overdue: d.overdueCount }));
  for (const o of d.overdue) lines.push(tr('digest.overdue', o));
  // "Improved by 28.9 %" reads right for a waiting time that fell 28.9 %: the size, not the sign.
  for (const i of d.improvements) lines.push(tr('digest.improvement', { title: i.title, metric: i.metric, change: formatPct(Math.abs(i.changePct), locale) }));
  for (const n of d.nps) lines.push(n.before === null ? tr('digest.nps_first', { project: n.project, after: n.after, n: n.n }) : tr('digest.nps_change', { project: n.project, before: n.before, after: n.after, n: n.n }));
  return [...lines, ...warning];
}
