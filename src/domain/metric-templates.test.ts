import { describe, expect, it } from 'vitest';
import { BUILT_IN_TEMPLATES, checkTemplateInput, templateByKey } from './metric-templates.ts';
import { INDICATOR_CLASSES, LOCALES } from './types.ts';

describe('the built-in template library', () => {
  it('has the indicators the issue lists, in the three classes', () => {
    const byClass = (c: string) => BUILT_IN_TEMPLATES.filter((t) => t.indicatorClass === c).map((t) => t.name.en);
    expect(byClass('process')).toEqual(['Milestone achievement rate', 'Change-request turnaround', 'Training coverage', 'Training pass rate']);
    expect(byClass('output')).toEqual(['Incidents in the first 30 days', 'Availability', 'Requirement-fit score', 'Documentation completeness']);
    expect(byClass('impact')).toEqual(['Process-efficiency gain', 'Cost saved', 'Error rate', 'Net Promoter Score', 'Satisfaction']);
  });

  it('gives every template a unique stable key, a valid class and direction, a unit, and a name and description in both languages', () => {
    expect(new Set(BUILT_IN_TEMPLATES.map((t) => t.key)).size).toBe(BUILT_IN_TEMPLATES.length);
    for (const t of BUILT_IN_TEMPLATES) {
      expect(t.key).toMatch(/^builtin\.[a-z0-9_]+$/);
      expect(INDICATOR_CLASSES).toContain(t.indicatorClass);
      expect(['increase', 'decrease']).toContain(t.direction);
      expect(t.unit.trim()).not.toBe('');
      expect(t.builtIn).toBe(true);
      for (const locale of LOCALES) {
        expect(t.name[locale].trim(), `${t.key} name ${locale}`).not.toBe('');
        expect(t.description[locale].trim(), `${t.key} description ${locale}`).not.toBe('');
      }
      // The Chinese text is Chinese, not a copy of the English one.
      expect(t.name['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(t.description['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('points down for the indicators a project reduces', () => {
    const down = BUILT_IN_TEMPLATES.filter((t) => t.direction === 'decrease').map((t) => t.key);
    expect(down).toEqual(['builtin.change_turnaround', 'builtin.incidents_30d', 'builtin.error_rate']);
  });

  it('finds a template by key, and nothing for an unknown or empty key', () => {
    expect(templateByKey(BUILT_IN_TEMPLATES, 'builtin.nps')?.unit).toBe('NPS');
    expect(templateByKey(BUILT_IN_TEMPLATES, 'builtin.nope')).toBeNull();
    expect(templateByKey(BUILT_IN_TEMPLATES, null)).toBeNull();
  });
});

describe('checkTemplateInput', () => {
  const good = { indicatorClass: 'impact', unit: ' h ', direction: 'decrease', name: { en: ' Hours lost ', 'zh-CN': '损失工时' }, description: { en: 'Per month', 'zh-CN': '' } };

  it('accepts a complete template and trims it', () => {
    const r = checkTemplateInput(good);
    expect(r).toEqual({ ok: true, value: { indicatorClass: 'impact', unit: 'h', direction: 'decrease', name: { en: 'Hours lost', 'zh-CN': '损失工时' }, description: { en: 'Per month', 'zh-CN': '' } } });
  });

  it('names every bad field at once', () => {
    const r = checkTemplateInput({ indicatorClass: 'value', unit: '', direction: 'up', name: { en: 'x'.repeat(101) }, description: { 'zh-CN': 5 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field)).toEqual(['indicatorClass', 'direction', 'unit', 'name.en', 'name.zh-CN']);
    expect(r.errors.find((e) => e.field === 'name.en')?.params).toEqual({ max: 100 });
  });
});
