import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { likePattern, MARK_END, MARK_START, matchExpression, searchTerms, similarityExpression, similarityPieces } from '../../domain/kb-query.ts';
import type { IndicatorClass, OutcomeStatus } from '../../domain/types.ts';
import type { Db } from '../client.ts';
import { kbDocs, kbFts } from '../kb-index.ts';
import { lessons, metrics, outcomes, projects } from '../schema/index.ts';
import { outcomeAttainment } from './insights.ts';
import { visibleOutcomes, type Reader } from './visibility.ts';

/** At most this many hits per page, and no page starts past MAX_SEARCH_OFFSET: paging is bounded. */
export const MAX_SEARCH_PAGE = 50;
export const MAX_SEARCH_OFFSET = 200;

export interface KbFilters {
  indicatorClass: IndicatorClass | null;
  projectId: string | null;
  status: OutcomeStatus | null;
  /** A lesson tag: outcomes with a lesson carrying it (and those lessons). */
  tag: string | null;
  /** A metric template key (metrics.template_key): outcomes with a metric made from it. */
  template: string | null;
}

export interface KbHit {
  kind: 'outcome' | 'lesson';
  refId: string;
  outcomeId: string;
  /** Title and snippet carry MARK_START/MARK_END around hits (see markedSegments). */
  title: string;
  snippet: string;
  /** The raw indexed text, for a LIKE-only query's snippet (FTS5 snippet() needs a MATCH). */
  text: string;
  /** The outcome's title (a lesson's own title column holds its tags). */
  outcomeTitle: string;
  status: OutcomeStatus;
  indicatorClass: IndicatorClass | null;
  projectId: string | null;
  projectName: string | null;
}

const allText = sql`(${kbFts.title} || ' ' || ${kbFts.body} || ' ' || ${kbFts.extra})`;

/**
 * One page of knowledge-base hits the reader may see, best first. Terms of 3+ characters go to
 * the trigram index (MATCH, ranked by bm25 with the title weighted most); 1–2 character terms
 * ("效率") are LIKE conditions on the same rows, which a trigram index cannot answer. Without any
 * term, the filtered documents newest first. `more` tells whether another page follows.
 */
export async function searchKnowledge(db: Db, workspaceId: string, reader: Reader, q: string, f: KbFilters, page: { limit: number; offset: number }) {
  const terms = searchTerms(q);
  const { indexed, scanned } = await planTerms(db, workspaceId, terms);
  const match = matchExpression(indexed);
  const matches = match ? sql`kb_fts match ${match}` : undefined;
  const limit = Math.min(page.limit, MAX_SEARCH_PAGE);
  const offset = Math.min(page.offset, MAX_SEARCH_OFFSET);
  const order = match
    ? [asc(sql`bm25(kb_fts, 10.0, 3.0, 1.0)`), asc(kbDocs.id)]
    : [desc(sql`coalesce(${outcomes.verifiedAt}, ${outcomes.submittedAt}, ${outcomes.createdAt})`), desc(kbDocs.id)];
  // The page's ids first: SQLite computes the select list of every row it sorts, so snippet()
  // and highlight() in the sorted query would run for every match, not for the page's rows.
  // Without words the text is not read at all: documents of the workspace, newest first.
  const docs = match || scanned.length ? db.select({ id: kbDocs.id }).from(kbFts).innerJoin(kbDocs, eq(kbDocs.id, kbFts.rowid)) : db.select({ id: kbDocs.id }).from(kbDocs);
  const pageIds = docs
    .innerJoin(outcomes, eq(outcomes.id, kbDocs.outcomeId))
    .where(
      and(
        matches,
        ...scanned.map((t) => sql`${allText} like ${likePattern(t)} escape '\\'`),
        eq(kbDocs.workspaceId, workspaceId),
        visibleOutcomes(workspaceId, reader),
        filterConditions(f),
      ),
    )
    .orderBy(...order)
    .limit(limit + 1)
    .offset(offset);
  const rows = await db
    .select({
      kind: kbDocs.kind,
      refId: kbDocs.refId,
      outcomeId: kbDocs.outcomeId,
      title: match ? sql<string>`highlight(kb_fts, 0, ${MARK_START}, ${MARK_END})` : kbFts.title,
      snippet: match ? sql<string>`snippet(kb_fts, -1, ${MARK_START}, ${MARK_END}, '…', 24)` : sql<string>`substr(${kbFts.body}, 1, 160)`,
      text: sql<string>`${allText}`,
      outcomeTitle: outcomes.title,
      status: outcomes.status,
      indicatorClass: outcomes.indicatorClass,
      projectId: outcomes.projectId,
      projectName: projects.name,
    })
    .from(kbFts)
    .innerJoin(kbDocs, eq(kbDocs.id, kbFts.rowid))
    .innerJoin(outcomes, eq(outcomes.id, kbDocs.outcomeId))
    .leftJoin(projects, eq(projects.id, outcomes.projectId))
    .where(and(matches, inArray(kbDocs.id, pageIds)))
    .orderBy(...order);
  return { hits: rows.slice(0, limit) as KbHit[], more: rows.length > limit && offset + limit <= MAX_SEARCH_OFFSET, terms };
}

/**
 * Which terms the index answers and which are LIKE conditions on the rows it found: the short
 * ones always; and when some term is distinctive, the common ones too (found in more than
 * COMMON_PIECE_DOCS documents: intersecting their 100,000 positions made one search 0.1 s,
 * and bm25 gives them next to no weight in the ranking anyway).
 */
async function planTerms(db: Db, workspaceId: string, terms: { phrases: string[]; short: string[] }): Promise<{ indexed: string[]; scanned: string[] }> {
  if (terms.phrases.length < 2) return { indexed: terms.phrases, scanned: terms.short };
  const quoted = terms.phrases.map((t) => matchExpression([t])!);
  const rare = new Set(await distinctivePieces(db, workspaceId, quoted));
  const indexed = terms.phrases.filter((_, i) => rare.has(quoted[i]!));
  if (indexed.length === 0 || indexed.length === terms.phrases.length) return { indexed: terms.phrases, scanned: terms.short };
  return { indexed, scanned: [...terms.short, ...terms.phrases.filter((_, i) => !rare.has(quoted[i]!))] };
}

function filterConditions(f: KbFilters): SQL | undefined {
  return and(
    f.indicatorClass ? eq(outcomes.indicatorClass, f.indicatorClass) : undefined,
    f.projectId ? eq(outcomes.projectId, f.projectId) : undefined,
    f.status ? eq(outcomes.status, f.status) : undefined,
    f.tag ? sql`exists (select 1 from ${lessons} l, json_each(l.tags) t where l.outcome_id = ${outcomes.id} and t.value = ${f.tag})` : undefined,
    f.template ? sql`exists (select 1 from ${metrics} m where m.outcome_id = ${outcomes.id} and m.template_key = ${f.template})` : undefined,
  );
}

/** The lesson tags used in the workspace (the tag filter's options), alphabetically, at most 100. */
export async function listLessonTags(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await db.all<{ tag: string }>(sql`select distinct t.value as tag from ${lessons} l, json_each(l.tags) t where l.workspace_id = ${workspaceId} and t.type = 'text' order by t.value limit 100`);
  return rows.map((r) => r.tag);
}

/** Each outcome's attainment, as the insights count it (src/db/queries/insights.ts; null when nothing is measured). One query. */
export async function attainmentsOf(db: Db, workspaceId: string, outcomeIds: readonly string[]): Promise<Map<string, number | null>> {
  if (!outcomeIds.length) return new Map();
  const rows = await db
    // Qualified by hand: in a one-table select drizzle writes the column bare, which inside the
    // subquery would name metrics.id.
    .select({ id: outcomes.id, attainment: outcomeAttainment(sql.raw('outcomes.id')) })
    .from(outcomes)
    .where(and(eq(outcomes.workspaceId, workspaceId), inArray(outcomes.id, [...outcomeIds])));
  const byId = new Map(rows.map((r) => [r.id, r.attainment]));
  return new Map(outcomeIds.map((id) => [id, byId.get(id) ?? null]));
}

/**
 * A piece found in more documents than this tells outcomes apart too little to rank by
 * (bm25 gives it next to no weight) and would make every similarity query rank that many
 * documents: at 100,000 outcomes sharing a word, half a second for one outcome page.
 */
export const COMMON_PIECE_DOCS = 1000;

/**
 * The pieces found in at most {@link COMMON_PIECE_DOCS} documents of the workspace (another
 * tenant's words never decide): each counted by a read that stops there, all in one statement
 * (one round trip on D1). CROSS JOIN keeps the index's matches as the outer loop: SQLite would
 * otherwise walk the workspace's documents and test MATCH on each (seconds at 100,000).
 */
async function distinctivePieces(db: Db, workspaceId: string, pieces: readonly string[]): Promise<string[]> {
  if (pieces.length === 0) return [];
  const limit = sql.raw(String(COMMON_PIECE_DOCS + 1));
  const counts = sql.join(
    pieces.map(
      (p, i) =>
        sql`(select count(*) from (select 1 from kb_fts cross join ${kbDocs} on ${kbDocs.id} = kb_fts.rowid where kb_fts match ${p} and ${kbDocs.workspaceId} = ${workspaceId} limit ${limit})) as ${sql.raw(`n${i}`)}`,
    ),
    sql`, `,
  );
  const [row] = await db.all<Record<string, number>>(sql`select ${counts}`);
  return pieces.filter((_, i) => Number(row?.[`n${i}`] ?? 0) <= COMMON_PIECE_DOCS);
}

/**
 * Outcomes whose text shares the most pieces with `text` (bm25 over an OR of its words and
 * Chinese trigrams, leaving out pieces too common to tell outcomes apart when some are not), in the workspace,
 * best first, never drafts. With a reader, only what they may see; without one (the submit
 * forms' aggregate hint) the whole workspace.
 */
export async function similarOutcomes(db: Db, workspaceId: string, text: string, opts: { reader?: Reader; excludeId?: string; status?: OutcomeStatus; limit: number }) {
  const pieces = similarityPieces(text);
  const distinctive = await distinctivePieces(db, workspaceId, pieces);
  // A text made only of common pieces is still compared, by all of them (slower, never empty-handed).
  const match = similarityExpression(distinctive.length ? distinctive : pieces);
  if (!match) return [];
  return db
    .select({ id: outcomes.id, title: outcomes.title, status: outcomes.status, verifiedAt: outcomes.verifiedAt })
    .from(kbFts)
    .innerJoin(kbDocs, eq(kbDocs.id, kbFts.rowid))
    .innerJoin(outcomes, eq(outcomes.id, kbDocs.outcomeId))
    .where(
      and(
        sql`kb_fts match ${match}`,
        eq(kbDocs.kind, 'outcome'),
        eq(kbDocs.workspaceId, workspaceId),
        opts.reader ? visibleOutcomes(workspaceId, opts.reader) : eq(outcomes.workspaceId, workspaceId),
        opts.excludeId ? ne(outcomes.id, opts.excludeId) : undefined,
        opts.status ? eq(outcomes.status, opts.status) : ne(outcomes.status, 'draft'),
      ),
    )
    .orderBy(sql`bm25(kb_fts, 10.0, 3.0, 1.0)`, asc(kbDocs.id))
    .limit(opts.limit);
}
