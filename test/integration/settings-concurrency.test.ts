import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, workspaces } from '../../src/db/schema/index.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { updateSettings } from '../../src/domain/update-settings.ts';
import type { WorkspaceSettingsShape } from '../../src/domain/settings.ts';
import { testDeps } from '../helpers/db.ts';

let t: Awaited<ReturnType<typeof testDeps>>;
let ws: { id: string; platform: 'slack' | 'feishu'; settings: WorkspaceSettingsShape };
beforeEach(async () => {
  t = await testDeps();
  const row = await t.deps.repos.workspaces.ensure('slack', 'T1', { installedBy: 'UINSTALL' });
  await t.deps.db.update(workspaces).set({ settings: { ...row.settings, admins: ['UA', 'UB'] } }).where(eq(workspaces.id, row.id));
  ws = { id: row.id, platform: 'slack', settings: { ...row.settings, admins: ['UA', 'UB'] } };
});
afterEach(() => t.close());

const as = (address: string) => ({ id: `person-${address}`, address, isPlatformAdmin: false });
const update = (address: string, patch: Partial<WorkspaceSettingsShape>) => updateSettings({ ctx: t.deps.verbs, input: { workspace: ws, installedBy: 'UINSTALL', actor: as(address), patch } });
const stored = async () => (await t.deps.db.select({ s: workspaces.settings }).from(workspaces).where(eq(workspaces.id, ws.id)))[0]!.s;
const audits = () => t.deps.db.select().from(auditLog);

describe('settings writes on the database (compare-and-set on the stored JSON)', () => {
  it('concurrent edits of different keys both survive, each audited with its actor', async () => {
    await Promise.all([update('UA', { reminderAfterDays: 5 }), update('UB', { shortfallThreshold: 0.25 }), update('UINSTALL', { timeZone: 'Europe/Berlin' })]);
    expect(await stored()).toMatchObject({ reminderAfterDays: 5, shortfallThreshold: 0.25, timeZone: 'Europe/Berlin', admins: ['UA', 'UB'] });
    expect((await audits()).map((a) => a.actorId).sort()).toEqual(['person-UA', 'person-UB', 'person-UINSTALL']);
  });

  it('a write whose version is stale writes neither the settings nor the audit entry', async () => {
    const read = await t.deps.repos.outcomes.readSettings(ws.id);
    await update('UA', { reminderAfterDays: 4 });
    const at = new Date();
    const ok = await t.deps.repos.outcomes.saveSettings(ws.id, read!.version, { ...read!.settings, timeZone: 'Europe/Paris' }, { entity: 'workspace', entityId: ws.id, action: 'settings:timeZone', actorId: 'x', fromStatus: null, toStatus: null, comment: null, at, via: 'web' });
    expect(ok).toBe(false);
    expect(await stored()).toMatchObject({ reminderAfterDays: 4, timeZone: read!.settings.timeZone });
    expect(await audits()).toHaveLength(1);
  });

  it('the same key edited concurrently: the last write wins and both are audited', async () => {
    await Promise.all([update('UA', { reminderAfterDays: 5 }), update('UB', { reminderAfterDays: 6 })]);
    const trail = await t.deps.db.select().from(auditLog).orderBy(auditLog.at, sql`rowid`);
    expect(trail).toHaveLength(2);
    expect((await stored()).reminderAfterDays).toBe(JSON.parse(trail.at(-1)!.comment!).reminderAfterDays);
  });

  it('settings JSON stored before escalationAfterDays existed reads as 7, and the rule holds against it', async () => {
    const { escalationAfterDays: _e, ...old } = await stored();
    await t.deps.db.run(sql`update workspaces set settings = ${JSON.stringify(old)} where id = ${ws.id}`);
    expect((await stored()).escalationAfterDays).toBe(7);
    const refused = await update('UA', { reminderAfterDays: 9 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).fields).toEqual([expect.objectContaining({ field: 'reminderAfterDays', key: 'settings.escalation_before_reminder' })]);
    expect(await audits()).toHaveLength(0);
  });
});
