import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { evidence, outcomes } from '../schema/index.ts';
import { visibleOutcomes, type Reader } from './visibility.ts';

/** A file stored as evidence in this workspace, by the message and file key it came with; null when none is. */
export async function evidenceFile(db: Db, workspaceId: string, messageId: string, fileKey: string): Promise<Pick<typeof evidence.$inferSelect, 'kind' | 'title'> | null> {
  const [item] = await db
    .select({ kind: evidence.kind, title: evidence.title })
    .from(evidence)
    .where(and(eq(evidence.workspaceId, workspaceId), eq(evidence.platformMessageId, messageId), eq(evidence.platformFileId, fileKey)));
  return item ?? null;
}

/** An uploaded file of an outcome the reader may see (src/db/queries/visibility.ts); null otherwise, so ids do not leak. */
export async function visibleStoredFile(db: Db, workspaceId: string, reader: Reader, outcomeId: string, evidenceId: string): Promise<{ blobKey: string; contentType: string; title: string } | null> {
  const [item] = await db
    .select({ blobKey: evidence.blobKey, contentType: evidence.contentType, title: evidence.title })
    .from(evidence)
    .innerJoin(outcomes, eq(outcomes.id, evidence.outcomeId))
    .where(and(visibleOutcomes(workspaceId, reader), eq(evidence.workspaceId, workspaceId), eq(evidence.outcomeId, outcomeId), eq(evidence.id, evidenceId)));
  if (!item?.blobKey || !item.contentType) return null;
  return { blobKey: item.blobKey, contentType: item.contentType, title: item.title ?? 'evidence' };
}
