/** The view models of the retrospective kinds (复盘), apart from views.ts so that file only gains their names. */
import type { LessonsPromptProps, RetroActionProps, RetroPackProps } from '../../../cards/retro-view.ts';
import type { Locale } from '../../domain/types.ts';

export interface LessonsPromptView extends LessonsPromptProps {
  type: 'lessons_prompt';
}

/** The pack's lines in both languages (a Feishu card carries both; Slack shows one). */
export interface RetroPackView extends Omit<RetroPackProps, 'lines'> {
  type: 'retro_pack';
  lines: Record<Locale, string[]>;
}

export interface RetroActionReminderView extends RetroActionProps {
  type: 'retro_action_reminder';
}

export type RetroNotificationView = LessonsPromptView | RetroPackView | RetroActionReminderView;
