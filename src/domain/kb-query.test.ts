import { describe, expect, it } from 'vitest';
import { likePattern, markedSegments, MARK_END, MARK_START, matchExpression, MAX_TERMS, searchTerms, similarityExpression, snippetAround } from './kb-query.ts';

describe('searchTerms', () => {
  it('splits on white space into trigram phrases (3+ characters) and LIKE terms (1–2)', () => {
    expect(searchTerms('  客户留存  效率 UX checkout ')).toEqual({ phrases: ['客户留存', 'checkout'], short: ['效率', 'UX'] });
  });

  it('folds full-width letters, drops duplicates and the snippet markers, and keeps at most MAX_TERMS', () => {
    expect(searchTerms('ＡＢＣ abc ABC')).toEqual({ phrases: ['ABC', 'abc'], short: [] });
    expect(searchTerms(`a${MARK_START}b${MARK_END}c`).phrases).toEqual(['abc']);
    expect(searchTerms(Array.from({ length: 20 }, (_, i) => `word${i}`).join(' ')).phrases).toHaveLength(MAX_TERMS);
  });
});

describe('matchExpression and likePattern', () => {
  it('quote every term, so FTS5 operators and quotes are plain text', () => {
    expect(matchExpression(['a"b', 'OR', 'NEAR(x'])).toBe('"a""b" "OR" "NEAR(x"');
    expect(matchExpression([])).toBeNull();
    expect(likePattern('50%_\\')).toBe('%50\\%\\_\\\\%');
  });
});

describe('similarityExpression', () => {
  it('ORs English words of 3+ letters (no stop words) and the trigrams of Chinese runs', () => {
    expect(similarityExpression('Reduce the checkout latency')).toBe('"reduce" OR "checkout" OR "latency"');
    expect(similarityExpression('提升客户留存率')).toBe('"提升客" OR "升客户" OR "客户留" OR "户留存" OR "留存率"');
    expect(similarityExpression('UX 效率')).toBeNull();
  });
});

describe('snippets', () => {
  it('markedSegments splits marked text into hit and plain segments', () => {
    expect(markedSegments(`a ${MARK_START}hit${MARK_END} b`)).toEqual([
      { text: 'a ', hit: false },
      { text: 'hit', hit: true },
      { text: ' b', hit: false },
    ]);
    expect(markedSegments('<b>')).toEqual([{ text: '<b>', hit: false }]);
  });

  it('snippetAround marks every occurrence of the short terms, case-insensitively, around the first one', () => {
    expect(snippetAround('提高运营效率，效率优先', ['效率'])).toEqual([
      { text: '提高运营', hit: false },
      { text: '效率', hit: true },
      { text: '，', hit: false },
      { text: '效率', hit: true },
      { text: '优先', hit: false },
    ]);
    const long = `${'x'.repeat(100)}Ux${'y'.repeat(100)}`;
    const segs = snippetAround(long, ['ux'], 30)!;
    expect(segs.find((s) => s.hit)!.text).toBe('Ux');
    expect(segs[0]!.text.startsWith('…')).toBe(true);
    expect(segs.at(-1)!.text.endsWith('…')).toBe(true);
    expect(snippetAround('nothing here', ['效率'])).toBeNull();
  });
});
