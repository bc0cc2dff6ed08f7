import { dayOf } from '../../domain/calendar-date.ts';
import type { Db } from '../../db/client.ts';
import { readExportPage, type ExportCursor } from '../../db/queries/export.ts';
import { changePct, progress } from '../../domain/metrics.ts';
import { roi } from '../../domain/roi.ts';
import { meanScores } from '../../domain/scores.ts';
import type { Cell } from '../csv.ts';
import { readerOf } from '../context/viewer.ts';
import type { Viewer } from '../env.ts';
import type { Kit } from '../render/kit.ts';
import type { Filters } from './filters.ts';

/** Header keys, in column order (texts in web.csv.*). */
export const CSV_COLUMNS = [
  'outcome_id', 'title', 'project', 'indicator_class', 'status', 'round', 'submitter', 'owner', 'submitted_at', 'verified_at', 'due_date',
  'metric', 'unit', 'direction', 'baseline', 'target', 'actual', 'change_pct', 'progress_pct',
  'cost', 'benefit', 'roi_pct', 'review_count', 'impact_mean', 'difficulty_mean', 'innovation_mean', 'review_trail',
] as const;

const pct = (f: number | null): number | null => (f === null ? null : Math.round(f * 1000) / 10);
const round2 = (n: number | null | undefined): number | null => (n === null || n === undefined ? null : Math.round(n * 100) / 100);

/** Groups rows by outcome id (one pass, not a filter per outcome). */
function byOutcome<T extends { outcomeId: string }>(rows: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.outcomeId);
    if (list) list.push(r);
    else m.set(r.outcomeId, [r]);
  }
  return m;
}

/** `kit.t` for the export's few fixed keys (statuses, stages, …), each looked up once per export, not once per row. */
function memoT(kit: Kit): (key: string) => string {
  const seen = new Map<string, string>();
  return (key) => seen.get(key) ?? seen.set(key, kit.t(key)).get(key)!;
}

/** The export's header row, in the reader's language. */
export const exportHeader = (kit: Kit): string[] => CSV_COLUMNS.map((c) => kit.t(`web.csv.${c}`));

/**
 * The export's rows, page by page (a keyset page of outcomes at a time, so memory stays bounded
 * whatever the count): one row per metric (an outcome without metrics gets one row), with the
 * outcome's facts, ROI and its review summary, for the outcomes this viewer may see. CSV and
 * .xlsx both write these, so their columns and access rules are the same by construction.
 * `pageSize` is EXPORT_PAGE unless a test moves the page boundaries.
 */
export async function* exportRows(db: Db, v: Viewer, f: Filters & { fromAt: Date | null; toAt: Date | null }, kit: Kit, pageSize?: number): AsyncGenerator<Cell[][]> {
  const t = memoT(kit);
  let after: ExportCursor | null = null;
  do {
    const page = await readExportPage(db, v.workspace.id, readerOf(v), f, after, pageSize);
    const reviewsOf = byOutcome(page.rs);
    const metricsOf = byOutcome(page.ms);
    const rows: Cell[][] = [];
    for (const o of page.list) {
      const mine = reviewsOf.get(o.id) ?? [];
      const cards = mine.flatMap((r) => (r.impact && r.difficulty && r.innovation ? [{ impact: r.impact, difficulty: r.difficulty, innovation: r.innovation }] : []));
      const mean = meanScores(cards);
      const trail = mine.map((r) => `${kit.dateTime(r.decidedAt)} ${t(`stage.${r.stage}`)}: ${t(`decision.${r.decision}`)} (${r.reviewer})${r.comment ? ` — ${r.comment}` : ''}`).join(' | ');
      const facts: Cell[] = [o.id, o.title, o.projectName, o.indicatorClass ? t(`indicator.${o.indicatorClass}`) : null, t(`status.${o.status}`), o.round, o.submitter || o.submitterAddress, o.owner, o.submittedAt ? kit.dateTime(o.submittedAt) : null, o.verifiedAt ? kit.dateTime(o.verifiedAt) : null, o.dueAt ? dayOf(o.dueAt) : null];
      const tail: Cell[] = [o.cost, o.benefit, pct(roi(o.cost, o.benefit)), mine.length, round2(mean?.impact), round2(mean?.difficulty), round2(mean?.innovation), trail];
      const outcomeMetrics = metricsOf.get(o.id) ?? [];
      if (!outcomeMetrics.length) rows.push([...facts, null, null, null, null, null, null, null, null, ...tail]);
      for (const m of outcomeMetrics)
        rows.push([
          ...facts,
          m.name,
          m.unit,
          t(`direction.${m.direction}`),
          m.baseline,
          m.target,
          m.actual,
          m.actual === null ? null : pct(changePct(m.baseline, m.actual)),
          m.actual === null ? null : pct(progress(m.baseline, m.target, m.actual)),
          ...tail,
        ]);
    }
    if (rows.length) yield rows;
    after = page.next;
  } while (after);
}
