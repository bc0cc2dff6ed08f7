import { and, count, desc, eq, gte } from 'drizzle-orm';
import type { EvidenceStore } from '../../domain/attach-evidence.ts';
import type { Platform } from '../../domain/types.ts';
import type { Db } from '../client.ts';
import { evidence, outcomes } from '../schema/index.ts';
import { insertNotifications } from './outbox-rows.ts';

/** Evidence files on drizzle (the port of src/domain/attach-evidence.ts). */
export function createEvidenceRepo(db: Db, platform: Platform): EvidenceStore {
  return {
    async latestSubmittedSince(workspaceId, submitterId, since) {
      const [o] = await db
        .select({ id: outcomes.id, title: outcomes.title, round: outcomes.round })
        .from(outcomes)
        .where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.submitterId, submitterId), gte(outcomes.submittedAt, since)))
        .orderBy(desc(outcomes.submittedAt))
        .limit(1);
      return o ?? null;
    },
    async addFile(workspaceId, outcomeId, file, addedBy, at, notes) {
      const same = and(eq(evidence.outcomeId, outcomeId), eq(evidence.platformMessageId, file.messageId), eq(evidence.platformFileId, file.fileRef));
      const [seen] = await db.select({ id: evidence.id }).from(evidence).where(same);
      if (!seen) {
        const row = db.insert(evidence).values({ workspaceId, outcomeId, kind: file.kind, platformFileId: file.fileRef, platformMessageId: file.messageId, title: file.title, addedBy, createdAt: at });
        await db.batch([row, ...insertNotifications(db, workspaceId, platform, notes, at)]);
      }
      const [n] = await db.select({ n: count() }).from(evidence).where(eq(evidence.outcomeId, outcomeId));
      return { count: n?.n ?? 0 };
    },
  };
}
