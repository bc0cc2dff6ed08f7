import { and, count, eq } from 'drizzle-orm';
import type { StoredEvidenceStore } from '../../domain/attach-stored-file.ts';
import type { Platform } from '../../domain/types.ts';
import type { Db } from '../client.ts';
import { evidence, outcomes, people } from '../schema/index.ts';
import { insertNotifications } from './outbox-rows.ts';

/** Uploaded evidence files on drizzle (the port of src/domain/attach-stored-file.ts). */
export function createStoredEvidenceRepo(db: Db, platform: Platform): StoredEvidenceStore {
  return {
    async target(workspaceId, outcomeId) {
      const [o] = await db
        .select({ id: outcomes.id, title: outcomes.title, round: outcomes.round, submitterId: outcomes.submitterId, ownerId: outcomes.ownerId, submitterAddress: people.platformUserId })
        .from(outcomes)
        .innerJoin(people, eq(people.id, outcomes.submitterId))
        .where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.id, outcomeId)));
      return o ?? null;
    },
    async addStored(workspaceId, outcomeId, file, addedBy, at, notes) {
      const id = crypto.randomUUID();
      const row = db.insert(evidence).values({ id, workspaceId, outcomeId, kind: file.kind, title: file.name, blobKey: file.blobKey, contentType: file.contentType, byteSize: file.size, addedBy, createdAt: at });
      await db.batch([row, ...insertNotifications(db, workspaceId, platform, notes, at)]);
      const [n] = await db.select({ n: count() }).from(evidence).where(eq(evidence.outcomeId, outcomeId));
      return { id, count: n?.n ?? 0 };
    },
  };
}
