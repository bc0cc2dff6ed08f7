import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';
import type { Db } from '../db/client.ts';
import { readDigest, type DigestPeriod } from '../db/queries/digest.ts';
import type { DigestData } from '../domain/digest.ts';
import { DAY_MS } from './job-kit.ts';

export type { DigestPeriod } from '../db/queries/digest.ts';

/** Monday 00:00 of `now`'s ISO week in `timeZone`, and its ISO week name (2026-W48). */
export function weekOf(now: Date, timeZone: string): { start: Date; isoWeek: string } {
  const start = startOfISOWeek(new TZDate(now.getTime(), timeZone));
  return { start: new Date(start.getTime()), isoWeek: format(start, "RRRR-'W'II") };
}

/**
 * Monday's digest looks back on the ISO week that just ended; the on-demand report
 * (`/outcome report`) on the last seven days.
 */
export function digestPeriod(now: Date, timeZone: string, which: 'previous_week' | 'last_7_days'): DigestPeriod {
  if (which === 'last_7_days') return { from: new Date(now.getTime() - 7 * DAY_MS), to: now };
  const { start } = weekOf(now, timeZone);
  return { from: weekOf(new Date(start.getTime() - DAY_MS), timeZone).start, to: start };
}

/** Everything the digest says about one workspace for `period` (by default the ISO week that just ended). */
export function gatherDigest(db: Db, workspaceId: string, now: Date, timeZone: string, period: DigestPeriod = digestPeriod(now, timeZone, 'previous_week')): Promise<DigestData> {
  return readDigest(db, workspaceId, now, timeZone, period);
}
