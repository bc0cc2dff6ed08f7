import type { Db } from '../db/client.ts';
import { readDigest, type DigestPeriod } from '../db/queries/digest.ts';
import type { DigestData } from '../domain/digest.ts';
import { DAY_MS, weekOf } from '../domain/iso-week.ts';

export type { DigestPeriod } from '../db/queries/digest.ts';


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
