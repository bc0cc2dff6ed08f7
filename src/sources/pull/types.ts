import type { Clock } from '../../domain/ports.ts';

/** How pulls reach the network; defaults from {@link defaultPullOptions}, tests inject their own. */
export interface PullOptions {
  fetch: typeof fetch;
  /** Past this a pull counts as failed ("timed out after 10 s"). */
  timeoutMs: number;
  /**
   * A signal that aborts after `ms`. `AbortSignal.timeout` by default; tests pass one they
   * abort themselves, so a hanging server is tested without waiting.
   */
  timer: (ms: number) => AbortSignal;
  /** Largest response body read (JSON, CSV); past it the pull fails. */
  maxBytes: number;
  /** Plain http and private / loopback hosts allowed (SOURCES_ALLOW_PRIVATE_HTTP). */
  allowPrivate: boolean;
  clock: Clock;
}

export const PULL_TIMEOUT_MS = 10_000;
export const PULL_MAX_BYTES = 5 * 1024 * 1024;

/** The production options: the global fetch, 10 s, 5 MB, private addresses per config. */
export function defaultPullOptions(deps: { config: { sources: { allowPrivateHttp: boolean } }; clock: Clock }): PullOptions {
  return { fetch: (input, init) => fetch(input, init), timeoutMs: PULL_TIMEOUT_MS, timer: (ms) => AbortSignal.timeout(ms), maxBytes: PULL_MAX_BYTES, allowPrivate: deps.config.sources.allowPrivateHttp, clock: deps.clock };
}

/** "10 s", "500 ms": how a timeout reads in an error. */
export const durationText = (ms: number) => (ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);
