import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { d1Db } from '../../src/db/d1.ts';
import { createOutcomeRepo } from '../../src/db/repos/outcome-repo.ts';
import { createPeopleRepo } from '../../src/db/repos/people-repo.ts';
import { createWorkspaceRepo } from '../../src/db/repos/workspace-repo.ts';
import { auditLog } from '../../src/db/schema/index.ts';
import { setManager } from '../../src/domain/set-manager.ts';
import { updateSettings } from '../../src/domain/update-settings.ts';
import { eq } from 'drizzle-orm';

describe('admin verbs on D1', () => {
  it('settings by compare-and-set and audited manager mappings work on D1 as on libsql', async () => {
    const db = d1Db(env.DB);
    const ws = await createWorkspaceRepo(db, { timeZone: 'Asia/Shanghai', locale: 'zh-CN' }).ensure('slack', 'T-d1-admin', { installedBy: 'UROOT' });
    const people = createPeopleRepo(db);
    const ctx = { clock: { now: () => new Date('2026-11-23T01:00:00Z') }, outcomes: createOutcomeRepo(db), people, newId: () => crypto.randomUUID(), via: 'chat' as const };
    const workspace = { id: ws.id, platform: 'slack' as const, settings: ws.settings };
    const actor = { id: 'root', address: 'UROOT', isPlatformAdmin: false };
    await Promise.all([
      updateSettings({ ctx, input: { workspace, installedBy: 'UROOT', actor, patch: { reminderAfterDays: 4 } } }),
      updateSettings({ ctx, input: { workspace, installedBy: 'UROOT', actor, patch: { escalationAfterDays: 9 } } }),
    ]);
    expect((await ctx.outcomes.readSettings(ws.id))!.settings).toMatchObject({ reminderAfterDays: 4, escalationAfterDays: 9 });

    const [a, b] = await people.ensure(ws.id, [{ platformUserId: 'UA' }, { platformUserId: 'UB' }]);
    await setManager({ ctx, input: { workspace, installedBy: 'UROOT', actor, changes: [{ personId: a!.id, managerId: b!.id }] } });
    await expect(setManager({ ctx, input: { workspace, installedBy: 'UROOT', actor, changes: [{ personId: b!.id, managerId: a!.id }] } })).rejects.toMatchObject({ code: 'validation_failed' });
    expect((await people.person(ws.id, a!.id))!.managerId).toBe(b!.id);
    const trail = await db.select().from(auditLog).where(eq(auditLog.workspaceId, ws.id));
    expect(trail.map((e) => e.action).sort()).toEqual(['set_manager', 'settings:escalationAfterDays', 'settings:reminderAfterDays']);
  });
});
