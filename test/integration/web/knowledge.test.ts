import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addKnowledge, K, TEMPLATE } from '../../fixtures/web/knowledge.ts';
import { O, P, W } from '../../fixtures/web/world.ts';
import { webHarness, type WebHarness } from './harness.ts';

let h: WebHarness;
beforeAll(async () => {
  h = await webHarness();
  await addKnowledge(h.deps.db);
});
afterAll(() => h.close());

const page = async (person: string, path: string, lang = 'en') => {
  const res = await (await h.as(W.a, person)).get(path, { 'accept-language': lang });
  return { status: res.status, html: await res.text() };
};
const hitIds = (html: string) => [...html.matchAll(/data-testid="kb-hit" data-kind="\w+" data-outcome="([^"]+)"/g)].map((m) => m[1]).sort();

describe('the knowledge page', () => {
  it('finds a Chinese query, marks the hit in the title, and lists only the workspace’s outcomes', async () => {
    const { status, html } = await page(P.pmo, `/app/knowledge?q=${encodeURIComponent('客户留存')}`, 'zh-CN');
    expect(status).toBe(200);
    expect(html).toContain('<h1>知识库</h1>');
    expect(hitIds(html)).toEqual([K.zh1, K.zh2, K.zh3]);
    expect(html).toContain('提升<mark>客户留存</mark>率');
    expect(html).not.toContain('乙公司');
  });

  it('finds an English query in a description and shows the marked snippet, attainment and status', async () => {
    const { html } = await page(P.pmo, '/app/knowledge?q=payment');
    expect(hitIds(html)).toEqual([K.en1]);
    expect(html).toContain('<mark>payment</mark>');
    expect(html).toContain('Attainment 75%');
  });

  it('answers a 2-character Chinese word with its marks (the LIKE path)', async () => {
    const { html } = await page(P.pmo, `/app/knowledge?q=${encodeURIComponent('效率')}`);
    expect(hitIds(html)).toEqual([K.zh1]);
    expect(html).toContain('<mark>效率</mark>');
  });

  it('a member finds only the outcomes they may see', async () => {
    expect(hitIds((await page(P.member, `/app/knowledge?q=${encodeURIComponent('客户留存')}`)).html)).toEqual([K.zh1]);
    expect(hitIds((await page(P.other, '/app/knowledge?q=checkout')).html)).toEqual([]);
  });

  it('escapes the hit text: a title with HTML is shown as text, marks and all', async () => {
    const { html } = await page(P.pmo, `/app/knowledge?q=${encodeURIComponent('alert(1)')}`);
    expect(hitIds(html)).toEqual([O.member]);
    expect(html).toContain('&lt;script&gt;<mark>alert(1)</mark>&lt;/script&gt;');
    expect(html).not.toContain('<script>alert');
  });

  it('filters by class, project and status; without words, the filtered outcomes', async () => {
    expect(hitIds((await page(P.pmo, `/app/knowledge?q=${encodeURIComponent('客户留存')}&class=impact&project=pr-a`)).html)).toEqual([K.zh1, K.zh3]);
    expect(hitIds((await page(P.pmo, '/app/knowledge?q=checkout&status=submitted')).html)).toEqual([K.en2]);
    const { html } = await page(P.pmo, '/app/knowledge?class=impact&status=verified');
    // the outcomes, and the lesson of one of them
    expect(hitIds(html)).toEqual([O.member, O.other, K.zh1, K.zh1, K.zh3].sort());
    expect(html).not.toContain('data-testid="kb-next"');
  });

  it('finds a lesson, shown under its outcome’s title, and filters by lesson tag and metric template', async () => {
    const { html } = await page(P.member, `/app/knowledge?q=${encodeURIComponent('churned members')}`);
    expect(html).toMatch(/data-kind="lesson" data-outcome="k-zh1">\s*<a href="\/app\/outcomes\/k-zh1">提升客户留存率<\/a>\s*<span class="pill">Lesson<\/span>/);
    expect(html).toContain('<mark>churned</mark> <mark>members</mark>');
    const tagged = await page(P.pmo, `/app/knowledge?tag=${encodeURIComponent('续费')}`, 'zh-CN');
    expect(hitIds(tagged.html)).toEqual([K.zh2, K.zh2]);
    expect(tagged.html).toContain('<option value="续费" selected>续费</option>');
    const templated = await page(P.pmo, `/app/knowledge?q=${encodeURIComponent('客户留存')}&template=${TEMPLATE}`, 'zh-CN');
    expect(hitIds(templated.html)).toEqual([K.zh1]);
    expect(templated.html).toContain(`<option value="${TEMPLATE}" selected>`);
  });

  it('a bad filter is a 400 with the message next to the field, and changes nothing', async () => {
    const { status, html } = await page(P.pmo, '/app/knowledge?q=checkout&class=nonsense&offset=-1');
    expect(status).toBe(400);
    expect(html).toContain('Choose one of the listed indicator classes.');
    expect(html).toContain('Results go up to 200.');
    expect(html).toContain('value="checkout"');
  });

  it('is in the navigation', async () => {
    expect((await page(P.member, '/app/my')).html).toContain('href="/app/knowledge"');
  });
});

describe('the outcome page’s similar past outcomes', () => {
  it('lists the viewer’s similar outcomes with their attainment, never the outcome itself', async () => {
    const { html } = await page(P.pmo, `/app/outcomes/${K.zh1}`);
    const section = html.slice(html.indexOf('data-testid="similar-outcomes"'));
    expect(section).toContain('Similar past outcomes');
    expect(section).toContain(`/app/outcomes/${K.zh2}`);
    expect(section).toContain(`/app/outcomes/${K.zh3}`);
    expect(section).not.toContain(`/app/outcomes/${K.zh1}"`);
    expect(section).toContain('100%');
    expect(section).toContain('80%');
  });

  it('shows a member none they may not see', async () => {
    const { html } = await page(P.member, `/app/outcomes/${K.zh1}`, 'zh-CN');
    expect(html.slice(html.indexOf('data-testid="similar-outcomes"'))).toContain('本工作区暂无类似成果。');
  });
});
