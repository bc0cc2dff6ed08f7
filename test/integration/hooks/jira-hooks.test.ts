import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MappingRule } from '../../../src/sources/source-config.ts';
import { fakeJira } from '../../fakes/fake-jira.ts';
import { issueCreated, issueUpdated, reopens, resolves, versionReleased, type JiraIssue } from '../../fakes/hooks/jira-payloads.ts';
import { startFlakyProxy } from '../../fakes/shared/flaky-proxy.ts';
import { NOW } from '../../fixtures/web/world.ts';
import { startHookApp, type HookApp } from '../../helpers/hook-app.ts';

const at = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000).toISOString();
const turnaround: MappingRule = { type: 'mean_duration', event: 'jira_issue_resolved', unit: 'hours', period: 'all' };

describe('Jira webhooks', () => {
  let app: HookApp;
  beforeEach(async () => {
    app = await startHookApp();
  });
  afterEach(() => app.close());

  async function hook(rule: MappingRule, config: Record<string, unknown> = {}) {
    const source = await app.addSource('jira', { rule, config });
    return { ...source, jira: fakeJira({ url: source.url, secret: source.secret }) };
  }
  const values = async (id: string) => (await app.readings(id)).map((r) => r.value);
  const cr = (n: number, created: string, more: Partial<JiraIssue> = {}): JiraIssue => ({ id: String(10_000 + n), key: `CR-${n}`, created, status: 'To Do', ...more });

  it('measures change-request turnaround from created to resolved, leaves a reopened one out, and counts it again when resolved', async () => {
    const { id, jira } = await hook(turnaround);
    const one = cr(1, at(0));
    const two = cr(2, at(2));
    expect((await jira.deliver(issueCreated(one, at(0)))).body).toMatchObject({ stored: false, reason: "the source's rule does not map jira_issue_created" });
    await jira.deliver(issueUpdated({ ...two, status: 'Done', resolutiondate: at(14) }, at(14), resolves('To Do')));
    // Reopened: no item is resolved now, so no reading (the event is kept for later ones).
    const reopened = await jira.deliver(issueUpdated({ ...two, status: 'In Progress', resolutiondate: null }, at(20), reopens('In Progress')));
    expect(reopened.body).toMatchObject({ stored: false, reason: 'jira_issue_reopened stored; the rule has no value yet' });
    const resolved = await jira.deliver(issueUpdated({ ...one, status: 'Done', resolutiondate: at(24) }, at(24), resolves('In Progress')));
    expect(resolved).toMatchObject({ status: 200, body: { stored: true, value: 24 } });
    // CR-2 resolved again, 36 h after it was created: (24 + 36) / 2.
    await jira.deliver(issueUpdated({ ...two, status: 'Done', resolutiondate: at(38) }, at(38), resolves('In Progress')));

    const readings = await app.readings(id);
    expect(readings.map((r) => [r.measuredAt.toISOString(), r.value])).toEqual([
      [at(14), 12],
      [at(24), 24],
      [at(38), 30],
    ]);
    expect(readings.find((r) => r.measuredAt.toISOString() === at(24))).toMatchObject({ source: 'webhook', externalId: `jira:${resolved.identifier}` });
    expect(await app.events(id)).toHaveLength(4);
  });

  it('retries after a 5xx or a lost answer with the same identifier, and the reading is stored once', async () => {
    const source = await app.addSource('jira', { rule: { type: 'count_per_period', events: ['jira_issue_created'], period: 'week' } });
    const proxy = await startFlakyProxy(app.origin);
    try {
      const jira = fakeJira({ url: `${proxy.origin}/hooks/jira/${source.id}`, secret: source.secret });
      proxy.inject('500');
      const afterError = await jira.deliver(issueCreated(cr(1, at(1)), at(1)));
      expect(afterError.attempts.map((a) => a.status)).toEqual([500, 200]);
      proxy.inject('drop');
      const afterTimeout = await jira.deliver(issueCreated(cr(2, at(2)), at(2)));
      expect(afterTimeout.attempts.map((a) => a.status)).toEqual([null, 200]);
      expect(afterTimeout.body).toMatchObject({ stored: false, reason: 'already received' });
    } finally {
      await proxy.close();
    }
    expect(await values(source.id)).toEqual([1, 2]);
  });

  it('counts issues created per week, only of the source\'s projects', async () => {
    const { id, jira } = await hook({ type: 'count_per_period', events: ['jira_issue_created'], period: 'week' }, { projects: ['CR'] });
    await jira.deliver(issueCreated(cr(1, at(1)), at(1)));
    const elsewhere = await jira.deliver(issueCreated({ ...cr(2, at(2)), key: 'OPS-2' }, at(2)));
    expect(elsewhere.body).toMatchObject({ stored: false, reason: 'project OPS' });
    await jira.deliver(issueCreated(cr(3, at(3)), at(3)));
    expect(await values(id)).toEqual([1, 2]);
  });

  it('shares issues by their current status', async () => {
    const { id, jira } = await hook({ type: 'share_in_state', states: ['Done'] });
    await jira.deliver(issueCreated(cr(1, at(0)), at(0)));
    await jira.deliver(issueCreated(cr(2, at(1)), at(1)));
    await jira.deliver(issueUpdated({ ...cr(1, at(0)), status: 'Done', resolutiondate: at(5) }, at(5), resolves('To Do')));
    await jira.deliver(issueUpdated({ ...cr(2, at(1)), status: 'In Progress' }, at(6), [{ field: 'status', from: '1', fromString: 'To Do', to: '3', toString: 'In Progress' }]));
    expect(await values(id)).toEqual([0, 0, 50, 50]);
  });

  it('rates versions released by their release date, with one late', async () => {
    const { id, jira } = await hook({ type: 'milestone_rate' });
    await jira.deliver(versionReleased({ id: '20001', name: '1.0', releaseDate: '2026-11-20' }, '2026-11-20T09:00:00Z'));
    await jira.deliver(versionReleased({ id: '20002', name: '1.1', releaseDate: '2026-11-21' }, '2026-11-23T09:00:00Z'));
    expect(await values(id)).toEqual([100, 50]);
  });

  it('refuses a wrong secret or no signature with 401, and a malformed body with 400, storing nothing', async () => {
    const { id, jira } = await hook(turnaround);
    const payload = issueUpdated({ ...cr(1, at(0)), status: 'Done', resolutiondate: at(3) }, at(3), resolves('To Do'));
    expect((await jira.deliver(payload, { secret: 'another-secret-0123456789' })).status).toBe(401);
    expect((await jira.deliver(payload, { unsigned: true })).status).toBe(401);
    expect((await jira.deliver({}, { raw: '{"webhookEvent":' })).status).toBe(400);
    // Signed, well-formed JSON whose timestamp no Date can hold: a malformed delivery, not a 500.
    expect((await jira.deliver({ ...payload, timestamp: 1e20 })).status).toBe(400);
    expect(await app.events(id)).toEqual([]);
    expect(await app.readings(id)).toEqual([]);
    const github = await app.addSource('github', { rule: turnaround });
    const wrongKind = fakeJira({ url: `${app.origin}/hooks/jira/${github.id}`, secret: github.secret });
    expect((await wrongKind.deliver(payload)).status).toBe(401);
  });
});
