import { describe, expect, it } from 'vitest';
import { migratedUntil } from '../../helpers/migrate-steps.ts';

describe('the kb_fts migration', () => {
  it('indexes the outcomes, metric names, evidence titles and lessons that existed before it', async () => {
    const { client, applyRest } = await migratedUntil('_kb_fts.sql');
    await client.batch([
      "insert into workspaces (id, platform, external_id, settings, created_at) values ('w', 'slack', 'T', '{}', 0)",
      "insert into people (id, workspace_id, platform_user_id, name, created_at) values ('p', 'w', 'U1', '', 0)",
      "insert into outcomes (id, workspace_id, title, description, status, submitter_id, created_at) values ('o1', 'w', '提升客户留存率', 'old text', 'verified', 'p', 0)",
      "insert into metrics (id, workspace_id, outcome_id, name, direction, baseline, target, created_at) values ('m1', 'w', 'o1', 'Monthly churn', 'decrease', 5, 3, 0)",
      "insert into evidence (id, workspace_id, outcome_id, kind, title, created_at) values ('e1', 'w', 'o1', 'link', 'Quarterly report', 0)",
      "insert into lessons (id, workspace_id, outcome_id, what_worked, tags, source, created_at) values ('l1', 'w', 'o1', '电话回访', '[\"会员运营\"]', 'prompt', 0)",
    ]);
    await applyRest();
    const found = async (q: string) => (await client.execute({ sql: 'select d.ref_id from kb_fts join kb_docs d on d.id = kb_fts.rowid where kb_fts match ?', args: [q] })).rows.map((r) => r.ref_id);
    expect(await found('"客户留存"')).toEqual(['o1']);
    expect(await found('"churn"')).toEqual(['o1']);
    expect(await found('"quarterly"')).toEqual(['o1']);
    expect(await found('"会员运营"')).toEqual(['l1']);
    expect(await found('"电话回"')).toEqual(['l1']);
    client.close();
  });
});
