/** Outcome templates and the chat submit forms' template, key-result and web-form texts. Both languages side by side. */
export const templatesEn = {
  'template.pick': 'Start from a template',
  'template.add_metric': 'Add a metric ({n} of {max})',
  'template.go_live': 'Go-live date',
  'template.go_live_hint': 'When the change goes (or went) live. The 90-day follow-up review counts from it; a new project goes live on it too.',
  'template.key_result': 'Key result it supports',
  'template.key_result_hint': 'The OKR key result this outcome contributes to, if any.',
  'template.key_result_unknown': 'Choose one of the listed key results.',
  'template.web_form': 'Prefer a bigger screen? Open the full form on the web',
  'template.name_required': 'Give the template a name in this language.',
  'template.too_long': 'Keep this to {max} characters or fewer.',
  'template.builtin': 'Built-in',
  'template.custom': 'Added by an admin',
} as const;

export const templatesZh: Record<keyof typeof templatesEn, string> = {
  'template.pick': '从模板开始',
  'template.add_metric': '添加指标（第 {n} 个，最多 {max} 个）',
  'template.go_live': '上线日期',
  'template.go_live_hint': '变更上线（或计划上线）的日期。90 天跟进复盘从该日期起算；新建项目也以此为上线日期。',
  'template.key_result': '支撑的关键结果（KR）',
  'template.key_result_hint': '该成果所支撑的 OKR 关键结果（如有）。',
  'template.key_result_unknown': '请选择列表中的关键结果。',
  'template.web_form': '屏幕太小？在网页上打开完整表单',
  'template.name_required': '请填写该语言的模板名称。',
  'template.too_long': '请不要超过 {max} 个字符。',
  'template.builtin': '内置',
  'template.custom': '管理员添加',
};
