import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../../src/db/client.ts';
import { actionGuards, processedEvents } from '../../src/db/schema/index.ts';
import { testDeps } from '../helpers/db.ts';

let t: Awaited<ReturnType<typeof testDeps>>;
beforeEach(async () => {
  t = await testDeps();
});
afterEach(() => t.close());

describe('business once-only guards are apart from the pruned delivery memory', () => {
  it('a recorded review stays recorded after processed_events is pruned', async () => {
    const { deps } = t;
    const ws = await deps.repos.workspaces.ensure('slack', 'T1');
    const guard = () => deps.db.insert(actionGuards).values({ workspaceId: ws.id, action: 'review_recorded', key: 'sched-1', at: new Date() });
    await guard();
    await deps.repos.events.prune(new Date('2999-01-01'));
    expect(isUniqueViolation(await guard().catch((e: unknown) => e), 'action_guards')).toBe(true);
  });

  it('prunes only old deliveries, at most a bounded number per run', async () => {
    const { deps } = t;
    const ws = await deps.repos.workspaces.ensure('slack', 'T1');
    const old = new Date('2026-11-01T00:00:00Z');
    for (let i = 0; i < 12; i++) await deps.repos.events.firstTime(ws.id, 'slack_event', `old-${i}`, old);
    await deps.repos.events.firstTime(ws.id, 'slack_event', 'fresh', new Date('2026-11-20T00:00:00Z'));
    const cutoff = new Date('2026-11-10T00:00:00Z');
    expect(await deps.repos.events.prune(cutoff, 5)).toBe(5);
    expect(await deps.repos.events.prune(cutoff, 5)).toBe(5);
    expect(await deps.repos.events.prune(cutoff, 5)).toBe(2);
    expect((await deps.db.select().from(processedEvents)).map((r) => r.eventKey)).toEqual(['fresh']);
    // Pruned deliveries are forgotten: a redelivery of one would be handled again (platforms stopped retrying long before).
    expect(await deps.repos.events.firstTime(ws.id, 'slack_event', 'fresh', new Date())).toBe(false);
  });
});
