/** Slack-only texts (modals, App Home, commands). Both languages side by side. */
export const slackEn = {} as const;

export const slackZh: Record<keyof typeof slackEn, string> = {};
