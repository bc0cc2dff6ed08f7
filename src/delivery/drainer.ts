import { drainPass } from './drain.ts';
import { DEFAULT_DRAIN, type DrainDeps, type DrainOptions, type DrainReport, emptyReport } from './drain-options.ts';

/** Waits `ms`, or less when `signal` aborts. Injected, so tests drive time with a clock. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** The real one (Node and Workers timers). */
export const timerSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

export interface RunOptions {
  /** A run stops waiting when nothing is due within this long; the job timer or the next kick carries on. */
  idleMs: number;
  /** A run ends this long after it started or was last kicked (Workers: inside waitUntil's 30 s). */
  deadlineMs: number;
  /** Passes start at least this far apart, so a burst of kicks costs one pass per gap, not one per request. */
  minPassGapMs: number;
}

export const NODE_RUN: RunOptions = { idleMs: 60_000, deadlineMs: Number.POSITIVE_INFINITY, minPassGapMs: 100 };
/**
 * waitUntil gives 30 s after the response. A run ends 27 s after it started (kicks during it
 * do not extend it: the run lives in the invocation that started it), and no send starts
 * that could not finish by then (12 s, above the platform clients' 10 s timeouts). It waits
 * for budgets (windows are ≤ 3 s) but leaves retries, 5 s and more away, to the cron.
 */
export const WORKERS_RUN: RunOptions & Partial<DrainOptions> = { idleMs: 3_000, deadlineMs: 27_000, minPassGapMs: 100, sendTimeoutMs: 12_000 };

export interface Drainer {
  /**
   * Asks for delivery. Starts a run when none is going; during a run it only asks for one
   * more pass (and wakes a waiting run). Resolves with the run's report when it ends.
   */
  kick(): Promise<DrainReport>;
  /**
   * kick() for a request's deferred work: a run's promise when this kick starts the run; when
   * it joins one (asking for another pass) it resolves at once, since the run's starter waits
   * for it already (shutdown, waitUntil). Otherwise every request of a busy process would keep a
   * waiter on the run, and with it that request's deps, for as long as the run lasts (on Node,
   * while rows are due: minutes, and old-generation garbage collections of tens of ms).
   */
  nudge(): Promise<void>;
  /** Ends the run after its current pass (kicks after this make one pass each); resolves when idle. */
  stop(): Promise<void>;
}

export interface DrainerDeps extends DrainDeps {
  /** Without it (tests on a manual clock) a run is one pass per kick and never waits. */
  sleep?: Sleep;
}

/**
 * The process's drainer: single-flight (one run at a time in this process), and while rows
 * are due it keeps going, waiting for the soonest budget or retry rather than the next tick,
 * until nothing is due within `idleMs` or the deadline passes.
 */
export function createDrainer(deps: DrainerDeps, options: Partial<RunOptions & DrainOptions> = {}): Drainer {
  const o = { ...DEFAULT_DRAIN, ...NODE_RUN, ...options };
  let generation = 0;
  let run: Promise<DrainReport> | undefined;
  let again = false;
  let stopped = false;
  let deadline = 0;
  // When the run should next show a sign of life (a pass, a send, the end of a wait). A run
  // past it by a lease was cut off (Workers cancel waitUntil work after 30 s, leaving its
  // promise unsettled): the next kick starts afresh instead of joining it.
  let aliveUntil = 0;
  let waking: AbortController | undefined;
  const now = () => deps.clock.now().getTime();
  const alive = (until: number) => (aliveUntil = Math.max(aliveUntil, until));
  const passDeps = { ...deps, onSendStart: alive };

  async function wait(ms: number) {
    waking = new AbortController();
    alive(now() + ms);
    await deps.sleep!(ms, waking.signal);
    waking = undefined;
  }

  /** ms until the next pass should start; null to end the run. */
  async function nextPassIn(pass: Awaited<ReturnType<typeof drainPass>>): Promise<number | null> {
    if (again || pass.leased > 0) return 0;
    const t = now();
    const next = await deps.store.nextDueAfter(new Date(t));
    const waits = [pass.budgetWaitMs, next && next.getTime() - t].filter((w): w is number => w !== null);
    return waits.length ? Math.min(...waits) : null;
  }

  async function loop(gen: number): Promise<DrainReport> {
    try {
      return await passes(gen);
    } catch (err) {
      if (gen === generation) run = undefined;
      throw err;
    }
  }

  async function passes(gen: number): Promise<DrainReport> {
    const total = emptyReport();
    for (let first = true; ; first = false) {
      if (!first && !again && (!deps.sleep || stopped)) break;
      again = false;
      const started = now();
      alive(started);
      const pass = await drainPass(passDeps, { ...o, sendBy: Math.min(o.sendBy, deadline) });
      for (const k of Object.keys(total) as (keyof DrainReport)[]) total[k] += pass.report[k];
      if (!deps.sleep || stopped) continue;
      const next = await nextPassIn(pass);
      if (next === null || next > o.idleMs) {
        if (again) continue;
        break;
      }
      const at = Math.max(now() + next, started + o.minPassGapMs);
      if (at > deadline) break;
      if (at > now()) await wait(at - now());
      // Woken early by a kick: still keep the gap since the last pass.
      const gap = started + o.minPassGapMs - now();
      if (gap > 0) await wait(gap);
    }
    // Cleared as the run decides to end (no await in between), so a kick that comes after
    // this starts a new run instead of joining one that will not look again.
    if (gen === generation) run = undefined;
    if (total.sent + total.retried + total.dead) deps.log?.('outbox drained', { ...total });
    return total;
  }

  function start(): { run: Promise<DrainReport>; joined: boolean } {
    if (run && now() > aliveUntil + o.leaseMs) run = undefined;
    if (run) {
      again = true;
      waking?.abort();
      return { run, joined: true };
    }
    deadline = now() + o.deadlineMs;
    aliveUntil = now();
    run = loop(++generation);
    return { run, joined: false };
  }

  return {
    kick: () => start().run,
    nudge() {
      const { run, joined } = start();
      return joined ? Promise.resolve() : run.then(() => undefined);
    },
    async stop() {
      stopped = true;
      waking?.abort();
      await run?.catch(() => undefined);
    },
  };
}
