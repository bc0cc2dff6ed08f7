import type { Db } from '../db/client.ts';
import { attainmentsOf, similarOutcomes } from '../db/queries/kb-search.ts';
import { INSIGHT_MIN_N } from '../domain/insights.ts';
import type { Locale } from '../domain/types.ts';
import { formatPct, t } from '../i18n/index.ts';
import { median } from '../web/queries/improvement.ts';

/** How many of the most similar verified outcomes the hint looks at. */
export const HINT_TOP_K = 10;

export interface SimilarHint {
  /** Verified similar outcomes with a measured attainment (≥ INSIGHT_MIN_N, or there is no hint). */
  n: number;
  /** Their median attainment (1 = target reached). */
  medianAttainment: number;
  /** The sentence for a submit form, in the reader's language. */
  text: string;
}

/**
 * "Similar outcomes in this workspace reached X" for the submit forms (chat and web): the median
 * attainment of the top-k verified outcomes most similar to `text` (the draft's title, or title
 * and description). Null when fewer than INSIGHT_MIN_N (3) of them are measured: nothing is claimed
 * from a handful. An aggregate over the workspace, like the portfolio summary, so no reader.
 */
export async function similarOutcomesHint(db: Db, workspaceId: string, text: string, locale: Locale): Promise<SimilarHint | null> {
  const similar = await similarOutcomes(db, workspaceId, text, { status: 'verified', limit: HINT_TOP_K });
  const attainments = await attainmentsOf(db, workspaceId, similar.map((o) => o.id));
  const xs = [...attainments.values()].filter((a): a is number => a !== null);
  const mid = median(xs);
  if (xs.length < INSIGHT_MIN_N || mid === null) return null;
  return { n: xs.length, medianAttainment: mid, text: similarHintText(locale, xs.length, mid) };
}

/** The hint's sentence (both languages in src/i18n/knowledge.ts). */
export function similarHintText(locale: Locale, n: number, medianAttainment: number): string {
  return t(locale, 'kb.hint.similar', { n, attainment: formatPct(medianAttainment, locale, 0) });
}
