import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { people } from '../../src/db/schema/index.ts';
import { setManager } from '../../src/domain/set-manager.ts';
import { testDeps } from '../helpers/db.ts';

describe('an org-chart manager never replaces an admin’s manual mapping', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(() => close?.());

  it('the org chart’s write after (or racing) the admin’s mapping leaves the mapping', async () => {
    const t = await testDeps();
    close = t.close;
    const { repos, verbs } = t.deps;
    const ws = await repos.workspaces.ensure('feishu', 'tenant_x');
    const [member, leader, mapped] = await Promise.all(['ou_mem', 'ou_leader', 'ou_mapped'].map((id) => repos.people.upsert(ws.id, { platformUserId: id })));
    // Feishu's directManager read the person (no manual mapping yet) and asked the contact API;
    // meanwhile an admin maps the member by hand.
    await setManager({ ctx: verbs, input: { workspace: ws, installedBy: null, actor: { id: 'admin', address: 'ou_admin', isPlatformAdmin: true }, changes: [{ personId: member!.id, managerId: mapped!.id }] } });
    // Then the org chart's answer is remembered.
    await repos.people.setManager(ws.id, member!.id, leader!.id, 'org_chart');
    const [row] = await t.deps.db.select().from(people).where(eq(people.id, member!.id));
    expect(row).toMatchObject({ managerId: mapped!.id, managerSource: 'manual' });
  });
});
