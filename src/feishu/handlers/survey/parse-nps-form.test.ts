import { describe, expect, it } from 'vitest';
import { parseFormDateTime, parseNpsForm, toNpsFormErrors } from './parse-nps-form.ts';

describe('parseNpsForm', () => {
  it('reads the picker values: project, people (open_ids), group, closing time with its offset, kind', () => {
    const p = parseNpsForm({ project: 'p1', outcome: 'o1', question: ' Would you? ', people: ['ou_a', 'ou_b'], chat: 'oc_team', closes: '2026-11-30 18:00 +0800', kind: 'baseline' }, 'UTC');
    expect(p).toMatchObject({ projectId: 'p1', outcomeId: 'o1', question: 'Would you?', people: ['ou_a', 'ou_b'], chatId: 'oc_team', kind: 'baseline', errors: [] });
    expect(p.closesAt.toISOString()).toBe('2026-11-30T10:00:00.000Z');
    expect(p.values.closes).toBe('2026-11-30 18:00');
  });

  it('names what cannot be used (a missing kind is the domain’s to report), and treats anything but an object as an empty form', () => {
    const p = parseNpsForm({ people: ['ou_a', 'nobody'], chat: 'general', kind: 'weekly' }, 'UTC');
    expect(p.errors.map((e) => e.name)).toEqual(['people', 'chat']);
    expect(p).toMatchObject({ people: ['ou_a'], chatId: null, kind: null });
    expect(Number.isNaN(p.closesAt.getTime())).toBe(true);
    for (const fv of [null, 'x', ['a']]) expect(parseNpsForm(fv, 'UTC')).toMatchObject({ projectId: '', people: [], chatId: null });
  });

  it('maps the verb’s fields to the form’s elements', () => {
    const fields = ['audience', 'closesAt', 'projectId', 'outcomeId', 'kind', 'question', 'other'].map((field) => ({ field, key: 'k' }));
    expect(toNpsFormErrors(fields).map((e) => e.name)).toEqual(['people', 'closes', 'project', 'outcome', 'kind', 'question', '_general']);
  });
});

describe('parseFormDateTime', () => {
  it('offset form, plain form in the zone, malformed → invalid', () => {
    expect(parseFormDateTime('2024-04-29 07:07 +0800', 'UTC').toISOString()).toBe('2024-04-28T23:07:00.000Z');
    expect(parseFormDateTime('2024-04-29 07:07 -05:30', 'UTC').toISOString()).toBe('2024-04-29T12:37:00.000Z');
    expect(parseFormDateTime('2024-04-29 07:07', 'Asia/Shanghai').toISOString()).toBe('2024-04-28T23:07:00.000Z');
    for (const bad of ['2024-04-29', '2024-04-29 25:00', 'soon']) expect(Number.isNaN(parseFormDateTime(bad, 'UTC').getTime())).toBe(true);
  });
});
