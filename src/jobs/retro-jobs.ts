import { TZDate } from '@date-fns/tz';
import type { Db } from '../db/client.ts';
import { actionsToRemind, periodsTaken, workspacesWithRetro } from '../db/queries/retro.ts';
import { openRetrospective, remindAction } from '../db/repos/retro-repo.ts';
import { dayOf } from '../domain/calendar-date.ts';
import { previousPeriod, shouldRemindAction } from '../domain/retro-period.ts';
import { calendarOf } from '../domain/working-calendar.ts';
import { dateText } from '../views/dates.ts';
import { eachItem, JOB_BATCH, pmoAddresses, workspaceCache, type JobLog } from './job-kit.ts';

/** Packs and reminders go out from 09:00 in the workspace's zone. */
export const RETRO_HOUR = 9;
/** The zone whose day starts first (UTC+14): no workspace's "today" is later than its date. */
const EARLIEST_ZONE = 'Pacific/Kiritimati';

const localHour = (now: Date, timeZone: string) => new TZDate(now.getTime(), timeZone).getHours();

/**
 * The periodic retrospective (复盘): in each workspace with a monthly or quarterly cadence,
 * from 09:00 of a new period, the last full period's retrospective is opened and its pack
 * queued to the PMO in one batch. The period's unique key makes it once per period however
 * often the job runs; at most {@link JOB_BATCH} are opened per run, the rest on the next.
 * A workspace without a PMO gets none until it has one.
 */
export async function sendRetroPacks(db: Db, now: Date, log: JobLog): Promise<number> {
  let opened = 0;
  const all = await workspacesWithRetro(db, JOB_BATCH * 5);
  await eachItem('retro packs', all, (w) => w.id, async (w) => {
    const cadence = w.settings.retroCadence;
    const to = pmoAddresses(w.settings);
    if (opened >= JOB_BATCH || cadence === 'off' || to.length === 0 || localHour(now, w.settings.timeZone) < RETRO_HOUR) return;
    const period = previousPeriod(cadence, dateText(now, w.settings.timeZone));
    if ((await periodsTaken(db, w.id)).has(period.key)) return;
    const notes = (retrospectiveId: string) =>
      to.map((address) => ({ kind: 'retro_pack' as const, to: { personId: null, address }, data: { retrospectiveId }, dedupeKey: `retro_pack:${period.key}:${address}` }));
    if (await openRetrospective(db, w, period, crypto.randomUUID(), notes, now)) opened++;
  }, log);
  return opened;
}

/**
 * Reminds each open retrospective action's owner from its due day on, like a review: from
 * 09:00 on working days in the workspace's zone, at most once a day (the row's reminded day
 * and the dedupe key), and never once it is done. Bounded by {@link JOB_BATCH} per run.
 */
export async function remindRetroActions(db: Db, now: Date, log: JobLog): Promise<number> {
  let reminded = 0;
  const rows = await actionsToRemind(db, dateText(now, EARLIEST_ZONE), JOB_BATCH);
  const workspace = workspaceCache(db);
  await eachItem('retro action reminders', rows, (a) => a.id, async (a) => {
    const w = await workspace(a.workspaceId);
    const tz = w.settings.timeZone;
    const today = dateText(now, tz);
    if (localHour(now, tz) < RETRO_HOUR || !calendarOf(w.settings).isWorkingDay(today)) return;
    if (!shouldRemindAction({ status: a.status, dueOn: dayOf(a.dueAt), remindedOn: a.remindedOn }, today)) return;
    const note = { kind: 'retro_action_reminder' as const, to: { personId: a.ownerId, address: a.ownerAddress }, data: { actionId: a.id }, dedupeKey: `retro_action_reminder:${a.id}:${today}` };
    await remindAction(db, w, a.id, today, [note], now);
    reminded++;
  }, log);
  return reminded;
}
