import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxStore } from '../../src/db/repos/outbox-store.ts';
import { outbox, workspaces } from '../../src/db/schema/index.ts';
import { defaultSettings } from '../../src/domain/settings.ts';
import { freshDb } from '../helpers/db.ts';

/**
 * The drainer's read of what is due (src/db/repos/outbox-store.ts `due`): each queue's head
 * rows, round-robin, across workspaces and both platforms; and it finds the queues by seeking
 * the outbox_queue index from one destination to the next, so a pass costs the number of
 * destinations, not the number of queued rows (a backlog held by its budget is met on every
 * pass: with a DISTINCT over the rows it cost 2.5 ms at 5,000 rows and grew with them).
 */
let database: Awaited<ReturnType<typeof freshDb>>;
const NOW = new Date('2026-11-23T01:00:00Z');
const ws = { a: '', b: '' };

beforeAll(async () => {
  database = await freshDb();
  const { db } = database;
  const settings = defaultSettings('UTC', 'en');
  const [a, b] = await db.insert(workspaces).values([{ platform: 'slack', externalId: 'T_A', settings }, { platform: 'feishu', externalId: 'tenant_b', settings }]).returning();
  Object.assign(ws, { a: a!.id, b: b!.id });
  // Per workspace and platform three destinations of three rows each, created in turn, and
  // one destination whose only row waits for a retry (not due, and holding nothing back).
  let at = NOW.getTime() - 60_000;
  const rows = [];
  for (const w of [ws.a, ws.b])
    for (const platform of ['slack', 'feishu'])
      for (let i = 0; i < 3; i++)
        for (const d of ['d1', 'd2', 'd3']) rows.push({ workspaceId: w, platform, kind: 'post', destination: d, payload: { i }, createdAt: new Date((at += 10)), nextAttemptAt: new Date(at) });
  rows.push({ workspaceId: ws.a, platform: 'slack', kind: 'post', destination: 'later', payload: { i: 0 }, createdAt: new Date((at += 10)), nextAttemptAt: new Date(NOW.getTime() + 60_000) });
  await db.insert(outbox).values(rows);
});
afterAll(() => database.close());

describe("the drainer's due read", () => {
  it('gives every queue of every workspace and platform its head rows, the first of each queue before any second', async () => {
    const due = await createOutboxStore(database.db).due({ now: NOW, limit: 100, perDestination: 2 });
    const queue = (r: { workspaceId: string; platform: string; destination: string }) => `${r.workspaceId}/${r.platform}/${r.destination}`;
    const queues = [...new Set(due.map(queue))].sort();
    expect(queues).toEqual([ws.a, ws.b].flatMap((w) => ['feishu', 'slack'].flatMap((p) => ['d1', 'd2', 'd3'].map((d) => `${w}/${p}/${d}`))).sort());
    expect(due).toHaveLength(24);
    // Round-robin: the 12 first rows are the 12 queues' heads, then their second rows.
    expect(new Set(due.slice(0, 12).map(queue)).size).toBe(12);
    expect(new Set(due.slice(12).map(queue)).size).toBe(12);

    const few = await createOutboxStore(database.db).due({ now: NOW, limit: 5, perDestination: 2 });
    expect(new Set(few.map(queue)).size).toBe(5);
  });

  it('walks the queues by seeking outbox_queue from one destination to the next, never over the queued rows', async () => {
    const { client } = database;
    const store = createOutboxStore(database.db);
    const sent: { sql: string; args: unknown }[] = [];
    const execute = client.execute.bind(client);
    client.execute = ((stmt: { sql: string; args: unknown }) => (sent.push(stmt), execute(stmt as never))) as typeof client.execute;
    try {
      await store.due({ now: NOW, limit: 50, perDestination: 5 });
    } finally {
      client.execute = execute;
    }
    const [read] = sent;
    const plan = (await client.execute({ sql: `EXPLAIN QUERY PLAN ${read!.sql}`, args: read!.args as never })).rows.map((r) => String(r.detail)).join('\n');
    expect(plan).toMatch(/SEARCH x USING INDEX outbox_queue \(workspace_id=\? AND platform=\? AND destination>\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE FOR DISTINCT/);
    expect(plan).not.toMatch(/^SCAN outbox\b(?! USING)/m);
  });
});
