import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { evidence } from '../../db/schema/index.ts';

/**
 * Stores each uploaded Slack file's permalink in its evidence row's `url`, so cards show
 * the file as a link a reviewer with access can open (the verbs store files by id only).
 * Rows that already have a URL keep it, so a retried submit changes nothing.
 */
export async function attachFilePermalinks(db: Db, workspaceId: string, outcomeId: string, permalinks: Record<string, string>): Promise<void> {
  const updates = Object.entries(permalinks).map(([fileId, url]) =>
    db
      .update(evidence)
      .set({ url })
      .where(and(eq(evidence.workspaceId, workspaceId), eq(evidence.outcomeId, outcomeId), eq(evidence.platformFileId, fileId), isNull(evidence.url))),
  );
  const [first, ...rest] = updates;
  if (first) await db.batch([first, ...rest]);
}
