import type { Db } from '../db/client.ts';
import { attainmentsOf, type KbHit } from '../db/queries/kb-search.ts';
import { markedSegments, snippetAround, type Segment } from '../domain/kb-query.ts';

/** A hit as the page and the API show it: marked segments, and the outcome's attainment. */
export interface KbResult extends Omit<KbHit, 'title' | 'snippet' | 'text' | 'outcomeTitle'> {
  title: Segment[];
  snippet: Segment[];
  attainment: number | null;
}

/**
 * Hits as segments: FTS5's marks when the query had a 3+ character term, otherwise (only 1–2
 * character terms, answered by LIKE) marks placed around the short terms here.
 */
export async function kbResults(db: Db, workspaceId: string, hits: readonly KbHit[], short: readonly string[], matched: boolean): Promise<KbResult[]> {
  const attainments = await attainmentsOf(db, workspaceId, [...new Set(hits.map((h) => h.outcomeId))]);
  return hits.map(({ title, snippet, text, outcomeTitle, ...rest }) => ({
    ...rest,
    // A lesson is shown under its outcome's title (its own title column holds its tags).
    title: rest.kind === 'lesson' ? markedSegments(outcomeTitle) : matched || !short.length ? markedSegments(title) : (snippetAround(title, short, 200) ?? markedSegments(title)),
    snippet: matched || !short.length ? markedSegments(snippet) : (snippetAround(text, short) ?? markedSegments(snippet)),
    attainment: attainments.get(rest.outcomeId) ?? null,
  }));
}
