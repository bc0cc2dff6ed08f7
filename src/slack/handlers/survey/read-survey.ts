import { INPUT_ACTION } from '../../../../cards/slack/submit-modal.ts';
import { SURVEY_BLOCKS } from '../../../../cards/slack/survey-modal.ts';
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
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : []);

/** Reads the survey modal's state (untrusted: every value is checked afterwards). */
export function readSurvey(values: StateValues): ParsedSurvey {
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
  };
}
