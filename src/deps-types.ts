import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import type { createOutboxStore } from './db/repos/outbox-store.ts';
import type { createOutcomeRepo } from './db/repos/outcome-repo.ts';
import type { createPeopleRepo } from './db/repos/people-repo.ts';
import type { createProcessedEvents } from './db/repos/processed-events.ts';
import type { createReviewRepo } from './db/repos/review-repo.ts';
import type { createSurveyRepo } from './db/repos/survey-repo.ts';
import type { createWorkspaceRepo } from './db/repos/workspace-repo.ts';
import type { Defer } from './defer.ts';
import type { Drainer } from './delivery/drainer.ts';
import type { RateBudget } from './delivery/rate-budget.ts';
import type { Sender } from './delivery/types.ts';
import type { BlobStore } from './domain/blob-store.ts';
import type { Clock, VerbContext } from './domain/ports.ts';
import type { Log } from './log.ts';

// The shape of the deps, apart from their wiring (deps.ts): the senders are built from
// DepsCore, so they and everything they use import these types from here, never from the
// module that imports them (test/unit/import-cycles.test.ts).

export type Runtime = 'node' | 'workers';

/** The repositories, one per aggregate, all over the same database. */
export interface Repos {
  outcomes: ReturnType<typeof createOutcomeRepo>;
  people: ReturnType<typeof createPeopleRepo>;
  workspaces: ReturnType<typeof createWorkspaceRepo>;
  outbox: ReturnType<typeof createOutboxStore>;
  events: ReturnType<typeof createProcessedEvents>;
  surveys: ReturnType<typeof createSurveyRepo>;
  reviews: ReturnType<typeof createReviewRepo>;
}

/** Everything handlers and jobs need: a plain object, built once per process or isolate (and, over it, per request: forRequest in src/deps.ts). */
export interface Deps extends DepsCore {
  /** Platform senders for the outbox, keyed by platform name. */
  senders: Partial<Record<string, Sender>>;
  /** The process's outbox drainer (src/delivery/drainer.ts). */
  drainer: Drainer;
  /** For a request's deps (forRequest in src/deps.ts), the deps they were made from: what per-process caches (Bolt's app, Feishu's dispatcher) key on. */
  unscoped?: Deps;
}

/** Deps without the senders (which are built from these). */
export interface DepsCore {
  config: Config;
  runtime: Runtime;
  db: Db;
  clock: Clock;
  defer: Defer;
  log: Log;
  repos: Repos;
  budget: RateBudget;
  /** The context the domain verbs take. */
  verbs: VerbContext;
  /** Where uploaded evidence files go (a folder on Node, R2 on Workers); none configured, no uploads. */
  blobs?: BlobStore;
  /** Budgets inside Slack's 3-second window (src/slack/inbound/timing.ts); its defaults when unset. */
  slackTimings?: { afterAckGraceMs: number; profileLookupBudgetMs: number };
}

/** Builds one platform's outbox sender from the core deps; undefined when the platform is off. */
export type SenderFactory = (core: DepsCore) => Sender | undefined;
