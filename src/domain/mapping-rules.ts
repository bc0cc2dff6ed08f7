/**
 * The mapping-rule catalogue (design.md §10): how a webhook source's events become one
 * metric's readings. Pure: each function takes the source's normalised event history and
 * an instant, and says what the metric read at that instant. A delivery's reading is the
 * rule evaluated at the event's own time over the events that had happened by then, so a
 * reading never depends on deliveries that arrived later, and the same history always
 * gives the same value.
 */
import { TZDate } from '@date-fns/tz';
import { startOfDay } from 'date-fns/startOfDay';
import { startOfMonth } from 'date-fns/startOfMonth';
import type { MappingRule, SourceEvent } from '../sources/source-config.ts';
import { DAY_MS, weekOf } from './iso-week.ts';

/** One normalised event: what happened to which item, when. */
export interface RuleEvent {
  event: SourceEvent;
  /** The PR, issue, milestone, Jira issue or version, stable across renames. */
  itemKey: string;
  occurredAt: Date;
  /** When the item was opened or created; durations run from here to `occurredAt`. */
  startedAt: Date | null;
  /** Milestones and versions: the end of their due day. */
  dueAt: Date | null;
  /** The item's state after the event (Jira status name, merged, completed, …). */
  state: string | null;
}

export type RulePeriod = 'day' | 'week' | 'month';

/** The events that complete a milestone: GitHub milestones and Jira versions. */
export const MILESTONE_EVENTS: readonly SourceEvent[] = ['milestone_closed', 'jira_version_released'];

/** Events that take back an earlier one for the same item: a reopened issue is no longer resolved. */
const UNDONE_BY: Partial<Record<SourceEvent, SourceEvent>> = { jira_issue_resolved: 'jira_issue_reopened' };

const HOUR_MS = 3_600_000;

/** The start (in `timeZone`) of the day, ISO week or calendar month that contains `at`. */
export function periodStart(at: Date, period: RulePeriod, timeZone: string): Date {
  if (period === 'week') return weekOf(at, timeZone).start;
  const zoned = new TZDate(at.getTime(), timeZone);
  return new Date((period === 'day' ? startOfDay(zoned) : startOfMonth(zoned)).getTime());
}

/**
 * The events a rule reads: those it is evaluated over, and so the only ones a source stores.
 * Null means every event (share in state: any event moves an item's state).
 */
export function ruleEvents(rule: MappingRule): readonly SourceEvent[] | null {
  switch (rule.type) {
    case 'count_per_period':
      return rule.events;
    case 'mean_duration': {
      const undo = UNDONE_BY[rule.event];
      return undo ? [rule.event, undo] : [rule.event];
    }
    case 'milestone_rate':
      return MILESTONE_EVENTS;
    case 'share_in_state':
      return null;
  }
}

/** True when `rule` reads `event`: a delivery of any other event is answered 200 and stores nothing. */
export function ruleReads(rule: MappingRule, event: SourceEvent): boolean {
  const events = ruleEvents(rule);
  return events === null || events.includes(event);
}

/** The earliest event time a rule evaluated at `at` can read (null: the whole history). */
export function ruleWindowStart(rule: MappingRule, at: Date, timeZone: string): Date | null {
  if (rule.type === 'count_per_period') return periodStart(at, rule.period, timeZone);
  if (rule.type === 'mean_duration' && rule.period !== 'all') return periodStart(at, rule.period, timeZone);
  return null;
}

/** Each item's latest event among `events` at or before `at` (ties: the later in the list wins). */
function latestPerItem(history: readonly RuleEvent[], at: Date, events: readonly SourceEvent[] | null): RuleEvent[] {
  const latest = new Map<string, RuleEvent>();
  for (const e of history) {
    if (e.occurredAt > at || (events && !events.includes(e.event))) continue;
    const seen = latest.get(e.itemKey);
    if (!seen || e.occurredAt >= seen.occurredAt) latest.set(e.itemKey, e);
  }
  return [...latest.values()];
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const percent = (part: number, whole: number) => (whole === 0 ? null : round2((100 * part) / whole));

/**
 * Count per period: how many distinct items had one of the rule's events in the period
 * (day, ISO week or month in `timeZone`) containing `at`, up to `at`. Distinct items, so an
 * issue that moves Done → Closed (resolved twice) counts once.
 */
export function countInPeriod(history: readonly RuleEvent[], events: readonly SourceEvent[], period: RulePeriod, at: Date, timeZone: string): number {
  const from = periodStart(at, period, timeZone);
  const items = new Set(history.filter((e) => events.includes(e.event) && e.occurredAt >= from && e.occurredAt <= at).map((e) => e.itemKey));
  return items.size;
}

/**
 * Mean duration from `startedAt` to `occurredAt` of `event` (PR opened → merged, Jira created
 * → resolved), in hours or days, rounded to 0.01, over each item's latest such event by `at`;
 * an item whose latest event undid it (a reopened issue) is left out until it is resolved
 * again. With a period, only items completed in the period containing `at`. Null when no
 * item qualifies.
 */
export function meanDuration(history: readonly RuleEvent[], event: SourceEvent, unit: 'hours' | 'days', period: RulePeriod | 'all', at: Date, timeZone: string): number | null {
  const undo = UNDONE_BY[event];
  const from = period === 'all' ? null : periodStart(at, period, timeZone);
  const done = latestPerItem(history, at, undo ? [event, undo] : [event]).filter((e) => e.event === event && e.startedAt && (!from || e.occurredAt >= from));
  if (done.length === 0) return null;
  const totalMs = done.reduce((sum, e) => sum + Math.max(0, e.occurredAt.getTime() - e.startedAt!.getTime()), 0);
  return round2(totalMs / done.length / (unit === 'hours' ? HOUR_MS : DAY_MS));
}

/**
 * Milestone achievement rate, in percent: of the milestones and versions completed by `at`
 * that had a due date, the share completed by the end of their due day. Milestones without
 * a due date are not counted; null when none had one.
 */
export function milestoneRate(history: readonly RuleEvent[], at: Date): number | null {
  const due = latestPerItem(history, at, MILESTONE_EVENTS).filter((e) => e.dueAt);
  return percent(due.filter((e) => e.occurredAt <= e.dueAt!).length, due.length);
}

/**
 * Share in state, in percent: of the items seen by `at`, the share whose latest state is one
 * of `states` (compared without case). Null before any item.
 */
export function shareInState(history: readonly RuleEvent[], states: readonly string[], at: Date): number | null {
  const wanted = new Set(states.map((s) => s.toLowerCase()));
  const items = latestPerItem(history, at, null);
  return percent(items.filter((e) => e.state !== null && wanted.has(e.state.toLowerCase())).length, items.length);
}

/** What the metric reads at `at` by `rule` over `history`; null when the rule has nothing to say yet. */
export function evaluateRule(rule: MappingRule, history: readonly RuleEvent[], at: Date, timeZone: string): number | null {
  switch (rule.type) {
    case 'count_per_period':
      return countInPeriod(history, rule.events, rule.period, at, timeZone);
    case 'mean_duration':
      return meanDuration(history, rule.event, rule.unit, rule.period, at, timeZone);
    case 'milestone_rate':
      return milestoneRate(history, at);
    case 'share_in_state':
      return shareInState(history, rule.states, at);
  }
}
