import { describe, expect, it } from 'vitest';
import { mergeLocales, toast } from './bilingual.ts';
import { button, card, escapeMd, header, link, md, mention, plain } from './kit.ts';
import { cardBytes, cardProblems, fitCard, MAX_CARD_BYTES, utf8Length } from './limits.ts';

const withBody = (elements: object[]) => card(header('t', 'blue'), elements as Record<string, unknown>[]);
const submit = button({ name: 'go', label: 'Go', submit: true, value: '{}' });
const input = (name?: string) => ({ tag: 'input', ...(name ? { name } : {}) });

describe('card limits (platform-facts §2.3)', () => {
  it('counts UTF-8 bytes as TextEncoder writes them: ASCII, Chinese, emoji, lone surrogates', () => {
    const texts = ['', 'plain ascii', 'é ß ø', '审批通过 ✅', '🎉👍🏽 emoji pairs', 'lone \ud83d end', 'trail \ude00', 'mixed 中文 and ' + 'x'.repeat(5000) + ' 🙂'];
    for (const t of texts) expect(utf8Length(t), t).toBe(new TextEncoder().encode(t).length);
    const c = withBody([md('审批 🎉 "quoted" \\ back')]);
    expect(cardBytes(c)).toBe(new TextEncoder().encode(JSON.stringify(c)).length);
  });

  it('accepts a well-formed card', () => {
    expect(cardProblems(withBody([md('x'), { tag: 'form', name: 'f', elements: [input('a'), submit] }]))).toEqual([]);
  });

  it.each([
    ['a form inside a column', [{ tag: 'column_set', columns: [{ tag: 'column', elements: [{ tag: 'form', name: 'f', elements: [input('a'), submit] }] }] }], 'form not at the root of the body'],
    ['a table in a form', [{ tag: 'form', name: 'f', elements: [{ tag: 'table', rows: [] }, submit] }], 'table inside a form'],
    ['a chart in a form', [{ tag: 'form', name: 'f', elements: [{ tag: 'chart', chart_spec: {} }, submit] }], 'chart inside a form'],
    ['an unnamed input in a form', [{ tag: 'form', name: 'f', elements: [input(), submit] }], 'input in a form without a name'],
    ['two fields with one name', [{ tag: 'form', name: 'f', elements: [input('a'), input('a'), submit] }], 'duplicate name a'],
    ['a form without a submit button', [{ tag: 'form', name: 'f', elements: [input('a')] }], 'form without a submit button'],
    ['a bad element_id', [{ tag: 'markdown', content: 'x', element_id: '1-bad' }], 'bad element_id 1-bad'],
    ['an element_id over 20 characters', [{ tag: 'markdown', content: 'x', element_id: 'a'.repeat(21) }], `bad element_id ${'a'.repeat(21)}`],
    ['a repeated element_id', [md('x'), { tag: 'markdown', content: 'y', element_id: 'same' }, { tag: 'markdown', content: 'z', element_id: 'same' }], 'duplicate element_id same'],
    ['201 components', Array.from({ length: 201 }, () => md('x')), '201 components, over 200'],
  ])('reports %s', (_case, elements, problem) => {
    expect(cardProblems(withBody(elements))).toContain(problem);
  });

  it('reports a card over 30 KB (UTF-8 bytes)', () => {
    const problems = cardProblems(withBody([md('说'.repeat(10_500))]));
    expect(problems[0]).toMatch(/^card is \d+ bytes, over 30720$/);
  });

  it('fitCard takes the first level that fits, and gives up (null) when none does', () => {
    const sized = (n: number) => withBody([md('x'.repeat(n))]);
    expect(fitCard((level) => sized([40_000, 31_000, 1_000][level]!), 3)?.level).toBe(2);
    expect(fitCard(() => sized(MAX_CARD_BYTES), 4)).toBeNull();
  });
});

describe('bilingual cards', () => {
  it('adds i18n_content where the texts differ and keeps the structure', () => {
    const zh = withBody([md('你好'), { tag: 'div', text: plain('same') }, { tag: 'chart', chart_spec: { title: { text: '基线' } } }]);
    const en = withBody([md('Hello'), { tag: 'div', text: plain('same') }, { tag: 'chart', chart_spec: { title: { text: 'Baseline' } } }]);
    const merged = mergeLocales(zh, en, 'zh-CN', 'en') as { body: { elements: Record<string, unknown>[] } };
    expect(merged.body.elements[0]).toEqual({ tag: 'markdown', content: '你好', i18n_content: { zh_cn: '你好', en_us: 'Hello' } });
    expect(merged.body.elements[1]).toEqual({ tag: 'div', text: { tag: 'plain_text', content: 'same' } });
    expect(merged.body.elements[2]).toEqual({ tag: 'chart', chart_spec: { title: { text: '基线' } } });
    expect(mergeLocales(en, zh, 'en', 'zh-CN')).toMatchObject({ header: { title: { content: 't' } } });
  });

  it('toasts carry both languages', () => {
    expect(toast('error', { 'zh-CN': '错', en: 'Wrong' }, 'en')).toEqual({ type: 'error', content: 'Wrong', i18n: { zh_cn: '错', en_us: 'Wrong' } });
  });
});

describe('markdown safety', () => {
  it('escapes what a person typed, links only http(s), mentions only open_ids', () => {
    expect(escapeMd('**x** [a](b) <at id=1></at> _y_ # z')).toBe('&#42;&#42;x&#42;&#42; &#91;a&#93;(b) &#60;at id=1&#62;&#60;/at&#62; &#95;y&#95; &#35; z');
    expect(link('Report', 'https://example.com/a')).toBe('[Report](https://example.com/a)');
    expect(link('Bad', 'javascript:alert(1)')).toBe('Bad');
    expect(link('Paren', 'https://example.com/a)b')).toBe('Paren');
    expect(mention({ address: 'ou_abc', name: 'A' })).toBe('<at id=ou_abc></at>');
    expect(mention({ address: 'oc_chat><at id=all', name: 'x<y' })).toBe('x&#60;y');
  });
});
