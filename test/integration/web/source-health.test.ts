/**
 * The last error of a pull source is visible on its metric (the outcome page) and to admins
 * (Settings), in the viewer's language, and only inside its workspace.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { metricSources } from '../../../src/db/schema/index.ts';
import { NOW, P, W } from '../../fixtures/web/world.ts';
import { webHarness, type WebHarness } from './harness.ts';

describe('source health on the web', () => {
  let h: WebHarness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  async function withSources() {
    h = await webHarness();
    await h.deps.db.insert(metricSources).values([
      { id: 's-ok', workspaceId: W.a, metricId: 'm-mem', kind: 'csv', name: 'Queue export', config: {}, schedule: 'daily', lastSuccessAt: new Date(NOW.getTime() - 3_600_000) },
      { id: 's-bad', workspaceId: W.a, metricId: 'm-mem', kind: 'http_json', name: 'KPI <feed>', config: {}, schedule: 'hourly', lastError: 'JSON path $.x matched nothing', lastErrorAt: NOW, consecutiveFailures: 3 },
      { id: 's-b', workspaceId: W.b, metricId: 'm-b', kind: 'feishu_base', config: {}, schedule: 'daily', lastError: 'Feishu 91403: app not added to the Base', lastErrorAt: NOW, consecutiveFailures: 1 },
    ]);
    return h;
  }

  it('the outcome page shows each source of its metrics with the last success and the last error', async () => {
    const harness = await withSources();
    const html = await (await (await harness.as(W.a, P.member)).get('/app/outcomes/o-mem')).text();
    const table = html.slice(html.indexOf('data-testid="metric-sources"'));
    expect(table).toContain('Queue export');
    expect(table).toContain('2026-11-23 08:00'); // last success, Asia/Shanghai
    expect(table).toContain('JSON path $.x matched nothing');
    expect(table).toContain('3 failures in a row');
    expect(table).toContain('KPI &lt;feed&gt;');
    expect(table).not.toContain('91403');
  });

  it('Settings lists the failing sources of the workspace for admins, in their language', async () => {
    const harness = await withSources();
    const a = await (await (await harness.as(W.a, P.admin)).get('/app/settings')).text();
    const list = a.slice(a.indexOf('data-testid="failing-sources"'));
    expect(list).toContain('Data sources with errors');
    expect(list).toContain('JSON path $.x matched nothing');
    expect(list).not.toContain('Queue export');
    expect(list).not.toContain('91403');
    const b = await (await (await harness.as(W.b, P.bAdmin)).get('/app/settings')).text();
    expect(b).toContain('出错的数据源');
    expect(b).toContain('Feishu 91403: app not added to the Base');
    expect(b).toContain('飞书多维表格');
  });
});
