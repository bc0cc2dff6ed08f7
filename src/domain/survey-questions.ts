/**
 * A survey's questions (1–5): NPS 0–10, a rating 1–5, a single choice, or free text; the
 * start forms' presets and custom lines; and the check of one person's answers.
 */
import { cleanText } from './clean-text.ts';
import { DomainError, type FieldError } from './errors.ts';

export type QuestionType = 'nps' | 'rating' | 'choice' | 'text';
export const QUESTION_TYPES: readonly QuestionType[] = ['nps', 'rating', 'choice', 'text'];

/**
 * One question. `text` empty: the default wording of `preset` (or of the type), in each
 * reader's language, so that a preset reads right in Chinese and English alike.
 */
export interface SurveyQuestion {
  type: QuestionType;
  text: string;
  /** An i18n key suffix for the default wording (`survey.q.<preset>`); only with an empty text. */
  preset?: string;
  /** Single choice only: 2–10 options. */
  choices?: string[];
}

/** One person's answer per question, in order: a score, a choice index, a text, or null (skipped text). */
export type AnswerValue = number | string | null;

export const MAX_QUESTIONS = 5;
export const MAX_CHOICES = 10;
const MAX_TEXT = 300;
const MAX_CHOICE = 80;
export const MAX_COMMENT = 2000;

/** The start forms' presets; `custom` takes lines written by the starter. */
export const SURVEY_PRESETS = {
  nps: [{ type: 'nps', text: '', preset: 'recommend' }],
  fit: [
    { type: 'rating', text: '', preset: 'fit' },
    { type: 'rating', text: '', preset: 'ease' },
    { type: 'text', text: '', preset: 'improve' },
  ],
  satisfaction: [
    { type: 'nps', text: '', preset: 'recommend' },
    { type: 'rating', text: '', preset: 'satisfaction' },
    { type: 'text', text: '', preset: 'improve' },
  ],
} as const satisfies Record<string, readonly SurveyQuestion[]>;
export type SurveyPreset = keyof typeof SURVEY_PRESETS | 'custom';
export const PRESET_NAMES: readonly SurveyPreset[] = ['nps', 'fit', 'satisfaction', 'custom'];

const LINE = /^\s*(nps|rating|choice|text)\s*[:：]\s*(.*)$/i;

/**
 * The custom questions, one per line: `nps: …`, `rating: …`, `text: …` or
 * `choice: question | option 1 | option 2 …`. A line without a type is free text.
 */
export function parseQuestionLines(raw: string): SurveyQuestion[] {
  return cleanText(raw)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const m = LINE.exec(line);
      const type = (m?.[1]?.toLowerCase() ?? 'text') as QuestionType;
      const body = m ? (m[2] ?? '') : line;
      if (type !== 'choice') return { type, text: body.trim() };
      const [text = '', ...choices] = body.split(/[|｜]/).map((s) => s.trim());
      return { type, text, choices: choices.filter(Boolean) };
    });
}

/** The questions a start form asked for: a preset, or the custom lines. */
export function questionsFor(preset: string, customLines: string, legacyQuestion = ''): SurveyQuestion[] {
  if (preset === 'custom') return parseQuestionLines(customLines);
  const chosen = SURVEY_PRESETS[(preset in SURVEY_PRESETS ? preset : 'nps') as keyof typeof SURVEY_PRESETS];
  // The one-question NPS survey keeps its own wording when the form gave one.
  if (chosen === SURVEY_PRESETS.nps && legacyQuestion.trim()) return [{ type: 'nps', text: legacyQuestion.trim() }];
  return chosen.map((q) => ({ ...q }));
}

/** Every problem of a question list, on fields `questions` and `questions.<i>`. */
export function questionProblems(questions: readonly SurveyQuestion[]): FieldError[] {
  const problems: FieldError[] = [];
  if (questions.length < 1 || questions.length > MAX_QUESTIONS) problems.push({ field: 'questions', key: 'survey.questions_count', params: { max: MAX_QUESTIONS } });
  questions.forEach((q, i) => {
    const field = `questions.${i}`;
    if (!QUESTION_TYPES.includes(q.type)) problems.push({ field, key: 'survey.question_type', params: { n: i + 1 } });
    if (q.text.length > MAX_TEXT) problems.push({ field, key: 'survey.question_too_long', params: { max: MAX_TEXT } });
    if (!q.text && !q.preset && q.type !== 'nps') problems.push({ field, key: 'survey.question_empty', params: { n: i + 1 } });
    if (q.type === 'choice') {
      const c = q.choices ?? [];
      if (c.length < 2 || c.length > MAX_CHOICES || c.some((x) => x.length > MAX_CHOICE) || new Set(c).size !== c.length) problems.push({ field, key: 'survey.choices_invalid', params: { n: i + 1, max: MAX_CHOICES } });
    }
  });
  return problems;
}

/** The questions as stored: trimmed, without a stray `choices` on other types. */
export function normalizeQuestions(questions: readonly SurveyQuestion[]): SurveyQuestion[] {
  return questions.map((q) => ({
    type: q.type,
    text: cleanText(q.text).trim(),
    ...(q.preset && !q.text.trim() ? { preset: q.preset } : {}),
    ...(q.type === 'choice' ? { choices: (q.choices ?? []).map((c) => cleanText(c).trim()) } : {}),
  }));
}

/** True for the original survey: one NPS question, answered with the 0–10 buttons. */
export const isSingleNps = (questions: readonly SurveyQuestion[]): boolean => questions.length === 1 && questions[0]!.type === 'nps';

const intIn = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/**
 * Checks one person's answers (raw form values, untrusted) against the questions: NPS an
 * integer 0–10, a rating 1–5 and a choice index are required; free text is optional.
 * Returns the stored values, or throws `validation_failed` with fields `answers.<i>`.
 */
export function checkAnswers(questions: readonly SurveyQuestion[], raw: readonly unknown[]): AnswerValue[] {
  const errors: FieldError[] = [];
  const values = questions.map((q, i): AnswerValue => {
    const v = raw[i];
    const field = `answers.${i}`;
    if (q.type === 'text') {
      const s = typeof v === 'string' ? cleanText(v).trim().slice(0, MAX_COMMENT) : '';
      return s || null;
    }
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    const [min, max] = q.type === 'nps' ? [0, 10] : q.type === 'rating' ? [1, 5] : [0, (q.choices?.length ?? 0) - 1];
    if (intIn(n, min, max)) return n;
    errors.push({ field, key: n === undefined || n === null || n === '' ? 'survey.answer_required' : 'survey.answer_out_of_range', params: { n: i + 1, min, max } });
    return null;
  });
  if (errors.length) throw new DomainError('validation_failed', 'error.validation_failed', { count: errors.length }, errors);
  return values;
}
