import { TZDate } from '@date-fns/tz';
import { batchOnce, type Db } from '../db/client.ts';
import { claimDigest, digestWritten, listWorkspaces } from '../db/queries/jobs.ts';
import { weekOf } from '../domain/iso-week.ts';
import { gatherDigest } from './digest-data.ts';
import { eachItem, JOB_BATCH, notify, pmoAddresses, type JobLog } from './job-kit.ts';

const DIGEST_HOUR = 9;

/**
 * Every Monday from 09:00 in each workspace's zone (or later that week if the service was
 * down), the PMO gets the week's digest once: the digests row and the messages are written
 * in one batch, and the row's unique key makes a second run a no-op.
 */
export async function sendWeeklyDigests(db: Db, now: Date, log: JobLog): Promise<number> {
  let sent = 0;
  const all = await listWorkspaces(db, JOB_BATCH * 5);
  await eachItem('weekly digest', all, (w) => w.id, async (w) => {
    const tz = w.settings.timeZone;
    const { start, isoWeek } = weekOf(now, tz);
    const mondayNine = new TZDate(start.getTime(), tz);
    mondayNine.setHours(DIGEST_HOUR, 0, 0, 0);
    const to = pmoAddresses(w.settings);
    if (now.getTime() < mondayNine.getTime() || to.length === 0) return;
    if (await digestWritten(db, w.id, isoWeek)) return;
    const data = await gatherDigest(db, w.id, now, tz);
    // Another run may have written this week's digest meanwhile: then nothing is written.
    const written = await batchOnce(
      db,
      [
        claimDigest(db, w.id, isoWeek, now),
        ...notify(db, w, to.map((address) => ({ kind: 'digest', to: { personId: null, address }, data: { week: isoWeek, digest: data }, dedupeKey: `digest:${isoWeek}:${address}` })), now),
      ],
      'digests',
    );
    if (written) sent++;
  }, log);
  return sent;
}
