import type { Locale } from './types.ts';

/** Workspace settings as the domain sees them (stored as JSON on the workspace row). */
export interface WorkspaceSettingsShape {
  reviewOffsetDays: number;
  secondReviewOffsetDays: number | null;
  shortfallThreshold: number;
  timeZone: string;
  locale: Locale;
  pmoReviewers: string[];
  pmoChannel: string | null;
  admins: string[];
  reminderAfterDays: number;
}

/** Defaults for a new workspace (design.md §1: 90 days, 15 %). */
export function defaultSettings(timeZone: string, locale: Locale): WorkspaceSettingsShape {
  return {
    reviewOffsetDays: 90,
    secondReviewOffsetDays: null,
    shortfallThreshold: 0.15,
    timeZone,
    locale,
    pmoReviewers: [],
    pmoChannel: null,
    admins: [],
    reminderAfterDays: 3,
  };
}
