import type { DepsCore } from '../../deps.ts';

/**
 * How long the response may wait for a listener after it called ack(). Slack gives 3 s per
 * request; listeners normally finish (one write, one views.open) well before this.
 */
export const AFTER_ACK_GRACE_MS = 2_000;

/**
 * How long a request waits for users.info (the client allows 10 s) before it goes on with
 * the cached profile or a new row in the workspace's language: the 3-second ack window and a
 * trigger id's 3-second life leave no room for a slow Slack.
 */
export const PROFILE_LOOKUP_BUDGET_MS = 1_000;

/** The time budgets inside Slack's 3-second window (Deps' `slackTimings`). */
export type SlackTimings = NonNullable<DepsCore['slackTimings']>;

/** Production's budgets. */
export const DEFAULT_SLACK_TIMINGS: SlackTimings = { afterAckGraceMs: AFTER_ACK_GRACE_MS, profileLookupBudgetMs: PROFILE_LOOKUP_BUDGET_MS };

/** The budgets in force for these deps: the defaults unless the deps were built with others (tests). */
export function slackTimings(deps: Pick<DepsCore, 'slackTimings'>): SlackTimings {
  return deps.slackTimings ?? DEFAULT_SLACK_TIMINGS;
}

/**
 * `p`'s value if it settles within `ms`, else `undefined` (p keeps running: the caller may
 * hand it to deferred work).
 */
export async function within<T>(p: Promise<T>, ms: number): Promise<{ value: T } | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([p.then((value) => ({ value })), late]);
  } finally {
    clearTimeout(timer);
  }
}
