import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { outcomeComments, outcomes, people } from '../schema/index.ts';

/** One comment as pages, the API and the comment notice show it. */
export interface CommentRow {
  id: string;
  outcomeId: string;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: Date;
}

/** Where a page of comments continues: the last row's instant and id (newest first). */
export interface CommentCursor {
  at: number;
  id: string;
}

/** At most this many comments per page. */
export const MAX_COMMENTS_PAGE = 100;

const authorName = sql<string>`coalesce(nullif(${people.name}, ''), ${people.platformUserId})`;
const columns = { id: outcomeComments.id, outcomeId: outcomeComments.outcomeId, authorId: outcomeComments.authorId, authorName, body: outcomeComments.body, createdAt: outcomeComments.createdAt };

/** One outcome's comments, newest first, keyset-paged (the outcome_comments_outcome index). */
export async function listComments(db: Db, workspaceId: string, outcomeId: string, page: { limit: number; before: CommentCursor | null }): Promise<{ rows: CommentRow[]; next: CommentCursor | null }> {
  const n = Math.max(1, Math.min(page.limit, MAX_COMMENTS_PAGE));
  const rows = await db
    .select(columns)
    .from(outcomeComments)
    .innerJoin(people, eq(people.id, outcomeComments.authorId))
    .where(
      and(
        eq(outcomeComments.workspaceId, workspaceId),
        eq(outcomeComments.outcomeId, outcomeId),
        page.before ? sql`(${outcomeComments.createdAt}, ${outcomeComments.id}) < (${page.before.at}, ${page.before.id})` : undefined,
      ),
    )
    .orderBy(desc(outcomeComments.createdAt), desc(outcomeComments.id))
    .limit(n + 1);
  const list = rows.slice(0, n);
  const last = list.at(-1);
  return { rows: list, next: rows.length > n && last ? { at: last.createdAt.getTime(), id: last.id } : null };
}

/** One comment with its outcome's title (the comment notice); null when either is gone. */
export async function commentWithOutcome(db: Db, workspaceId: string, commentId: string): Promise<(CommentRow & { title: string }) | null> {
  const [row] = await db
    .select({ ...columns, title: outcomes.title })
    .from(outcomeComments)
    .innerJoin(people, eq(people.id, outcomeComments.authorId))
    .innerJoin(outcomes, eq(outcomes.id, outcomeComments.outcomeId))
    .where(and(eq(outcomeComments.workspaceId, workspaceId), eq(outcomeComments.id, commentId)));
  return row ?? null;
}

/** A cursor as a page's `next` makes it. */
export const isCommentCursor = (v: unknown): v is CommentCursor =>
  typeof v === 'object' && v !== null && typeof (v as CommentCursor).at === 'number' && Number.isFinite(new Date((v as CommentCursor).at).getTime()) && typeof (v as CommentCursor).id === 'string';
