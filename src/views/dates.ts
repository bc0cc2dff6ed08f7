import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';

/** A calendar date in `timeZone`, e.g. 2026-04-06. */
export const dateText = (d: Date, timeZone: string) => format(new TZDate(d.getTime(), timeZone), 'yyyy-MM-dd');
/** Date and time in `timeZone`, e.g. 2026-04-06 09:00. */
export const dateTimeText = (d: Date, timeZone: string) => format(new TZDate(d.getTime(), timeZone), 'yyyy-MM-dd HH:mm');
