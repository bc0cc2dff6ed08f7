import { INPUT_ACTION } from '../../../../cards/slack/submit-modal.ts';
import { ANONYMOUS_VALUE, SURVEY_BLOCKS } from '../../../../cards/slack/survey-modal.ts';
import type { PulsePlan } from '../../../domain/pulse.ts';
import { questionsFor, type SurveyQuestion } from '../../../domain/survey-questions.ts';
import { TZDate } from '@date-fns/tz';
import type { StateValue, StateValues } from '../submit/read-submission.ts';

/** What the PMO chose in the survey modal, parsed but not yet judged (startSurvey does that). */
export interface ParsedSurvey {
  projectId: string;
  outcomeId: string | null;
  question: string;
  people: string[];
  channels: string[];
  /** Invalid (NaN) when missing or garbage, so the verb names it. */
  closesAt: Date;
  kind: 'baseline' | 'follow_up' | null;
  questions: SurveyQuestion[];
  anonymous: boolean;
  /** Null when neither pulse field was filled (a one-off survey); NaN parts are refused by the verb. */
  pulse: PulsePlan | null;
}

/** Both pulse fields empty: a one-off survey; one filled: a pulse, whose missing half the verb names. */
function readPulse(every: string | undefined, until: string | undefined, timeZone: string): PulsePlan | null {
  if (!every && !until) return null;
  const days = every ? Number(every) : Number.NaN;
  // The last day counts whole: a wave may start until the end of that day in the starter's zone.
  const [y, m, d] = (until ?? '').split('-').map(Number) as [number, number, number];
  const end = until && /^\d{4}-\d{2}-\d{2}$/.test(until) ? new Date(new TZDate(y, m - 1, d, 23, 59, 59, timeZone).getTime()) : new Date(Number.NaN);
  return { everyDays: days, until: end };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : []);

/** Reads the survey modal's state (untrusted: every value is checked afterwards). */
export function readSurvey(values: StateValues, timeZone: string): ParsedSurvey {
  const value = (block: string): StateValue | undefined => values[block]?.[INPUT_ACTION];
  const seconds = value(SURVEY_BLOCKS.closes)?.selected_date_time;
  const kind = value(SURVEY_BLOCKS.kind)?.selected_option?.value;
  return {
    projectId: value(SURVEY_BLOCKS.project)?.selected_option?.value ?? '',
    outcomeId: value(SURVEY_BLOCKS.outcome)?.selected_option?.value || null,
    question: (value(SURVEY_BLOCKS.question)?.value ?? '').trim(),
    people: strings(value(SURVEY_BLOCKS.people)?.selected_users),
    channels: strings(value(SURVEY_BLOCKS.channels)?.selected_conversations),
    closesAt: new Date(typeof seconds === 'number' ? seconds * 1000 : Number.NaN),
    kind: kind === 'baseline' || kind === 'follow_up' ? kind : null,
    questions: questionsFor(value(SURVEY_BLOCKS.preset)?.selected_option?.value ?? 'nps', value(SURVEY_BLOCKS.custom)?.value ?? '', (value(SURVEY_BLOCKS.question)?.value ?? '').trim()),
    anonymous: (value(SURVEY_BLOCKS.anonymous)?.selected_options ?? []).some((o) => o?.value === ANONYMOUS_VALUE),
    pulse: readPulse(value(SURVEY_BLOCKS.pulseEvery)?.value ?? undefined, value(SURVEY_BLOCKS.pulseUntil)?.selected_date ?? undefined, timeZone),
  };
}
