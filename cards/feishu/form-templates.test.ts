import { describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATES } from '../../src/domain/metric-templates.ts';
import { both, callbackValues, json } from '../../test/fixtures/feishu/card-kit.ts';
import { decodeFormAction } from './form-action.ts';
import { formCard, type FormCardProps } from './form-card.ts';
import { cardBytes, cardProblems, countComponents, MAX_CARD_BYTES, MAX_COMPONENTS } from './limits.ts';

const long = (n: number) => '长'.repeat(n);
const FORM: FormCardProps = { mode: { kind: 'new' }, nonce: 'n0nce', values: {}, errors: [], projects: [], reviewers: ['ou_boss'] };
const templates = [
  ...BUILT_IN_TEMPLATES,
  ...Array.from({ length: 80 }, (_, i) => ({ key: `custom.${crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`, indicatorClass: 'output' as const, name: { en: `${'x'.repeat(100)}${i}`, 'zh-CN': `${long(100)}${i}` } })),
];

describe('the Feishu submit form: templates, one go-live date, key result, web form', () => {
  it('has one date picker, a template picker whose button submits the form, and the web form link', () => {
    const card = both((c) => formCard({ ...FORM, templates: [...BUILT_IN_TEMPLATES], webFormUrl: 'https://outcome.example.com/app/outcomes/new' }, c));
    expect(cardProblems(card)).toEqual([]);
    const text = json(card);
    expect(text.match(/"tag":"date_picker"/g)).toHaveLength(1);
    expect(text).not.toContain('project_golive');
    expect(text).toContain('"name":"template"');
    expect(text).toContain('Impact · Net Promoter Score');
    expect(text).toContain('成效指标 · 净推荐值（NPS）');
    // The fill button submits the same form (the callback names the button).
    expect(text).toContain('"name":"apply_template"');
    expect(callbackValues(card).map(decodeFormAction)).toEqual([{ a: 'submit', n: 'n0nce' }, { a: 'submit', n: 'n0nce' }]);
    expect(text).toContain('(https://outcome.example.com/app/outcomes/new)');
    expect(text).not.toContain('"name":"key_result"');
  });

  it('offers the key results when there are some', () => {
    const card = both((c) => formCard({ ...FORM, keyResults: [{ id: 'kr-1', title: 'Grow › Retention' }], values: { key_result: 'kr-1' } }, c));
    expect(json(card)).toContain('"name":"key_result"');
    expect(json(card)).toContain('"initial_option":"kr-1"');
  });

  it('offers the built-ins and the first 8 own templates, and the first 15 key results', () => {
    const krs = Array.from({ length: 30 }, (_, i) => ({ id: `kr-${i}`, title: `KR ${i}` }));
    const text = json(both((c) => formCard({ ...FORM, templates, keyResults: krs }, c)));
    expect(text).toContain(templates[13 + 7]!.key);
    expect(text).not.toContain(templates[13 + 8]!.key);
    expect(text).toContain('"value":"kr-14"');
    expect(text).not.toContain('"value":"kr-15"');
  });

  it('adds at most 10 KB for the fullest template and key-result lists, and a full form with them stays within 30 KB and 200 components', () => {
    const values: Record<string, string> = { title: long(150), description: long(300), evidence: 'https://example.com/report' };
    for (let s = 0; s < 3; s++) Object.assign(values, { [`m${s}_name`]: long(30), [`m${s}_unit`]: long(10), [`m${s}_baseline`]: '1,000', [`m${s}_target`]: '800' });
    const form: FormCardProps = {
      ...FORM,
      values,
      errors: [0, 1, 2].map((s) => ({ name: `m${s}_target`, key: 'smart.target_wrong_direction' })),
      projects: Array.from({ length: 20 }, (_, i) => ({ id: crypto.randomUUID(), name: `${long(30)}${i}` })),
      webFormUrl: 'https://outcome.example.com/app/outcomes/new',
    };
    const keyResults = Array.from({ length: 100 }, (_, i) => ({ id: crypto.randomUUID(), title: `${long(60)}${i}` }));
    const without = both((c) => formCard(form, c));
    const full = both((c) => formCard({ ...form, templates, keyResults }, c));
    expect(cardBytes(full) - cardBytes(without)).toBeLessThanOrEqual(10 * 1024);
    expect(cardProblems(full)).toEqual([]);
    expect(countComponents(full)).toBeLessThanOrEqual(MAX_COMPONENTS);
    expect(cardBytes(full)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  });
});
