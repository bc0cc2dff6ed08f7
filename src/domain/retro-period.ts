/** The periods of retrospectives (复盘): months ('2026-11') and quarters ('2026-Q4'), as calendar days. */

export interface RetroPeriod {
  /** Unique per workspace: what makes the pack job idempotent per period. */
  key: string;
  cadence: 'monthly' | 'quarterly';
  /** First and last day, 'YYYY-MM-DD', inclusive. */
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The last full period before the day `today` ('YYYY-MM-DD' in the workspace's zone): on
 * 2026-12-01 the month 2026-11 (monthly) or the quarter 2026-Q3 (quarterly, since Q4 is not over).
 */
export function previousPeriod(cadence: 'monthly' | 'quarterly', today: string): RetroPeriod {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (cadence === 'monthly') {
    const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
    return { key: `${y}-${pad(m)}`, cadence, start: `${y}-${pad(m)}-01`, end: `${y}-${pad(m)}-${pad(lastDay(y, m))}` };
  }
  const quarter = Math.floor((month - 1) / 3) + 1;
  const [y, q] = quarter === 1 ? [year - 1, 4] : [year, quarter - 1];
  const first = (q - 1) * 3 + 1;
  return { key: `${y}-Q${q}`, cadence, start: `${y}-${pad(first)}-01`, end: `${y}-${pad(first + 2)}-${pad(lastDay(y, first + 2))}` };
}

/** Whole days from `due` to `today` (both 'YYYY-MM-DD'): 0 on the day, negative before it. */
export function daysPast(due: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000);
}

/** Whether an open action gets a reminder today: from its due day on, at most once a day, never once done. */
export function shouldRemindAction(a: { status: 'open' | 'done'; dueOn: string; remindedOn: string | null }, today: string): boolean {
  return a.status === 'open' && daysPast(a.dueOn, today) >= 0 && (a.remindedOn === null || a.remindedOn < today);
}
