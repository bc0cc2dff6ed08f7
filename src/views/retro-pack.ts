import type { Db } from '../db/client.ts';
import { lessonsIn, reviewedMetricsIn, verifiedIn, type RetrospectiveRow } from '../db/queries/retro.ts';
import { DEFAULT_INSIGHT_MONTHS } from '../domain/insights.ts';
import { isDeviation, progress } from '../domain/metrics.ts';
import type { Locale } from '../domain/types.ts';
import { formatPct, t } from '../i18n/index.ts';
import { loadInsights } from './insights.ts';

/** Lines per section of the pack card; the rest is on the web page. */
export const PACK_SECTION_MAX = 8;
const DAY_MS = 86_400_000;

/** What the PMO's pack holds: the period's verified outcomes, shortfalls and lessons, and the insights. */
export interface RetroPackData {
  verified: { title: string; projectName: string | null; attainment: number | null }[];
  shortfalls: { title: string; metric: string; progress: number }[];
  lessons: { title: string; text: string }[];
  insights: Record<Locale, string[]>;
  months: number;
}

/** The pack of a retrospective, read when it is sent (or shown): current data for its period. */
export async function loadRetroPack(db: Db, retro: RetrospectiveRow, settings: { shortfallThreshold: number; timeZone: string }, now: Date): Promise<RetroPackData> {
  const ws = retro.workspaceId;
  const bounds = { from: retro.periodStart, to: new Date(retro.periodEnd.getTime() + DAY_MS) };
  const [verified, reviewed, lessons, insights] = await Promise.all([
    verifiedIn(db, ws, bounds, 50),
    reviewedMetricsIn(db, ws, bounds, 200),
    lessonsIn(db, ws, bounds, 50),
    // The PMO sees every outcome of the workspace.
    loadInsights(db, ws, { personId: '', seesAll: true }, now, DEFAULT_INSIGHT_MONTHS, settings.timeZone),
  ]);
  const shortfalls = reviewed.flatMap((m) => {
    const p = progress(m.baseline, m.target, m.actual!);
    return p !== null && isDeviation(1 - p, settings.shortfallThreshold) ? [{ title: m.title, metric: m.metric, progress: p }] : [];
  });
  return {
    verified: verified.map((v) => ({ title: v.title, projectName: v.projectName, attainment: v.attainment === null ? null : Number(v.attainment) })),
    shortfalls,
    lessons: lessons.map((l) => ({ title: l.title, text: [l.whatWorked, l.whatDidnt, l.whatToRepeat].filter(Boolean).join(' / ') })),
    insights: insights.sentences,
    months: insights.months,
  };
}

/** A section: its heading with the count, up to {@link PACK_SECTION_MAX} lines, "and n more", or the line saying it is empty. */
function section(locale: Locale, heading: string, none: string, lines: string[], extra: Record<string, number> = {}): string[] {
  if (!lines.length) return [`## ${t(locale, heading, { n: 0, ...extra })}`, t(locale, none)];
  const more = lines.length - PACK_SECTION_MAX;
  return [`## ${t(locale, heading, { n: lines.length, ...extra })}`, ...lines.slice(0, PACK_SECTION_MAX), ...(more > 0 ? [t(locale, 'retro.pack.more', { n: more })] : [])];
}

/** The pack as headings ('## ') and lines in one language, the order the card shows them. */
export function packLines(d: RetroPackData, locale: Locale): string[] {
  const pct = (x: number | null) => formatPct(x, locale);
  const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  return [
    ...section(locale, 'retro.pack.verified', 'retro.pack.none_verified', d.verified.map((v) => t(locale, 'retro.pack.verified_line', { title: clip(v.title, 100), project: v.projectName ?? '—', attainment: pct(v.attainment) }))),
    ...section(locale, 'retro.pack.shortfalls', 'retro.pack.none_short', d.shortfalls.map((s) => t(locale, 'retro.pack.shortfall_line', { title: clip(s.title, 100), metric: clip(s.metric, 80), progress: pct(s.progress) }))),
    ...section(locale, 'retro.pack.lessons', 'retro.pack.none_lessons', d.lessons.map((l) => t(locale, 'retro.pack.lesson_line', { title: clip(l.title, 80), text: clip(l.text, 300) }))),
    `## ${t(locale, 'retro.pack.insights', { months: d.months })}`,
    ...(d.insights[locale].length ? d.insights[locale] : [t(locale, 'web.insights.none', { months: d.months })]),
  ];
}
