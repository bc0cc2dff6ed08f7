import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { O, P, W, XSS_COMMENT, XSS_TITLE } from '../../fixtures/web/world.ts';
import { webHarness, type WebHarness } from './harness.ts';

let h: WebHarness;
beforeAll(async () => {
  h = await webHarness();
});
afterAll(() => h.close());

const pmo = () => h.as(W.a, P.pmo);
const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

describe('every page', () => {
  const PAGES = ['/app/portfolio', `/app/outcomes/${O.member}`, '/app/value', '/app/nps', '/app/reviews', '/app/my'];

  it.each(PAGES)('%s renders for the PMO with a CSP, no inline script and no caching', async (path) => {
    const res = await (await pmo()).get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const html = await res.text();
    // Every <script> either loads a file from this server or is a JSON data block.
    for (const tag of html.match(/<script[^>]*>/g) ?? []) expect(tag).toMatch(/src="\/app\/assets\/|type="application\/json"/);
    expect(html).toContain('<html lang="en">');
  });

  it('the settings page is for admins only: 403 for PMO, members and managers', async () => {
    for (const person of [P.pmo, P.member, P.manager]) {
      const res = await (await h.as(W.a, person)).get('/app/settings');
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('Only Outcome admins can change this');
    }
    expect((await (await h.as(W.a, P.admin)).get('/app/settings')).status).toBe(200);
  });

  it('the navigation shows Settings to admins only', async () => {
    expect(await (await (await h.as(W.a, P.admin)).get('/app/my')).text()).toContain('href="/app/settings"');
    expect(await (await (await h.as(W.a, P.member)).get('/app/my')).text()).not.toContain('href="/app/settings"');
  });
});

describe('user text is escaped', () => {
  it('titles, comments and evidence on the outcome page', async () => {
    const html = await (await (await h.as(W.a, P.member)).get(`/app/outcomes/${O.member}`)).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain(XSS_COMMENT);
    expect(html).toContain(escaped(XSS_TITLE));
    expect(html).toContain(escaped(XSS_COMMENT));
    // A javascript: link is shown as text, never as an href; an https link opens safely.
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('href="https://example.com/report?a=1&amp;b=2" target="_blank" rel="noopener noreferrer"');
    // A Slack file links back to Slack, built from the stored ids.
    expect(html).toContain('href="slack://file?team=TA&amp;id=F123"');
  });

  it('titles in lists and chart data (JSON blocks cannot close their <script>)', async () => {
    const list = await (await (await pmo()).get('/app/portfolio')).text();
    expect(list).toContain(escaped(XSS_TITLE));
    expect(list).not.toContain('<script>alert(1)');
    const value = await (await (await pmo()).get('/app/value')).text();
    const blocks = [...value.matchAll(/<script type="application\/json" id="([^"]+)">([\s\S]*?)<\/script>/g)];
    expect(blocks.length).toBeGreaterThan(0);
    for (const [, , json] of blocks) {
      expect(json).not.toContain('<');
      expect(() => JSON.parse(json!)).not.toThrow();
    }
  });
});

describe('outcome page', () => {
  it('shows metrics, change %, readings chart data, the review trail with scores, the overdue review and the shortfall alert', async () => {
    const html = await (await (await h.as(W.a, P.member)).get(`/app/outcomes/${O.member}`)).text();
    expect(html).toContain('Waiting time');
    expect(html).toContain('-28.9%'); // 45 → 32
    expect(html).toContain('76.5%'); // progress 13/17
    expect(html).toContain('data-chart="metric-0-data"');
    const data = JSON.parse(/<script type="application\/json" id="metric-0-data">([\s\S]*?)<\/script>/.exec(html)![1]!) as { series: { values: number[] }[]; x: number[] };
    expect(data.series[0]!.values).toEqual([45, 36, 32]);
    expect(data.x).toHaveLength(3);
    expect(html).toContain('impact 4 · difficulty 3 · innovation 2');
    expect(html).toContain('Mean score: impact 4.5 · difficulty 3 · innovation 3');
    expect(html).toMatch(/Follow-up review: 2026-11-13 — <span class="pill overdue">Overdue/);
    expect(html).toContain('data-testid="shortfall-alert"');
    expect(html).toContain('Waiting time: target 45 min → 28 min, achieved 45 min → 32 min: 76.5% of the targeted change, 23.5% short.');
    expect(html).toContain('ROI: <span class="up">+150%</span>');
  });

  it('a metric beating its target raises no alert', async () => {
    const html = await (await (await pmo()).get(`/app/outcomes/${O.other}`)).text();
    expect(html).not.toContain('data-testid="shortfall-alert"');
  });
});

describe('portfolio', () => {
  it('counts, waiting times, the matrix with mean attainment', async () => {
    const html = await (await (await pmo()).get('/app/portfolio')).text();
    expect(html).toMatch(/data-group="awaiting_manager"><div class="value">1<\/div><div class="label">Awaiting manager<\/div><div class="wait">waiting: median 3 d, longest 3 d/);
    expect(html).toMatch(/data-group="verified"><div class="value">2</);
    // Support × impact: two verified outcomes, attainment 76.5 % (45 → 32 toward 28, decrease) and 120 % (100 → 160 toward 150): mean 98.2 %.
    expect(html).toMatch(/<td>Support<\/td><td class="muted">·<\/td><td class="muted">·<\/td><td><span class="count">2<\/span><span class="att " data-attainment="0.982">98.2%<\/span><\/td>/);
  });

  it('filters by project, status and period', async () => {
    const c = await pmo();
    const ids = async (q: string) => ((await (await c.get(`/api/outcomes?${q}`)).json()) as { outcomes: { id: string }[] }).outcomes.map((o) => o.id).sort();
    expect(await ids('project=pr-a2')).toEqual([O.peer]);
    expect(await ids('status=verified')).toEqual([O.member, O.other]);
    expect(await ids('from=2026-09-01&to=2026-10-31')).toEqual([O.other]);
    expect(await ids('to=2026-09-01')).toEqual([O.member]);
  });

  it('a bad filter is a 400 naming the field, on the page and in the API', async () => {
    const c = await pmo();
    const page = await c.get('/app/portfolio?from=2026-02-31&status=bogus');
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('Enter a date as YYYY-MM-DD.');
    expect(html).toContain('Choose one of the listed statuses.');
    const api = await c.get('/api/portfolio?to=2026-01-01&from=2026-02-01');
    expect(api.status).toBe(400);
    expect(await api.json()).toMatchObject({ error: 'validation_failed', fields: [{ field: 'to', key: 'web.filter.range_reversed' }] });
  });
});

describe('value, NPS, reviews, my page', () => {
  it('value: improvements, ROI and score-card means', async () => {
    const v = (await (await (await pmo()).get('/api/value')).json()) as { improvements: { metric: string; improvement: number }[]; roi: { roi: number }[]; roiTotal: { roi: number }; scores: { overall: Record<string, number>; n: number } };
    expect(v.improvements.map((i) => i.metric)).toEqual(['Throughput', 'Waiting time']);
    expect(v.improvements[0]!.improvement).toBeCloseTo(0.6, 10);
    expect(v.roi[0]!.roi).toBe(1.5);
    expect(v.scores).toMatchObject({ n: 2, overall: { impact: 4.5, difficulty: 3, innovation: 3 } });
  });

  it('NPS: baseline hidden below 3 answers, follow-up with n and interval', async () => {
    const html = await (await (await h.as(W.a, P.member)).get('/app/nps')).text();
    expect(html).toContain('n = 2 · Results are hidden until at least 3 people have answered');
    expect(html).toContain('<div class="value" data-testid="nps-value">30</div>');
    expect(html).toContain('n = 10 · 95% interval -18 to 78');
    const api = (await (await (await h.as(W.a, P.member)).get('/api/nps')).json()) as { projects: { name: string; baseline: { summary: { hidden: boolean; nps: number | null; distribution: unknown } } }[] };
    const support = api.projects.find((p) => p.name === 'Support')!;
    expect(support.baseline.summary).toMatchObject({ hidden: true, nps: null, distribution: null });
  });

  it('reviews: overdue and due-soon reviews grouped by owner', async () => {
    const html = await (await (await pmo()).get('/app/reviews')).text();
    expect(html).toMatch(/Mia Member <span class="muted small">1 due, 1 overdue<\/span>/);
    expect(html).toMatch(/Olga Other <span class="muted small">1 due, 0 overdue<\/span>/);
  });

  it('my page: what the member must do next', async () => {
    const html = await (await (await h.as(W.a, P.member)).get('/app/my')).text();
    expect(html).toContain('Follow-up review overdue since 2026-11-13');
    expect(html).toContain('Answer the NPS survey about Warehouse in chat');
    const manager = await (await (await h.as(W.a, P.manager)).get('/app/my')).text();
    expect(manager).toMatch(/Awaiting your review: <a href="\/app\/outcomes\/o-peer">Peer outcome<\/a>/);
  });
});

describe('language', () => {
  it('follows ?lang=, then the stored locale, then Accept-Language', async () => {
    const b = await h.as(W.b, P.bAdmin); // stored locale zh-CN
    expect(await (await b.get('/app/portfolio')).text()).toContain('<h1>成果总览</h1>');
    const en = await b.get('/app/portfolio?lang=en');
    expect(await en.text()).toContain('<h1>Portfolio</h1>');
    expect(en.headers.get('set-cookie')).toContain('outcome_lang=en');
    const member = await h.as(W.b, P.bMember); // no stored locale
    expect(await (await member.get('/app/my', { 'accept-language': 'zh-CN,zh;q=0.9' })).text()).toContain('<h1>我的</h1>');
    expect(await (await member.get('/app/my', { 'accept-language': 'en-US' })).text()).toContain('<h1>My page</h1>');
    expect(await (await member.get('/app/my', { cookie: '' })).text()).toContain('<h1>我的</h1>'); // workspace default zh-CN
  });

  it('error messages are localised too', async () => {
    const res = await (await h.as(W.b, P.bAdmin)).get(`/app/outcomes/${O.member}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('未找到');
  });
});

describe('assets', () => {
  it('serves uPlot and the chart script with long caching when versioned', async () => {
    const html = await (await (await pmo()).get(`/app/outcomes/${O.member}`)).text();
    const src = /<script src="(\/app\/assets\/uplot\.js\?v=[0-9a-f]+)"/.exec(html)![1]!;
    const res = await h.request(src);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toContain('uPlot');
    expect((await h.request('/app/assets/nope.js')).status).toBe(404);
    expect((await h.request('/app/assets/__proto__')).status).toBe(404);
  });
});
