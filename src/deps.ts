import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import { createOutboxStore } from './db/repos/outbox-store.ts';
import { createOutcomeRepo } from './db/repos/outcome-repo.ts';
import { createPeopleRepo } from './db/repos/people-repo.ts';
import { createProcessedEvents } from './db/repos/processed-events.ts';
import { createReviewRepo } from './db/repos/review-repo.ts';
import { createSurveyRepo } from './db/repos/survey-repo.ts';
import { createWorkspaceRepo } from './db/repos/workspace-repo.ts';
import type { Defer } from './defer.ts';
import { createRateBudget, type RateBudget } from './delivery/rate-budget.ts';
import type { Sender } from './delivery/types.ts';
import type { Clock, VerbContext } from './domain/ports.ts';
import { configSecrets, scopedLog, type Log } from './log.ts';

export type Runtime = 'node' | 'workers';

/** Everything handlers and jobs need: a plain object, built once per process or isolate. */
export interface Deps extends DepsCore {
  /** Platform senders for the outbox, keyed by platform name. */
  senders: Partial<Record<string, Sender>>;
}

/** Deps without the senders (which are built from these). */
export interface DepsCore {
  config: Config;
  runtime: Runtime;
  db: Db;
  clock: Clock;
  defer: Defer;
  log: Log;
  repos: ReturnType<typeof createRepos>;
  budget: RateBudget;
  /** The context the domain verbs take. */
  verbs: VerbContext;
  /** Budgets inside Slack's 3-second window (src/slack/timing.ts); its defaults when unset. */
  slackTimings?: { afterAckGraceMs: number; profileLookupBudgetMs: number };
}

export const systemClock: Clock = { now: () => new Date() };

function createRepos(db: Db, config: Config) {
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
  /** Extra or replacement outbox senders (tests). */
  senders?: Partial<Record<string, Sender>>;
  /** Shorter Slack in-request budgets (tests); production's defaults when unset. */
  slackTimings?: { afterAckGraceMs: number; profileLookupBudgetMs: number };
}

/**
 * A sender whose module (and with it the platform's SDK) is imported only for a configured
 * platform, starting right away so it is ready before the first delivery.
 */
function platformSender(load: () => Promise<Sender | undefined>): Sender {
  const sender = load();
  sender.catch(() => {}); // reported by the first send
  return {
    async send(row) {
      const s = await sender;
      return s ? s.send(row) : { ok: false, error: `no sender for platform "${row.platform}"`, permanent: true };
    },
  };
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
    log: scopedLog(input.log, configSecrets(input.config)),
    clock,
    repos,
    budget: createRateBudget(),
    verbs: { clock, outcomes: repos.outcomes, people: repos.people, newId: () => crypto.randomUUID() },
    slackTimings: input.slackTimings,
  };
  const senders: Partial<Record<string, Sender>> = {
    ...(input.config.slack ? { slack: platformSender(() => import('./slack/sender.ts').then((m) => m.createSlackSender(core))) } : {}),
    ...(input.config.feishu ? { feishu: platformSender(() => import('./feishu/sender.ts').then((m) => m.createFeishuSender(core))) } : {}),
    ...input.senders,
  };
  return { ...core, senders };
}
