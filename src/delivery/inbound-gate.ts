import type { Clock } from '../domain/ports.ts';
import type { Sleep } from './drainer.ts';

/**
 * Lets the drainer give way to inbound requests on the same event loop (Node). An ack has
 * 3 s and a person waiting on it; an outbox row can go a little later. Each request is
 * counted while it runs, and before each pass and each send the drainer waits until none
 * is in flight — at most `maxWaitMs` each time, so under a steady stream of requests
 * delivery slows down but never stops.
 */
export interface InboundGate {
  /** Counts one request as in flight; call the returned function once when it is answered. */
  enter(): () => void;
  /** Resolves once no request is in flight (after requests already waiting to be read had their turn), or after `maxWaitMs`. */
  quiet(): Promise<void>;
  /** Requests in flight now. */
  inFlight(): number;
}

/** A send waits at most this long for the requests in flight (then it goes anyway). */
export const GATE_MAX_WAIT_MS = 250;

/** The gate; `sleep` and `clock` are injected so a test drives the waiting. */
export function createInboundGate(deps: { sleep: Sleep; clock: Clock; maxWaitMs?: number; turn?: () => Promise<void> }): InboundGate {
  const maxWaitMs = deps.maxWaitMs ?? GATE_MAX_WAIT_MS;
  // One macrotask: connections and bodies that arrived meanwhile are read (and counted) first.
  const turn = deps.turn ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  let inFlight = 0;
  const waking = new Set<AbortController>();
  return {
    enter() {
      inFlight++;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        if (--inFlight === 0) for (const w of waking) w.abort();
      };
    },
    async quiet() {
      await turn();
      const until = deps.clock.now().getTime() + maxWaitMs;
      for (let left = maxWaitMs; inFlight > 0 && left > 0; left = until - deps.clock.now().getTime()) {
        const w = new AbortController();
        waking.add(w);
        try {
          await deps.sleep(left, w.signal);
        } finally {
          waking.delete(w);
        }
      }
    },
    inFlight: () => inFlight,
  };
}
