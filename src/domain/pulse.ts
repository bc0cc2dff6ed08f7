/** A recurring pulse: the same questions to the same people every N days until a date. */
import { DAY_MS } from './iso-week.ts';

export const MAX_PULSE_EVERY_DAYS = 90;
export const MAX_PULSE_SPAN_DAYS = 366;

export interface PulsePlan {
  everyDays: number;
  until: Date;
}

/** When the wave after one opened at `openedAt` starts; null when that would be after `until`. */
export function nextWaveStart(openedAt: Date, plan: PulsePlan): Date | null {
  const next = new Date(openedAt.getTime() + plan.everyDays * DAY_MS);
  return next.getTime() <= plan.until.getTime() ? next : null;
}

/**
 * The next wave of a pulse whose previous wave opened at `prev.openedAt` and was open for
 * (closesAt − openedAt): it opens `now` (when the job runs, however late) and stays open as
 * long; the start after it keeps to the plan's rhythm (counted from `scheduledAt`), so a late
 * run does not shift every later wave.
 */
export function nextWave(prev: { openedAt: Date; closesAt: Date; wave: number }, plan: PulsePlan, scheduledAt: Date, now: Date): { wave: number; closesAt: Date; nextWaveAt: Date | null } {
  const openFor = prev.closesAt.getTime() - prev.openedAt.getTime();
  return { wave: prev.wave + 1, closesAt: new Date(now.getTime() + openFor), nextWaveAt: nextWaveStart(scheduledAt, plan) };
}
