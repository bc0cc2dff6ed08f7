import { cleanText } from './clean-text.ts';
import type { FieldError } from './errors.ts';

/** The three questions of a lesson (复盘), each at most this long. */
export const LESSON_TEXT_MAX = 2000;
/** Tags per lesson, and characters per tag. */
export const LESSON_TAGS_MAX = 10;
export const LESSON_TAG_MAX = 40;

/** A lesson as a person typed it: what worked, what didn't, what to repeat, and tags. */
export interface LessonText {
  whatWorked: string;
  whatDidnt: string;
  whatToRepeat: string;
  tags: string[];
}

/**
 * Tags as typed in one field: split on commas (ASCII or Chinese), semicolons and line breaks,
 * trimmed, a leading '#' dropped, lower-cased (Latin letters only; Chinese has no case), duplicates removed.
 */
export function parseTags(raw: string | readonly string[]): string[] {
  const parts = typeof raw === 'string' ? raw.split(/[,，;；、\n]+/) : raw;
  const seen = new Set<string>();
  for (const p of parts) {
    const tag = cleanText(p).trim().replace(/^#+/, '').trim().toLowerCase();
    if (tag) seen.add(tag);
  }
  return [...seen];
}

/**
 * The lesson as it is stored (text cleaned and trimmed, tags parsed), with its problems:
 * at least one of the three answers, none too long, at most {@link LESSON_TAGS_MAX} short tags.
 */
export function checkLesson(input: { whatWorked?: string | null; whatDidnt?: string | null; whatToRepeat?: string | null; tags?: string | readonly string[] | null }): {
  lesson: LessonText;
  problems: FieldError[];
} {
  const text = (v: string | null | undefined) => cleanText(v ?? '').trim();
  const lesson: LessonText = { whatWorked: text(input.whatWorked), whatDidnt: text(input.whatDidnt), whatToRepeat: text(input.whatToRepeat), tags: parseTags(input.tags ?? []) };
  const problems: FieldError[] = [];
  if (!lesson.whatWorked && !lesson.whatDidnt && !lesson.whatToRepeat) problems.push({ field: 'whatWorked', key: 'lesson.empty' });
  for (const field of ['whatWorked', 'whatDidnt', 'whatToRepeat'] as const)
    if (lesson[field].length > LESSON_TEXT_MAX) problems.push({ field, key: 'lesson.too_long', params: { max: LESSON_TEXT_MAX } });
  if (lesson.tags.length > LESSON_TAGS_MAX) problems.push({ field: 'tags', key: 'lesson.too_many_tags', params: { max: LESSON_TAGS_MAX } });
  if (lesson.tags.some((tag) => tag.length > LESSON_TAG_MAX)) problems.push({ field: 'tags', key: 'lesson.tag_too_long', params: { max: LESSON_TAG_MAX } });
  return { lesson, problems };
}
