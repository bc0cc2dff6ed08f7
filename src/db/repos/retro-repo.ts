import { and, eq } from 'drizzle-orm';
import type { Notification } from '../../domain/ports.ts';
import type { RetroPeriod } from '../../domain/retro-period.ts';
import type { Platform } from '../../domain/types.ts';
import { calendarDate } from '../../domain/calendar-date.ts';
import { batchOnce, type Db, type Statement } from '../client.ts';
import { retroActions, retrospectives } from '../schema/index.ts';
import { insertNotifications } from './outbox-rows.ts';

/**
 * Opens the retrospective of a period and queues its pack in one batch. False when the
 * workspace has it already (another run did this first): then nothing is written, pack included.
 */
export function openRetrospective(db: Db, w: { id: string; platform: Platform }, period: RetroPeriod, id: string, notes: (retrospectiveId: string) => Notification[], now: Date): Promise<boolean> {
  const row = db.insert(retrospectives).values({ id, workspaceId: w.id, periodKey: period.key, cadence: period.cadence, periodStart: calendarDate(period.start), periodEnd: calendarDate(period.end), createdAt: now, updatedAt: now });
  return batchOnce(db, [row, ...insertNotifications(db, w.id, w.platform, notes(id), now)], 'retrospectives');
}

/** An action to add: what, whose, due which day. */
export interface NewRetroAction {
  title: string;
  ownerId: string;
  dueOn: string;
}

/** The conclusions (replacing what was written) and any new actions, in one batch. */
export async function saveConclusions(db: Db, workspaceId: string, retrospectiveId: string, r: { conclusions: string; actions: NewRetroAction[]; by: string | null; at: Date }): Promise<void> {
  const update = db
    .update(retrospectives)
    .set({ conclusions: r.conclusions, recordedBy: r.by, recordedAt: r.at, updatedAt: r.at })
    .where(and(eq(retrospectives.workspaceId, workspaceId), eq(retrospectives.id, retrospectiveId)));
  const inserts: Statement[] = r.actions.map((a) => db.insert(retroActions).values({ workspaceId, retrospectiveId, title: a.title, ownerId: a.ownerId, dueAt: calendarDate(a.dueOn), createdAt: r.at }));
  await db.batch([update, ...inserts] as [Statement, ...Statement[]]);
}

/** Marks an open action done; false when it was done already (nothing changes then). */
export async function markActionDone(db: Db, workspaceId: string, actionId: string, by: string | null, at: Date): Promise<boolean> {
  const rows = await db
    .update(retroActions)
    .set({ status: 'done', doneAt: at, doneBy: by })
    .where(and(eq(retroActions.workspaceId, workspaceId), eq(retroActions.id, actionId), eq(retroActions.status, 'open')))
    .returning({ id: retroActions.id });
  return rows.length > 0;
}

/** The day's reminder of an action and the mark that it was sent today, in one batch. */
export async function remindAction(db: Db, w: { id: string; platform: Platform }, actionId: string, today: string, notes: Notification[], now: Date): Promise<void> {
  const mark = db.update(retroActions).set({ remindedOn: today }).where(eq(retroActions.id, actionId));
  await db.batch([mark, ...insertNotifications(db, w.id, w.platform, notes, now)]);
}
