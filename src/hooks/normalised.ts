import { z } from 'zod';
import type { RuleEvent } from '../domain/mapping-rules.ts';
import type { SourceEvent } from '../sources/source-config.ts';
import { badRequest } from '../errors.ts';

/** What a delivery says: one event for the rules, or nothing to map (and why, for the answer). */
export type Normalised = { kind: 'event'; event: RuleEvent } | { kind: 'ignored'; reason: string };

export const ignored = (reason: string): Normalised => ({ kind: 'ignored', reason });

/** A delivery that maps to `event` about `itemKey`. */
export function mapped(event: SourceEvent, itemKey: string, occurredAt: Date, startedAt: Date | null, dueAt: Date | null, state: string | null): Normalised {
  return { kind: 'event', event: { event, itemKey, occurredAt, startedAt, dueAt, state } };
}

/** An ISO-8601 time as GitHub and Jira send it; Jira writes offsets without a colon (`+1100`). */
export const isoTime = z
  .string()
  .transform((s) => new Date(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')))
  .refine((d) => !Number.isNaN(d.getTime()), 'an ISO-8601 time');

/** A `yyyy-mm-dd` due date (or a time, whose UTC day is taken), as the end of that UTC day: done on the day is on time. */
export const endOfDueDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}/, 'a date like 2026-11-30')
  .transform((s) => new Date(`${s.slice(0, 10)}T23:59:59.999Z`))
  .refine((d) => !Number.isNaN(d.getTime()), 'a date');

/**
 * Parses the part of a payload an event needs. A signed delivery that lacks it is the
 * sender's mistake: a 400 naming the first missing field, never a 5xx.
 */
export function payloadOf<T extends z.ZodType>(schema: T, payload: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw badRequest(`not a ${what} payload: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
}
