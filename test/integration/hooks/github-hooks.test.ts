import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MappingRule } from '../../../src/sources/source-config.ts';
import { fakeGithub, type FakeGithub } from '../../fakes/fake-github.ts';
import { NOW } from '../../fixtures/web/world.ts';
import { startHookApp, type HookApp } from '../../helpers/hook-app.ts';

// NOW is Monday 2026-11-23 09:00 in Shanghai (the world's zone): weeks start at 2026-11-22T16:00Z.
const at = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000).toISOString();

describe('GitHub webhooks', () => {
  let app: HookApp;
  beforeEach(async () => {
    app = await startHookApp();
  });
  afterEach(() => app.close());

  async function hook(rule: MappingRule): Promise<{ id: string; gh: FakeGithub }> {
    const source = await app.addSource('github', { rule });
    return { id: source.id, gh: fakeGithub({ url: source.url, secret: source.secret }) };
  }
  const values = async (id: string) => (await app.readings(id)).map((r) => r.value);

  it('answers the ping, stores nothing, and records the delivery on the source', async () => {
    const { id, gh } = await hook({ type: 'count_per_period', events: ['pr_merged'], period: 'week' });
    const ping = await gh.ping();
    expect(ping).toMatchObject({ status: 200, body: { ok: true, stored: false, reason: 'ping' } });
    expect(await app.events(id)).toEqual([]);
    expect(await app.readings(id)).toEqual([]);
    expect((await app.source(id)).lastSuccessAt).toEqual(NOW);
  });

  it('turns merged PRs into the count so far this week; an unmerged close and a redelivery store nothing', async () => {
    const { id, gh } = await hook({ type: 'count_per_period', events: ['pr_merged'], period: 'week' });
    await gh.ping();
    const first = await gh.send('pull_request', gh.payloads.pullRequestClosed({ number: 1, createdAt: at(-30), closedAt: at(1), merged: true }));
    expect(first).toMatchObject({ status: 200, body: { stored: true, value: 1 } });
    const unmerged = await gh.send('pull_request', gh.payloads.pullRequestClosed({ number: 2, createdAt: at(-30), closedAt: at(2), merged: false }));
    expect(unmerged).toMatchObject({ status: 200, body: { stored: false, reason: 'pull_request closed without merging' } });
    await gh.send('pull_request', gh.payloads.pullRequestClosed({ number: 3, createdAt: at(-5), closedAt: at(3), merged: true }));
    const again = await gh.redeliver(first.guid);
    expect(again).toMatchObject({ status: 200, body: { stored: false, reason: 'already received' } });
    // Next week starts again from one.
    await gh.send('pull_request', gh.payloads.pullRequestClosed({ number: 4, createdAt: at(100), closedAt: at(24 * 7 + 1), merged: true }));

    const readings = await app.readings(id);
    expect(readings.map((r) => r.value)).toEqual([1, 2, 1]);
    expect(readings[0]).toMatchObject({ source: 'webhook', sourceId: id, externalId: `github:${first.guid}`, measuredAt: new Date(at(1)), metricId: 'm-other' });
    expect(await app.events(id)).toHaveLength(3);
  });

  it('measures PR lead time from opened to merged', async () => {
    const { id, gh } = await hook({ type: 'mean_duration', event: 'pr_merged', unit: 'hours', period: 'all' });
    await gh.send('pull_request', gh.payloads.pullRequestClosed({ number: 1, createdAt: at(0), closedAt: at(10), merged: true }));
    await gh.send('pull_request', gh.payloads.pullRequestClosed({ number: 2, createdAt: at(1), closedAt: at(21), merged: true }));
    expect(await values(id)).toEqual([10, 15]);
  });

  it('counts published releases, not prereleases', async () => {
    const { id, gh } = await hook({ type: 'count_per_period', events: ['release_published'], period: 'month' });
    await gh.send('release', gh.payloads.releasePublished({ id: 1, tag: 'v1.0.0', createdAt: at(0), publishedAt: at(1) }));
    const rc = await gh.send('release', gh.payloads.releasePublished({ id: 2, tag: 'v1.1.0-rc.1', createdAt: at(2), publishedAt: at(3), prerelease: true }));
    expect(rc.body).toMatchObject({ stored: false });
    await gh.send('release', gh.payloads.releasePublished({ id: 3, tag: 'v1.1.0', createdAt: at(4), publishedAt: at(5) }));
    expect(await values(id)).toEqual([1, 2]);
  });

  it('counts successful deployments per week, not failed or pending ones', async () => {
    const { id, gh } = await hook({ type: 'count_per_period', events: ['deployment_succeeded'], period: 'week' });
    for (const [n, state] of [[1, 'pending'], [1, 'success'], [2, 'failure'], [3, 'success']] as const) {
      await gh.send('deployment_status', gh.payloads.deploymentStatus({ deploymentId: n, state, createdAt: at(n), deployedAt: at(n + 1) }));
    }
    expect(await values(id)).toEqual([1, 2]);
  });

  it('counts closed issues, not closed pull requests, and shares them by how they closed', async () => {
    const count = await hook({ type: 'count_per_period', events: ['issue_closed'], period: 'week' });
    await count.gh.send('issues', count.gh.payloads.issueClosed({ number: 1, createdAt: at(-50), closedAt: at(1) }));
    const pr = await count.gh.send('issues', count.gh.payloads.issueClosed({ number: 2, createdAt: at(-50), closedAt: at(2), pullRequest: true }));
    expect(pr.body).toMatchObject({ stored: false, reason: 'a pull request, not an issue' });
    expect(await values(count.id)).toEqual([1]);

    const share = await hook({ type: 'share_in_state', states: ['completed'] });
    await share.gh.send('issues', share.gh.payloads.issueClosed({ number: 1, createdAt: at(-50), closedAt: at(1) }));
    await share.gh.send('issues', share.gh.payloads.issueClosed({ number: 2, createdAt: at(-50), closedAt: at(2), stateReason: 'not_planned' }));
    expect(await values(share.id)).toEqual([100, 50]);
  });

  it('rates milestones done by their due date, with one late', async () => {
    const { id, gh } = await hook({ type: 'milestone_rate' });
    await gh.send('milestone', gh.payloads.milestoneClosed({ number: 1, title: 'Pilot', createdAt: at(-500), closedAt: '2026-11-10T12:00:00Z', dueOn: '2026-11-10T08:00:00Z' }));
    await gh.send('milestone', gh.payloads.milestoneClosed({ number: 2, title: 'Rollout', createdAt: at(-500), closedAt: '2026-11-18T12:00:00Z', dueOn: '2026-11-15T08:00:00Z' }));
    await gh.send('milestone', gh.payloads.milestoneClosed({ number: 3, title: 'Training', createdAt: at(-500), closedAt: '2026-11-20T12:00:00Z', dueOn: '2026-11-21T08:00:00Z' }));
    const undated = await gh.send('milestone', gh.payloads.milestoneClosed({ number: 4, title: 'Ideas', createdAt: at(-500), closedAt: '2026-11-21T12:00:00Z', dueOn: null }));
    // An undated milestone is not due, so the rate stays where it was.
    expect(undated.body).toMatchObject({ stored: true, value: 66.67 });
    expect(await values(id)).toEqual([100, 50, 66.67, 66.67]);
  });

  it('knows an item by its repository id, whatever the repository is called now', async () => {
    const source = await app.addSource('github', { rule: { type: 'count_per_period', events: ['pr_merged'], period: 'week' } });
    const before = fakeGithub({ url: source.url, secret: source.secret, repository: { id: 77, full_name: 'acme/old-name' } });
    const renamed = fakeGithub({ url: source.url, secret: source.secret, repository: { id: 77, full_name: 'acme/new-name' } });
    const other = fakeGithub({ url: source.url, secret: source.secret, repository: { id: 78, full_name: 'acme/old-name' } });
    const pr = { number: 9, createdAt: at(0), closedAt: at(1), merged: true };
    await before.send('pull_request', before.payloads.pullRequestClosed(pr));
    // The same PR again under a new GUID (a re-created hook): still one PR merged.
    await renamed.send('pull_request', renamed.payloads.pullRequestClosed(pr));
    await other.send('pull_request', other.payloads.pullRequestClosed({ ...pr, closedAt: at(2) }));
    expect(await values(source.id)).toEqual([1, 1, 2]);
  });

  describe('refuses what it cannot trust, storing nothing', () => {
    const rule: MappingRule = { type: 'count_per_period', events: ['pr_merged'], period: 'week' };
    const merged = (gh: FakeGithub) => gh.payloads.pullRequestClosed({ number: 1, createdAt: at(0), closedAt: at(1), merged: true });

    it('a wrong secret or a missing signature: 401, and the source says why', async () => {
      const { id, gh } = await hook(rule);
      expect((await gh.send('pull_request', merged(gh), { secret: 'another-secret-0123456789' })).status).toBe(401);
      const unsigned = await gh.send('pull_request', merged(gh), { unsigned: true });
      expect(unsigned).toMatchObject({ status: 401, body: { error: 'unauthorized', message: expect.stringContaining('X-Hub-Signature-256') } });
      expect(await app.readings(id)).toEqual([]);
      expect(await app.events(id)).toEqual([]);
      expect(await app.source(id)).toMatchObject({ lastError: expect.stringContaining('X-Hub-Signature-256'), lastErrorAt: NOW, lastSuccessAt: null });
    });

    it('an unknown source, a source of another kind, a source without a secret: 401', async () => {
      const unknown = fakeGithub({ url: `${app.origin}/hooks/github/00000000-0000-4000-8000-000000000000`, secret: 'hook-secret-0123456789' });
      expect((await unknown.send('pull_request', merged(unknown))).status).toBe(401);
      const jira = await app.addSource('jira', { rule });
      const wrongKind = fakeGithub({ url: `${app.origin}/hooks/github/${jira.id}`, secret: jira.secret });
      expect((await wrongKind.send('pull_request', merged(wrongKind))).status).toBe(401);
      const bare = await app.addSource('github', { rule, secret: null });
      const noSecret = fakeGithub({ url: bare.url, secret: '' });
      expect((await noSecret.send('pull_request', merged(noSecret))).status).toBe(401);
      expect(await app.db.query.metricReadings.findMany({ where: (r, { eq }) => eq(r.source, 'webhook') })).toEqual([]);
    });

    it('an event the rule does not map: 200, nothing stored', async () => {
      const { id, gh } = await hook(rule);
      const release = await gh.send('release', gh.payloads.releasePublished({ id: 1, tag: 'v1', createdAt: at(0), publishedAt: at(1) }));
      expect(release).toMatchObject({ status: 200, body: { stored: false, reason: "the source's rule does not map release_published" } });
      const push = await gh.send('push', { ref: 'refs/heads/main', commits: [], repository: gh.payloads.repository });
      expect(push).toMatchObject({ status: 200, body: { stored: false } });
      expect(await app.events(id)).toEqual([]);
      expect(await app.readings(id)).toEqual([]);
    });

    it('a body over 1 MB: 413 before verifying', async () => {
      const { id, gh } = await hook(rule);
      const big = JSON.stringify({ ...merged(gh), padding: 'x'.repeat(1024 * 1024) });
      expect((await gh.sendRaw('pull_request', big)).status).toBe(413);
      expect(await app.events(id)).toEqual([]);
    });

    it('malformed JSON or a payload without its fields, correctly signed: 400', async () => {
      const { id, gh } = await hook(rule);
      expect(await gh.sendRaw('pull_request', '{"action": "closed", ')).toMatchObject({ status: 400, body: { error: 'bad_request' } });
      const shapeless = await gh.send('pull_request', { action: 'closed', number: 1 });
      expect(shapeless).toMatchObject({ status: 400, body: { message: expect.stringContaining('repository') } });
      expect(await app.events(id)).toEqual([]);
      expect((await app.source(id)).lastError).toContain('not a pull_request payload');
    });
  });
});
