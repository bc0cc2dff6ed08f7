/**
 * Dates and times in a reader's zone, e.g. 2026-04-06 09:00. A list or an export of 100,000
 * outcomes formats ~300,000 instants, so each zone keeps one Intl formatter (building one costs
 * far more than using it) and its UTC offset per hour: an hour whose start and end have the same
 * offset has it throughout (a zone never changes twice within an hour), and its instants are
 * then formatted by arithmetic, not by Intl (~20× less time than date-fns' TZDate, which asked
 * Intl several times per instant). Hours with a change, and instants before 1970, ask Intl.
 */
const HOUR = 3_600_000;
/** Hours remembered per zone (a year and more); past that the memory starts again. */
const MAX_HOURS = 10_000;

interface Zone {
  format: Intl.DateTimeFormat;
  /** Hour number since 1970 → the zone's offset in ms at its start. */
  offsets: Map<number, number>;
}
type Fields = { year: string; month: string; day: string; hour: string; minute: string; second: string };

const zones = new Map<string, Zone>();

function zoneOf(timeZone: string): Zone {
  let z = zones.get(timeZone);
  if (!z) {
    const format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    zones.set(timeZone, (z = { format, offsets: new Map() }));
  }
  return z;
}

/** The wall-clock fields of `t` in the zone, from Intl. */
function intlFields(z: Zone, t: number): Fields {
  const out: Fields = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
  for (const p of z.format.formatToParts(t)) if (p.type in out) out[p.type as keyof Fields] = p.value;
  out.year = out.year.padStart(4, '0');
  return out;
}

/** The zone's offset at `t` (a whole second), in ms: its wall clock read as UTC, minus `t`. */
function offsetAt(z: Zone, t: number): number {
  const f = intlFields(z, t);
  return Date.UTC(+f.year, +f.month - 1, +f.day, +f.hour, +f.minute, +f.second) - t;
}

/** The zone's offset at the start of hour `hour` (since 1970), asked of Intl once per hour. */
function hourStartOffset(z: Zone, hour: number): number {
  let offset = z.offsets.get(hour);
  if (offset === undefined) {
    if (z.offsets.size >= MAX_HOURS) z.offsets.clear();
    z.offsets.set(hour, (offset = offsetAt(z, hour * HOUR)));
  }
  return offset;
}

function fieldsIn(d: Date, timeZone: string): Fields {
  const t = d.getTime();
  const z = zoneOf(timeZone);
  if (!(t >= 0)) return intlFields(z, t); // NaN throws there, as an invalid time should
  const hour = Math.floor(t / HOUR);
  const start = hourStartOffset(z, hour);
  const offset = start === hourStartOffset(z, hour + 1) ? start : null;
  if (offset === null) return intlFields(z, t);
  const wall = new Date(t + offset);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    year: String(wall.getUTCFullYear()).padStart(4, '0'),
    month: two(wall.getUTCMonth() + 1),
    day: two(wall.getUTCDate()),
    hour: two(wall.getUTCHours()),
    minute: two(wall.getUTCMinutes()),
    second: two(wall.getUTCSeconds()),
  };
}

/** A calendar date in `timeZone`, e.g. 2026-04-06. */
export const dateText = (d: Date, timeZone: string) => {
  const f = fieldsIn(d, timeZone);
  return `${f.year}-${f.month}-${f.day}`;
};
/** Date and time in `timeZone`, e.g. 2026-04-06 09:00. */
export const dateTimeText = (d: Date, timeZone: string) => {
  const f = fieldsIn(d, timeZone);
  return `${f.year}-${f.month}-${f.day} ${f.hour}:${f.minute}`;
};
