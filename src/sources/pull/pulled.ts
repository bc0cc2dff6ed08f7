/** One value a pull read, before it becomes a reading: `key` makes it idempotent (the external id's tail). */
export interface Pulled {
  value: number;
  measuredAt: Date;
  key: string;
}

/**
 * The key of a value that carries no time of its own (measured at fetch time): the UTC day and
 * the value. Pulling the same value again that day stores nothing; a changed value, or the
 * next day, is a new reading. So an hourly source with a flat number adds one reading a day.
 */
export const dailyKey = (at: Date, value: number) => `${at.toISOString().slice(0, 10)}:${value}`;
