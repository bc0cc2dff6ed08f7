import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listMetricTemplates } from '../../../src/db/queries/metric-templates.ts';
import { addMetricTemplate, disableMetricTemplate } from '../../../src/db/repos/metric-templates-repo.ts';
import { auditLog, workspaces } from '../../../src/db/schema/index.ts';
import { defaultSettings } from '../../../src/domain/settings.ts';
import { BUILT_IN_TEMPLATES } from '../../../src/domain/metric-templates.ts';
import { freshDb } from '../../helpers/db.ts';

const own = { indicatorClass: 'output' as const, unit: 'tickets', direction: 'decrease' as const, name: { en: 'Open tickets', 'zh-CN': '未结工单' }, description: { en: 'At month end', 'zh-CN': '月末' } };
const at = new Date('2026-11-23T01:00:00Z');

describe('metric templates in the database', () => {
  let database: Awaited<ReturnType<typeof freshDb>>;
  beforeEach(async () => {
    database = await freshDb();
    await database.db.insert(workspaces).values([
      { id: 'w1', platform: 'slack', externalId: 'T1', name: 'One', settings: defaultSettings('UTC', 'en') },
      { id: 'w2', platform: 'slack', externalId: 'T2', name: 'Two', settings: defaultSettings('UTC', 'en') },
    ]);
  });
  afterEach(() => database.close());

  it('lists the built-in library for a workspace with none of its own', async () => {
    expect(await listMetricTemplates(database.db, 'w1')).toEqual(BUILT_IN_TEMPLATES);
  });

  it("adds a workspace's own template after the built-ins, visible to that workspace only, with an audit entry", async () => {
    const key = await addMetricTemplate(database.db, 'w1', own, null, at);
    expect(key).toMatch(/^custom\./);
    const list = await listMetricTemplates(database.db, 'w1');
    expect(list.at(-1)).toEqual({ ...own, key, builtIn: false });
    expect(await listMetricTemplates(database.db, 'w2')).toEqual(BUILT_IN_TEMPLATES);
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.entityId, key));
    expect(audit.map((a) => a.action)).toEqual(['add']);
  });

  it('disables a template once; a built-in key or another workspace cannot disable anything', async () => {
    const key = await addMetricTemplate(database.db, 'w1', own, null, at);
    expect(await disableMetricTemplate(database.db, 'w2', key, null, at)).toBe(false);
    expect(await disableMetricTemplate(database.db, 'w1', 'builtin.nps', null, at)).toBe(false);
    expect(await disableMetricTemplate(database.db, 'w1', key, null, at)).toBe(true);
    expect(await disableMetricTemplate(database.db, 'w1', key, null, at)).toBe(false);
    expect(await listMetricTemplates(database.db, 'w1')).toEqual(BUILT_IN_TEMPLATES);
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.entityId, key));
    expect(audit.map((a) => a.action).sort()).toEqual(['add', 'disable']);
  });
});
