/**
 * Texts of metric sources (scheduled pulls, their errors): the failing-source message on
 * both platforms and the web's source lists. Both languages side by side; zh-CN typed
 * against the en keys.
 */
export const sourcesEn = {
  'source.kind.api': 'API',
  'source.kind.github': 'GitHub',
  'source.kind.jira': 'Jira',
  'source.kind.http_json': 'HTTP JSON',
  'source.kind.csv': 'CSV',
  'source.kind.feishu_base': 'Feishu Base',
  'source.failing.title': 'A data source keeps failing',
  'source.failing.body': 'The {kind} source {name}of “{metric}” (outcome “{title}”) failed {failures} times in a row, so the metric gets no new readings.',
  'source.failing.error': 'Last error: {error}',
  'source.failing.last_success': 'Last success: {when}',
  'source.failing.never': 'It has never worked yet.',
  'source.failing.hint': 'Check the URL, the token or the Base’s access for the app; you will not be told again until it has worked once.',
  'web.sources.title': 'Data sources',
  'web.sources.source': 'Source',
  'web.sources.metric': 'Metric',
  'web.sources.last_success': 'Last success',
  'web.sources.last_error': 'Last error',
  'web.sources.never': 'never',
  'web.sources.ok': 'working',
  'web.sources.failures': '{n} failures in a row',
  'web.sources.failing_title': 'Data sources with errors',
  'web.sources.failing_none': 'No data source has an error.',
};

export const sourcesZh: Record<keyof typeof sourcesEn, string> = {
  'source.kind.api': 'API 接口',
  'source.kind.github': 'GitHub 事件',
  'source.kind.jira': 'Jira 事件',
  'source.kind.http_json': 'HTTP JSON 接口',
  'source.kind.csv': 'CSV 文件',
  'source.kind.feishu_base': '飞书多维表格',
  'source.failing.title': '数据源连续失败',
  'source.failing.body': '“{metric}”（成果“{title}”）的 {kind} 数据源 {name}已连续失败 {failures} 次，该指标不再有新的读数。',
  'source.failing.error': '最近错误：{error}',
  'source.failing.last_success': '最近成功：{when}',
  'source.failing.never': '该数据源尚未成功过。',
  'source.failing.hint': '请检查 URL、令牌或应用对多维表格的访问权限；在它成功一次之前不会再次提醒。',
  'web.sources.title': '数据源',
  'web.sources.source': '数据源',
  'web.sources.metric': '指标',
  'web.sources.last_success': '最近成功',
  'web.sources.last_error': '最近错误',
  'web.sources.never': '从未',
  'web.sources.ok': '正常',
  'web.sources.failures': '连续失败 {n} 次',
  'web.sources.failing_title': '出错的数据源',
  'web.sources.failing_none': '没有出错的数据源。',
};
