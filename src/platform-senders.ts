import type { SenderFactory } from './deps-types.ts';
import { createFeishuSender } from './feishu/sender.ts';
import { createSlackSender } from './slack/sender.ts';

/** The outbox sender of each platform, for createDeps (the entries and the test harness pass this). */
export const platformSenders: Record<'slack' | 'feishu', SenderFactory> = { slack: createSlackSender, feishu: createFeishuSender };
