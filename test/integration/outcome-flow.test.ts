import { count } from 'drizzle-orm';
import { afterEach } from 'vitest';
import { auditLog, outbox, outcomes, projects, reviewSchedules, reviews } from '../../src/db/schema/index.ts';
import { freshDb, manualClock } from '../helpers/db.ts';
import { outcomeFlowContract } from '../helpers/outcome-flow-contract.ts';
import { createOutcomeRepo } from '../../src/db/repos/outcome-repo.ts';
import { createPeopleRepo } from '../../src/db/repos/people-repo.ts';
import { createWorkspaceRepo } from '../../src/db/repos/workspace-repo.ts';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((d) => d.close()));
});

outcomeFlowContract('libsql with the real migrations', async () => {
  const database = await freshDb();
  open.push(database);
  const { db } = database;
  const ws = await createWorkspaceRepo(db, { timeZone: 'Asia/Shanghai', locale: 'zh-CN' }).ensure('slack', 'T1');
  const people = createPeopleRepo(db);
  const [member, manager, pmo, stranger] = await Promise.all(['UMEMBER', 'UMANAGER', 'UPMO', 'USTRANGER'].map((u) => people.upsert(ws.id, { platformUserId: u })));
  const goLive = new Date('2026-01-05T02:00:00Z');
  const [project] = await db.insert(projects).values({ workspaceId: ws.id, name: 'Clinic', goLiveAt: goLive }).returning();
  const n = async (table: typeof outcomes | typeof reviews | typeof outbox | typeof auditLog | typeof reviewSchedules) => (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    ctx: { clock: manualClock(), outcomes: createOutcomeRepo(db), people, newId: () => crypto.randomUUID(), via: 'chat' as const },
    workspace: { id: ws.id, platform: 'slack', settings: { ...ws.settings, pmoReviewers: ['UPMO'] } },
    member: member!,
    manager: manager!,
    pmo: pmo!,
    stranger: stranger!,
    projectId: project!.id,
    goLive,
    counts: async () => ({ outcomes: await n(outcomes), reviews: await n(reviews), notifications: await n(outbox), audit: await n(auditLog), schedules: await n(reviewSchedules) }),
    notifications: async () => (await db.select({ kind: outbox.kind, address: outbox.destination }).from(outbox)),
    schedules: async () => db.select({ kind: reviewSchedules.kind, dueAt: reviewSchedules.dueAt }).from(reviewSchedules),
  };
});
