/**
 * Forecast status on the dashboard (issue 10 point 3): the portfolio list shows each
 * outcome's status, the outcome page each metric's status badge and projection at the
 * review, and the readings with their source, an outlier marked as left out. Both languages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricReadings } from '../../../src/db/schema/index.ts';
import { NOW, O, P, W } from '../../fixtures/web/world.ts';
import { webHarness, type WebHarness } from './harness.ts';

const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

let h: WebHarness;
beforeAll(async () => {
  h = await webHarness();
  // Throughput (100 → 150 orders, review in 5 days) creeps up by 0.2 a day, with one wild reading.
  await h.deps.db.insert(metricReadings).values(
    [
      [-40, 100, 'api'],
      [-30, 102, 'webhook'],
      [-20, 500, 'pull'],
      [-10, 104, 'api'],
      [-1, 106, 'api'],
    ].map(([d, value, source]) => ({ workspaceId: W.a, metricId: 'm-other', value: value as number, measuredAt: day(d as number), source: source as 'api' })),
  );
});
afterAll(() => h.close());

const page = async (path: string, lang: 'en' | 'zh-CN') => (await (await h.as(W.a, P.pmo)).get(path, { 'accept-language': lang })).text();

describe('forecast status on the dashboard', () => {
  it('the outcome page shows the status badge, the projection at the review and each reading with its source, the outlier marked (en)', async () => {
    const html = await page(`/app/outcomes/${O.other}`, 'en');
    expect(html).toMatch(/data-testid="forecast"><span class="pill [a-z_]+" data-status="at_risk">At risk<\/span><br><span class="small">projected 10\d(\.\d+)? orders at the review \(\d{4}-\d{2}-\d{2}\)<\/span>/);
    expect(html).toContain('Readings of Throughput');
    expect(html).toMatch(/<tr class="outlier" data-outlier="true"><td class="small">[\d-]+<\/td><td class="num">500 orders<\/td><td>scheduled pull<\/td><td class="small"><span class="pill rejected">outlier, not used in the forecast<\/span>/);
    expect(html).toMatch(/<td class="num">102 orders<\/td><td>webhook<\/td><td class="small"><\/td>/);
    expect(html.match(/data-outlier="true"/g)).toHaveLength(1);
  });

  it('the outcome page in Chinese', async () => {
    const html = await page(`/app/outcomes/${O.other}`, 'zh-CN');
    expect(html).toMatch(/data-status="at_risk">有风险<\/span><br><span class="small">预计复盘时（\d{4}-\d{2}-\d{2}）为 10\d(\.\d+)? orders<\/span>/);
    expect(html).toContain('异常值，未用于预测');
    expect(html).toContain('<td>定时拉取</td>');
  });

  it('the portfolio list shows each outcome’s status, in both languages', async () => {
    const en = await page('/app/portfolio', 'en');
    const row = (html: string, id: string) => html.slice(html.indexOf(`/app/outcomes/${id}`)).split('</tr>')[0]!;
    expect(row(en, O.other)).toContain('data-status="at_risk">At risk');
    // Past its review and 24 % short of the change: off track.
    expect(row(en, O.member)).toContain('data-status="off_track">Off track');
    expect(row(en, O.peer)).toContain('data-status="no_data">No data');
    const zh = await page('/app/portfolio', 'zh-CN');
    expect(row(zh, O.other)).toContain('data-status="at_risk">有风险');
    expect(row(zh, O.member)).toContain('data-status="off_track">偏离目标');
  });
});
