import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { evidence } from '../schema/index.ts';

/** A file stored as evidence in this workspace, by the message and file key it came with; null when none is. */
export async function evidenceFile(db: Db, workspaceId: string, messageId: string, fileKey: string): Promise<Pick<typeof evidence.$inferSelect, 'kind' | 'title'> | null> {
  const [item] = await db
    .select({ kind: evidence.kind, title: evidence.title })
    .from(evidence)
    .where(and(eq(evidence.workspaceId, workspaceId), eq(evidence.platformMessageId, messageId), eq(evidence.platformFileId, fileKey)));
  return item ?? null;
}
