import { describe, expect, it } from 'vitest';
import { parseForm, parseFormDay, toFormErrors } from './parse-form.ts';

describe('parseForm', () => {
  it('reads dates with their offset, numbers, metric slots, links, the key result and the reviewer; a new project goes live on the one go-live date', () => {
    const p = parseForm(
      {
        title: ' T ',
        indicator: 'impact',
        project_new: 'New',
        due: '2026-12-15 +0800',
        key_result: 'kr-1',
        m1_name: 'Wait',
        m1_unit: 'min',
        m1_direction: 'decrease',
        m1_baseline: '1,045',
        m1_target: '28.5',
        evidence: 'https://a.example\n https://b.example ',
        reviewer: ['ou_boss'],
      },
      'Asia/Shanghai',
    );
    expect(p.draft).toMatchObject({ title: 'T', indicatorClass: 'impact', dueDate: new Date('2026-12-15T00:00:00Z'), keyResultId: 'kr-1' });
    expect(p.draft.metrics).toEqual([{ name: 'Wait', unit: 'min', direction: 'decrease', baseline: 1045, target: 28.5, actual: null }]);
    expect(p.metricSlots).toEqual([1]);
    expect(p.draft.evidence.map((e) => e.ref)).toEqual(['https://a.example', 'https://b.example']);
    expect(p.project).toEqual({ kind: 'new', name: 'New', goLive: new Date('2026-12-15T00:00:00Z') });
    expect(p.reviewerOpenId).toBe('ou_boss');
    expect(p.values).toMatchObject({ due: '2026-12-15', m1_baseline: '1,045' });
    expect(p.errors).toEqual([]);
  });

  it('treats anything that is not an object as an empty form', () => {
    for (const fv of [null, 'x', 3, ['a']]) expect(parseForm(fv, 'UTC')).toMatchObject({ draft: { title: '', metrics: [] }, project: null, reviewerOpenId: null });
  });

  it('maps domain fields to form elements through the metric slots', () => {
    expect(toFormErrors([{ field: 'metrics.0.baseline', key: 'k' }, { field: 'evidence.3.ref', key: 'e' }, { field: 'ownerId', key: 'o' }, { field: 'projectId', key: 'p' }], [2])).toEqual([
      { name: 'm2_baseline', key: 'k' },
      { name: 'evidence', key: 'e' },
      { name: '_general', key: 'o' },
      { name: 'project_new', key: 'p' },
    ]);
  });
});

describe('parseFormDay', () => {
  it('the day picked, whatever offset the picker adds; malformed → invalid', () => {
    expect(parseFormDay('2024-04-01 +0800').toISOString()).toBe('2024-04-01T00:00:00.000Z');
    expect(parseFormDay('2024-04-01 -05:30').toISOString()).toBe('2024-04-01T00:00:00.000Z');
    expect(parseFormDay('2024-04-01').toISOString()).toBe('2024-04-01T00:00:00.000Z');
    for (const bad of ['2024-13-01', '2024-02-30', '01/04/2024', 'tomorrow']) expect(Number.isNaN(parseFormDay(bad).getTime())).toBe(true);
  });
});

describe('metric numbers (the domain parseDecimal)', () => {
  const metric = (baseline: string) => parseForm({ m0_name: 'Wait', m0_baseline: baseline }, 'UTC').draft.metrics[0]!.baseline;
  it('thousands separators and full-width digits are numbers; a decimal comma or words are not; empty is null', () => {
    expect(metric('1,234.5')).toBe(1234.5);
    expect(metric('１２．５')).toBe(12.5);
    expect(metric('-3')).toBe(-3);
    expect(metric(' ')).toBeNull();
    for (const bad of ['12,5', '12 min', '1e3']) expect(metric(bad)).toBeNaN();
  });
});
