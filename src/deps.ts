import type { Config } from './config.ts';
import { dbForRequest, type Db } from './db/client.ts';
import { createOutboxStore } from './db/repos/outbox-store.ts';
import { createOutcomeRepo } from './db/repos/outcome-repo.ts';
import { createPeopleRepo } from './db/repos/people-repo.ts';
import { createProcessedEvents } from './db/repos/processed-events.ts';
import { createReviewRepo } from './db/repos/review-repo.ts';
import { createSurveyRepo } from './db/repos/survey-repo.ts';
import { createWorkspaceRepo } from './db/repos/workspace-repo.ts';
import type { Defer } from './defer.ts';
import type { Deps, DepsCore, Repos, Runtime, SenderFactory } from './deps-types.ts';
import type { InboundGate } from './delivery/inbound-gate.ts';
import { createDrainer, NODE_RUN, type Sleep, timerSleep, WORKERS_RUN } from './delivery/drainer.ts';
import { createRateBudget } from './delivery/rate-budget.ts';
import type { Sender } from './delivery/types.ts';
import type { BlobStore } from './domain/blob-store.ts';
import type { Clock } from './domain/ports.ts';
import { configSecrets, redactingLog, withRequestId, type Log } from './log.ts';
import type { RequestContext } from './request-context.ts';

export type { Deps, DepsCore, Repos, Runtime, SenderFactory } from './deps-types.ts';

export const systemClock: Clock = { now: () => new Date() };

function createRepos(db: Db, config: Config): Repos {
  return {
    outcomes: createOutcomeRepo(db),
    people: createPeopleRepo(db),
    workspaces: createWorkspaceRepo(db, { timeZone: config.defaultTimeZone, locale: config.defaultLocale }),
    outbox: createOutboxStore(db),
    events: createProcessedEvents(db),
    surveys: createSurveyRepo(db),
    reviews: createReviewRepo(db),
  };
}

export interface DepsInput {
  config: Config;
  runtime: Runtime;
  db: Db;
  defer: Defer;
  log: Log;
  clock?: Clock;
  /**
   * The platforms' outbox senders, built from the core (src/platform-senders.ts). Injected, so
   * this module imports no platform code and the senders can import the deps' types.
   */
  platformSenders: Partial<Record<string, SenderFactory>>;
  /** How the drainer waits; real timers by default, none with an injected clock (one pass per kick) unless given. */
  sleep?: Sleep;
  /** Extra or replacement outbox senders (tests). */
  senders?: Partial<Record<string, Sender>>;
  /** The Node entry's count of requests in flight: the drainer gives way to them (src/delivery/inbound-gate.ts). */
  inbound?: InboundGate;
  /** Shorter Slack in-request budgets (tests); production's defaults when unset. */
  slackTimings?: { afterAckGraceMs: number; profileLookupBudgetMs: number };
  /** The evidence file store the entry built (BLOB_DIR, the EVIDENCE binding); none, no uploads. */
  blobs?: BlobStore;
}

/** Wires the repositories and ports; no container, no globals. */
export function createDeps(input: DepsInput): Deps {
  const clock = input.clock ?? systemClock;
  const repos = createRepos(input.db, input.config);
  const core: DepsCore = {
    config: input.config,
    runtime: input.runtime,
    db: input.db,
    defer: input.defer,
    log: redactingLog(input.log, configSecrets(input.config)),
    clock,
    repos,
    budget: createRateBudget(),
    verbs: { clock, outcomes: repos.outcomes, people: repos.people, newId: () => crypto.randomUUID(), via: 'job' },
    slackTimings: input.slackTimings,
    blobs: input.blobs,
  };
  const built = Object.entries(input.platformSenders).map(([platform, make]) => [platform, make?.(core)] as const);
  const senders: Partial<Record<string, Sender>> = { ...Object.fromEntries(built), ...input.senders };
  const sleep = input.sleep ?? (input.clock ? undefined : timerSleep);
  // On an injected clock (tests) rows go strictly one after another, so a test's injected
  // fault meets the row it is meant for; on real timers sends to different destinations overlap.
  const drainer = createDrainer(
    { store: repos.outbox, senders, budget: core.budget, clock, sleep, log: (m, d) => core.log('info', m, d), ...(input.inbound ? { yieldTo: input.inbound.quiet } : {}) },
    { ...(input.runtime === 'workers' ? WORKERS_RUN : NODE_RUN), concurrency: sleep === timerSleep ? 8 : 1 },
  );
  return { ...core, senders, drainer };
}

/**
 * The deps for one request's work: the same deps, with its log lines carrying the request's
 * id and its database handle (and the repositories over it) carrying the request, for the
 * outbox rows it writes and the access line's workspace. Built per request: a few closures.
 */
export function forRequest(deps: Deps, request: RequestContext): Deps {
  const db = dbForRequest(deps.db, request);
  const repos = createRepos(db, deps.config);
  const unscoped = deps.unscoped ?? deps;
  return { ...deps, db, repos, log: withRequestId(unscoped.log, request.requestId), verbs: { ...deps.verbs, outcomes: repos.outcomes, people: repos.people }, unscoped };
}

/** The deps a request's were made from (the process's own for anything else). */
export const unscoped = (deps: Deps): Deps => deps.unscoped ?? deps;
