import { TZDate } from '@date-fns/tz';
import { GENERAL, type FormError } from '../../../../cards/feishu/form-card.ts';
import { ANONYMITY, NPS_FIELDS } from '../../../../cards/feishu/nps-form-card.ts';
import type { PulsePlan } from '../../../domain/pulse.ts';
import { questionsFor, type SurveyQuestion } from '../../../domain/survey-questions.ts';
import type { FieldError } from '../../../domain/errors.ts';
import { isOpenId } from '../../context.ts';
import { formText } from '../submit/parse-form.ts';
import { isChatId } from './chats.ts';

/** A submitted survey form, converted; what cannot be converted is reported on its field. */
export interface ParsedNpsForm {
  /** Values by element name, to show again with the errors. */
  values: Record<string, string>;
  people: string[];
  errors: FormError[];
  projectId: string;
  outcomeId: string | null;
  question: string;
  chatId: string | null;
  closesAt: Date;
  kind: 'baseline' | 'follow_up' | null;
  questions: SurveyQuestion[];
  anonymous: boolean;
  /** Null when both pulse fields are empty (a one-off survey). */
  pulse: PulsePlan | null;
}

/** The date picker's `yyyy-MM-dd` (maybe followed by an offset) → the end of that day in `timeZone`; NaN when malformed. */
function endOfDay(value: string, timeZone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (!m) return new Date(Number.NaN);
  return new Date(new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, timeZone).getTime());
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})\s+(\d{2}):(\d{2})(?:\s+([+-])(\d{2}):?(\d{2}))?$/;

/** `2024-04-29 07:07 +0800` (the date-time picker's format) → that instant; without an offset, in `timeZone`; NaN date when malformed. */
export function parseFormDateTime(value: string, timeZone: string): Date {
  const m = DATETIME.exec(value.trim());
  if (!m) return new Date(Number.NaN);
  const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((i) => Number(m[i])) as [number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return new Date(Number.NaN);
  if (!m[6]) return new Date(new TZDate(y, mo - 1, d, h, mi, timeZone).getTime());
  const offsetMin = (m[6] === '-' ? -1 : 1) * (Number(m[7]) * 60 + Number(m[8]));
  return new Date(Date.UTC(y, mo - 1, d, h, mi) - offsetMin * 60_000);
}

/** Converts the survey form's `form_value` for a person in `timeZone`. */
export function parseNpsForm(formValue: unknown, timeZone: string): ParsedNpsForm {
  const fv = formValue && typeof formValue === 'object' && !Array.isArray(formValue) ? (formValue as Record<string, unknown>) : {};
  const values: Record<string, string> = {};
  const get = (name: string) => (values[name] = formText(fv[name]));
  const [projectId, outcomeId, question, chat, closes, kind] = [NPS_FIELDS.project, NPS_FIELDS.outcome, NPS_FIELDS.question, NPS_FIELDS.chat, NPS_FIELDS.closes, NPS_FIELDS.kind].map(get) as [string, string, string, string, string, string];
  const errors: FormError[] = [];
  const rawPeople = fv[NPS_FIELDS.people];
  const picked = Array.isArray(rawPeople) ? rawPeople : typeof rawPeople === 'string' && rawPeople ? [rawPeople] : [];
  const people = picked.filter(isOpenId);
  if (people.length !== picked.length) errors.push({ name: NPS_FIELDS.people, key: 'feishu.nps.person_invalid' });
  if (chat && !isChatId(chat)) errors.push({ name: NPS_FIELDS.chat, key: 'feishu.nps.chat_unavailable' });
  values[NPS_FIELDS.closes] = closes.slice(0, 16);
  const [preset, custom, anonymous, every, until] = [NPS_FIELDS.preset, NPS_FIELDS.custom, NPS_FIELDS.anonymous, NPS_FIELDS.pulseEvery, NPS_FIELDS.pulseUntil].map(get) as [string, string, string, string, string];
  values[NPS_FIELDS.pulseUntil] = until.slice(0, 10);
  return {
    values,
    people,
    errors,
    projectId,
    outcomeId: outcomeId || null,
    question,
    chatId: chat && isChatId(chat) ? chat : null,
    closesAt: closes ? parseFormDateTime(closes, timeZone) : new Date(Number.NaN),
    kind: kind === 'baseline' || kind === 'follow_up' ? kind : null,
    questions: questionsFor(preset || 'nps', custom, question),
    anonymous: anonymous === ANONYMITY.anonymous,
    pulse: every || until ? { everyDays: every ? Number(every) : Number.NaN, until: until ? endOfDay(until, timeZone) : new Date(Number.NaN) } : null,
  };
}

const FIELD_OF: Record<string, string> = {
  projectId: NPS_FIELDS.project,
  outcomeId: NPS_FIELDS.outcome,
  kind: NPS_FIELDS.kind,
  audience: NPS_FIELDS.people,
  closesAt: NPS_FIELDS.closes,
  question: NPS_FIELDS.question,
  pulse: NPS_FIELDS.pulseEvery,
  pulseUntil: NPS_FIELDS.pulseUntil,
};

/** Puts validateStartSurvey's field problems next to the form's elements. */
export function toNpsFormErrors(fields: FieldError[]): FormError[] {
  return fields.map((f) => ({ name: FIELD_OF[f.field] ?? (f.field.startsWith('questions') ? NPS_FIELDS.custom : GENERAL), key: f.key, ...(f.params ? { params: f.params } : {}) }));
}
