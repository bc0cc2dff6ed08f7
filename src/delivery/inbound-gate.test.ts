import { describe, expect, it } from 'vitest';
import { createInboundGate } from './inbound-gate.ts';

/** A clock that only moves when a sleep runs to its end; a woken sleep moves it by nothing. */
function waiting() {
  let now = 0;
  const sleeps: { ms: number; woken: boolean }[] = [];
  const pending: (() => void)[] = [];
  return {
    clock: { now: () => new Date(now) },
    sleeps,
    /** Lets every sleep in progress run to its end. */
    elapse: () => pending.splice(0).forEach((f) => f()),
    sleep: (ms: number, signal: AbortSignal) =>
      new Promise<void>((resolve) => {
        const entry = { ms, woken: false };
        sleeps.push(entry);
        signal.addEventListener('abort', () => ((entry.woken = true), resolve()), { once: true });
        pending.push(() => ((now += ms), resolve()));
      }),
    turn: () => Promise.resolve(),
  };
}
const settled = async (p: Promise<unknown>) => {
  let done = false;
  void p.then(() => (done = true));
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return done;
};

describe('the inbound gate the drainer gives way to', () => {
  it('lets the drainer on at once when no request is in flight', async () => {
    const t = waiting();
    const gate = createInboundGate({ ...t, maxWaitMs: 250 });
    expect(await settled(gate.quiet())).toBe(true);
    expect(t.sleeps).toHaveLength(0);
  });

  it('holds the drainer while requests are in flight and lets it on when the last one is answered', async () => {
    const t = waiting();
    const gate = createInboundGate({ ...t, maxWaitMs: 250 });
    const a = gate.enter();
    const b = gate.enter();
    const quiet = gate.quiet();
    expect(await settled(quiet)).toBe(false);
    a();
    a(); // answering twice counts once
    expect(gate.inFlight()).toBe(1);
    expect(await settled(quiet)).toBe(false);
    b();
    expect(await settled(quiet)).toBe(true);
    expect(t.sleeps).toEqual([{ ms: 250, woken: true }]);
  });

  it('never holds it longer than maxWaitMs: under a steady stream of requests delivery slows down but goes on', async () => {
    const t = waiting();
    const gate = createInboundGate({ ...t, maxWaitMs: 250 });
    gate.enter();
    const quiet = gate.quiet();
    expect(await settled(quiet)).toBe(false);
    t.elapse();
    expect(await settled(quiet)).toBe(true);
    expect(gate.inFlight()).toBe(1);
    expect(t.clock.now().getTime()).toBe(250);
  });
});
