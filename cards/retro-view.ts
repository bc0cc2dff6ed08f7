/** What the retrospective (复盘) messages show on both platforms: the view models of their kinds. */

/** lessons_prompt: the owner (or team) is asked for lessons after the 90-day review. */
export interface LessonsPromptProps {
  outcomeId: string;
  title: string;
  url: string;
  /** This reader already wrote one: the card thanks them instead of asking. */
  recorded: boolean;
}

/** retro_pack: the PMO's pack before the meeting, as sentences per language (the lines are composed, not typed). */
export interface RetroPackProps {
  /** The period's label, e.g. "2026-11" or "2026 Q4". */
  period: string;
  /** Section headings and lines, in order: `## ` starts a heading. */
  lines: string[];
  url: string;
}

/** retro_action_reminder: an action agreed at a retrospective is due (or overdue). */
export interface RetroActionProps {
  actionId: string;
  title: string;
  dueText: string;
  /** Days past the due day (0 on the day). */
  overdueDays: number;
  done: boolean;
  url: string;
}

/** Form fields of a lesson, the same names on Slack (block ids) and Feishu (form fields). */
export const LESSON_FIELDS = { worked: 'what_worked', didnt: 'what_didnt', repeat: 'what_to_repeat', tags: 'tags' } as const;
