import { and, eq } from 'drizzle-orm';
import type { Notification } from '../../domain/ports.ts';
import type { LessonText } from '../../domain/lessons.ts';
import type { Platform } from '../../domain/types.ts';
import { isUniqueViolation, type Db } from '../client.ts';
import { lessons, type LessonSource } from '../schema/index.ts';
import { insertNotifications } from './outbox-rows.ts';

/** A lesson to store: its text (checked by `checkLesson`), whose outcome, who wrote it, where. */
export interface NewLesson extends LessonText {
  outcomeId: string;
  authorId: string | null;
  source: LessonSource;
  /** Idempotency key of the submitting request; null when the caller has none (a second call then stores twice). */
  clientKey: string | null;
}

/**
 * Stores one lesson, with any notifications it causes in the same batch. A `clientKey`
 * stored before (a retried modal or form submission) writes nothing and returns the first
 * lesson's id with `created: false`.
 */
export async function insertLesson(
  db: Db,
  workspaceId: string,
  lesson: NewLesson,
  now: Date,
  extra?: { platform: Platform; notes: Notification[] },
): Promise<{ id: string; created: boolean }> {
  const earlier = async () => {
    if (!lesson.clientKey) return undefined;
    const [row] = await db.select({ id: lessons.id }).from(lessons).where(and(eq(lessons.workspaceId, workspaceId), eq(lessons.clientKey, lesson.clientKey)));
    return row?.id;
  };
  const seen = await earlier();
  if (seen) return { id: seen, created: false };
  const id = crypto.randomUUID();
  const row = db.insert(lessons).values({ id, workspaceId, ...lesson, createdAt: now, updatedAt: now });
  try {
    await db.batch([row, ...(extra ? insertNotifications(db, workspaceId, extra.platform, extra.notes, now) : [])]);
  } catch (err) {
    // Two deliveries of the same submission at once: the second one's batch rolled back whole.
    const first = isUniqueViolation(err, 'lessons') ? await earlier() : undefined;
    if (first) return { id: first, created: false };
    throw err;
  }
  return { id, created: true };
}
