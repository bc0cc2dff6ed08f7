import { describe, expect, it } from 'vitest';
import { checkLesson, LESSON_TAGS_MAX, parseTags } from './lessons.ts';

describe('lessons', () => {
  it('reads tags split by commas (ASCII or Chinese), 、 and line breaks, without # and repeats', () => {
    expect(parseTags('#Triage, 排队，triage、客户\nOnboarding;')).toEqual(['triage', '排队', '客户', 'onboarding']);
    expect(parseTags(['  A ', 'a', ''])).toEqual(['a']);
  });

  it('needs one answer at least, and bounds the answers and tags; text is cleaned and trimmed', () => {
    expect(checkLesson({ whatWorked: ' \r\n ' }).problems).toEqual([{ field: 'whatWorked', key: 'lesson.empty' }]);
    expect(checkLesson({ whatDidnt: 'x'.repeat(2001) }).problems).toEqual([{ field: 'whatDidnt', key: 'lesson.too_long', params: { max: 2000 } }]);
    const tags = Array.from({ length: LESSON_TAGS_MAX + 1 }, (_, i) => `t${i}`);
    expect(checkLesson({ whatWorked: 'ok', tags }).problems.map((p) => p.key)).toEqual(['lesson.too_many_tags']);
    expect(checkLesson({ whatWorked: 'ok', tags: ['x'.repeat(41)] }).problems.map((p) => p.key)).toEqual(['lesson.tag_too_long']);
    expect(checkLesson({ whatWorked: ' Pair\u0000 with support\r\n ', tags: 'a, b' })).toEqual({ lesson: { whatWorked: 'Pair with support', whatDidnt: '', whatToRepeat: '', tags: ['a', 'b'] }, problems: [] });
  });
});
