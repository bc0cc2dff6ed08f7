import { and, eq, sql } from 'drizzle-orm';
import type { CommentStore } from '../../domain/add-comment.ts';
import { isUniqueViolation, type Db } from '../client.ts';
import { visibleOutcomes } from '../queries/visibility.ts';
import { auditLog, outcomeComments, outcomes, people, reviews } from '../schema/index.ts';
import { insertNotifications } from './outbox-rows.ts';

/** CommentStore on drizzle: the comment, its audit entry and its messages in one db.batch(). */
export function createCommentRepo(db: Db): CommentStore {
  const byKey = async (workspaceId: string, clientKey: string) => {
    const [dup] = await db
      .select({ id: outcomeComments.id })
      .from(outcomeComments)
      .where(and(eq(outcomeComments.workspaceId, workspaceId), eq(outcomeComments.clientKey, clientKey)));
    return dup?.id ?? null;
  };
  return {
    async target(workspaceId, outcomeId, reader) {
      const [o] = await db
        .select({ id: outcomes.id })
        .from(outcomes)
        .where(and(visibleOutcomes(workspaceId, reader), eq(outcomes.id, outcomeId)));
      if (!o) return null;
      // Everyone who takes part: submitter, owner, the reviewer it waits on, whoever decided a
      // stage of it (managers, PMO), and whoever commented before.
      const ids = sql`(
        select ${outcomes.submitterId} from ${outcomes} where ${outcomes.id} = ${outcomeId}
        union select ${outcomes.ownerId} from ${outcomes} where ${outcomes.id} = ${outcomeId}
        union select ${outcomes.reviewerId} from ${outcomes} where ${outcomes.id} = ${outcomeId}
        union select ${reviews.reviewerId} from ${reviews} where ${reviews.outcomeId} = ${outcomeId}
        union select ${outcomeComments.authorId} from ${outcomeComments} where ${outcomeComments.workspaceId} = ${workspaceId} and ${outcomeComments.outcomeId} = ${outcomeId}
      )`;
      const rows = await db
        .select({ id: people.id, address: people.platformUserId, timeZone: people.timeZone, locale: people.locale })
        .from(people)
        .where(and(eq(people.workspaceId, workspaceId), sql`${people.id} in ${ids}`));
      return { outcomeId: o.id, participants: rows };
    },

    async save(c) {
      const { workspaceId, comment } = c;
      if (comment.clientKey) {
        const dup = await byKey(workspaceId, comment.clientKey);
        if (dup) return { result: 'duplicate', commentId: dup };
      }
      try {
        await db.batch([
          // First: a second post with the same key fails the whole batch on the unique index.
          db.insert(outcomeComments).values({ ...comment, workspaceId }),
          db.insert(auditLog).values({ ...c.audit, workspaceId }),
          ...insertNotifications(db, workspaceId, c.platform, c.notifications, comment.createdAt),
        ]);
      } catch (err) {
        // Two concurrent posts of the same key: the unique index lets one through.
        const dup = comment.clientKey && isUniqueViolation(err, 'outcome_comments') ? await byKey(workspaceId, comment.clientKey) : null;
        if (dup) return { result: 'duplicate', commentId: dup };
        throw err;
      }
      return { result: 'stored', commentId: comment.id };
    },
  };
}
