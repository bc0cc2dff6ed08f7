import { describe, expect, it } from 'vitest';
import { newSubmitMeta, readSubmitMeta, withRowAdded, withTemplate } from './submit-meta.ts';

describe('the submit modal’s private_metadata', () => {
  it('starts with one row and round-trips through JSON', () => {
    const meta = newSubmitMeta({ mode: 'edit', o: 'o-1', r: 2 }, 2, 3);
    expect(meta).toEqual({ mode: 'edit', o: 'o-1', r: 2, n: 2, v: [0, 0], t: [null, null], fk: 3 });
    expect(readSubmitMeta(JSON.stringify(meta))).toEqual(meta);
  });

  it('grows to three rows at most, and bumps only the pre-filled row’s version', () => {
    const three = withRowAdded(withRowAdded(newSubmitMeta({ mode: 'submit' })));
    expect(three).toMatchObject({ n: 3, v: [0, 0, 0], t: [null, null, null] });
    expect(withRowAdded(three)).toBe(three);
    expect(withTemplate(withTemplate(three, 1, 'builtin.nps'), 1, 'builtin.cost_saved')).toMatchObject({ v: [0, 2, 0], t: [null, 'builtin.cost_saved', null] });
  });

  it('reads anything forged or foreign as one plain new row, clamping counts and versions', () => {
    for (const raw of [undefined, '', 'not json', '[1,2]', 'null', '{"mode":"edit","o":3}']) expect(readSubmitMeta(raw)).toEqual({ mode: 'submit', n: 1, v: [0], t: [null], fk: 0 });
    expect(readSubmitMeta(JSON.stringify({ mode: 'submit', n: 99, v: [-1, 'x', 1e9], t: [5, 'k'.repeat(101), 'builtin.nps'], fk: -2 }))).toEqual({ mode: 'submit', n: 1, v: [0], t: [null], fk: 0 });
    expect(readSubmitMeta(JSON.stringify({ mode: 'submit', n: 3, v: [2], t: ['builtin.nps'] }))).toEqual({ mode: 'submit', n: 3, v: [2, 0, 0], t: ['builtin.nps', null, null], fk: 0 });
  });
});
