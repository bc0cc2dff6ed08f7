import type { Db } from '../db/client.ts';
import { readDigest, type DigestPeriod } from '../db/queries/digest.ts';
import type { DigestData } from '../domain/digest.ts';
import { DAY_MS, weekOf } from '../domain/iso-week.ts';
import type { WorkspaceSettingsShape } from '../domain/settings.ts';
import { calendarEndWarning, calendarOf } from '../domain/working-calendar.ts';
import { dateText } from '../views/dates.ts';

export type { DigestPeriod } from '../db/queries/digest.ts';

/**
 * The one window of a digest: the ISO week (Monday 00:00 to Monday 00:00 in the workspace's
 * zone) that last ended before `now`. Monday's digest and `/outcome report` both use it, so
 * two digests of one week cover the same days and say the same.
 */
export function digestPeriod(now: Date, timeZone: string): DigestPeriod {
  const { start } = weekOf(now, timeZone);
  return { from: weekOf(new Date(start.getTime() - DAY_MS), timeZone).start, to: start };
}

/**
 * Everything the digest says about one workspace: the flow of the week that last ended
 * before `now`, and the reviews and approvals as they stand `now`.
 */
export async function gatherDigest(db: Db, workspaceId: string, now: Date, settings: WorkspaceSettingsShape): Promise<DigestData> {
  const data = await readDigest(db, workspaceId, now, settings.timeZone, digestPeriod(now, settings.timeZone));
  return { ...data, calendarEnds: calendarEndWarning(calendarOf(settings), dateText(now, settings.timeZone)) };
}
