import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseDb, dbForRequest, perDb, requestOf } from '../../src/db/client.ts';
import { insertNotifications } from '../../src/db/repos/outbox-rows.ts';
import { outbox, projects } from '../../src/db/schema/index.ts';
import { forRequest, unscoped } from '../../src/deps.ts';
import type { PersonRef, WorkspaceContext } from '../../src/domain/ports.ts';
import { submitOutcome } from '../../src/domain/submit-outcome.ts';
import type { Log } from '../../src/log.ts';
import type { RequestContext } from '../../src/request-context.ts';
import { feishuClient } from '../../src/feishu/adapter/client.ts';
import { testDeps } from '../helpers/db.ts';
import { bothPlatformsEnv } from '../helpers/platform-env.ts';
import { validDraft } from '../helpers/outcome-flow-contract.ts';

/**
 * A request's context travels explicitly (src/request-context.ts): on its deps and on their
 * database handle. What the request does through them names it; the process's own work does not.
 */
describe("a request's own deps", () => {
  const lines: { msg: string; data?: Record<string, unknown> }[] = [];
  const log: Log = (_level, msg, data) => lines.push({ msg, data });
  let t: Awaited<ReturnType<typeof testDeps>>;
  let workspace: WorkspaceContext;
  let member: PersonRef;
  let manager: PersonRef;
  let projectId: string;

  beforeAll(async () => {
    t = await testDeps({ log });
    const ws = await t.deps.repos.workspaces.ensure('slack', 'T_REQ');
    workspace = { id: ws.id, platform: 'slack', settings: ws.settings };
    manager = (await t.deps.repos.people.upsert(ws.id, { platformUserId: 'U_MANAGER', name: 'Manager' })) as PersonRef;
    member = (await t.deps.repos.people.upsert(ws.id, { platformUserId: 'U_MEMBER', name: 'Member' })) as PersonRef;
    const [project] = await t.deps.db.insert(projects).values({ workspaceId: ws.id, name: 'Req', goLiveAt: new Date('2026-06-01') }).returning();
    projectId = project!.id;
  });
  afterAll(() => t.close());

  const request = (requestId: string): RequestContext => ({ requestId });
  const rowsOf = async (key: string) => (await t.deps.db.select({ requestId: outbox.requestId, dedupeKey: outbox.dedupeKey }).from(outbox)).filter((r) => r.dedupeKey?.includes(key));

  it('log lines carry the request id; the process’s own do not', () => {
    const deps = forRequest(t.deps, request('req-log-1'));
    deps.log('info', 'inside');
    t.deps.log('info', 'outside');
    expect(lines.find((l) => l.msg === 'inside')?.data).toEqual({ requestId: 'req-log-1' });
    expect(lines.find((l) => l.msg === 'outside')?.data).toEqual({});
  });

  it('a verb run with them writes outbox rows that name the request; run with the process’s deps, none', async () => {
    const draft = (title: string) => ({ ...validDraft({ projectId, member }), title });
    const inRequest = await submitOutcome({ ctx: forRequest(t.deps, request('req-submit-1')).verbs, input: { workspace, submitter: member, reviewer: manager, draft: draft('In a request') } });
    const asJob = await submitOutcome({ ctx: t.deps.verbs, input: { workspace, submitter: member, reviewer: manager, draft: draft('From a job') } });
    const mine = await rowsOf(inRequest.outcomeId);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.map((r) => r.requestId)).toEqual(mine.map(() => 'req-submit-1'));
    const theirs = await rowsOf(asJob.outcomeId);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.map((r) => r.requestId)).toEqual(theirs.map(() => null));
  });

  it('statements built on the request’s database handle (repositories made from deps.db) name it too', async () => {
    const db = forRequest(t.deps, request('req-free-1')).db;
    const to = { personId: member.id, address: 'U_MEMBER' };
    await t.deps.db.batch(insertNotifications(db, workspace.id, 'slack', [{ kind: 'digest', to, data: {}, dedupeKey: 'free-fn-check' }], new Date()) as [never]);
    const [row] = await t.deps.db.select({ requestId: outbox.requestId }).from(outbox).where(eq(outbox.dedupeKey, 'free-fn-check'));
    expect(row?.requestId).toBe('req-free-1');
  });

  it('a workspace read names the workspace for the access line, first one wins, and the process’s reads note nothing', async () => {
    const other = await t.deps.repos.workspaces.ensure('slack', 'T_OTHER');
    const ctx = request('req-ws-1');
    const deps = forRequest(t.deps, ctx);
    await deps.repos.workspaces.byExternalId('slack', 'T_REQ');
    await deps.repos.workspaces.byExternalId('slack', 'T_OTHER');
    expect(ctx.workspace).toBe(workspace.id);
    expect(ctx.workspace).not.toBe(other.id);
    await t.deps.repos.workspaces.byExternalId('slack', 'T_REQ');
    expect(requestOf(t.deps.db)).toBeUndefined();
  });

  it('shares the process’s database, prepared statements and per-process caches', () => {
    const deps = forRequest(t.deps, request('req-share-1'));
    expect(baseDb(deps.db)).toBe(t.deps.db);
    expect(baseDb(dbForRequest(deps.db, request('req-share-2')))).toBe(t.deps.db);
    const statement = perDb(() => ({}));
    expect(statement(deps.db)).toBe(statement(t.deps.db));
    expect(unscoped(deps)).toBe(t.deps);
    expect(unscoped(forRequest(deps, request('req-share-3')))).toBe(t.deps);
    expect(deps.drainer).toBe(t.deps.drainer);
  });
});

describe('what a request makes once for the whole process', () => {
  it('the Lark client made during a request logs with the process’s log, not with that request’s id', async () => {
    const lines: { msg: string; data?: Record<string, unknown> }[] = [];
    const t = await testDeps({ log: (_level, msg, data) => lines.push({ msg, data }), env: bothPlatformsEnv({ slack: 'http://127.0.0.1:9', feishu: 'http://127.0.0.1:9' }) });
    try {
      const client = feishuClient(forRequest(t.deps, { requestId: 'req-made-the-client' }));
      expect(feishuClient(t.deps)).toBe(client);
      client.logger.error('token refresh failed');
      const sdk = lines.filter((l) => l.msg === 'lark sdk');
      expect(sdk).toHaveLength(1);
      expect(sdk[0]!.data).not.toHaveProperty('requestId');
    } finally {
      await t.close();
    }
  });
});
