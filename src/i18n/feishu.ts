/** Feishu/Lark-only texts (form cards, bot menu, evidence messages). Both languages side by side. */
export const feishuEn = {} as const;

export const feishuZh: Record<keyof typeof feishuEn, string> = {};
