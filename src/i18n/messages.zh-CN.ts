/**
 * Simplified Chinese catalogue. Typed against the English keys so a missing or extra
 * key fails the type check; placeholders are checked by i18n.test.ts.
 */
import type { MessageKey } from './messages.en.ts';

export const zhCN: Record<MessageKey, string> = {
  'smart.title_required': '请填写成果标题。',
  'smart.title_too_long': '标题请控制在 {max} 个字符以内。',
  'smart.description_required': '请描述成果：改变了什么、影响了谁、如何衡量。',
  'smart.description_too_short': '描述过于简略，请至少填写 {min} 个字符，便于审核人了解具体变化。',
  'smart.indicator_class_required': '请选择指标类型：过程指标、产出指标或成效指标。',
  'smart.indicator_class_invalid': '请从列表中选择指标类型：过程指标、产出指标或成效指标。',
  'smart.project_required': '请选择成果所属项目。',
  'smart.owner_required': '请指定成果负责人。',
  'smart.due_date_required': '请填写截止日期或上线日期。',
  'smart.due_date_invalid': '请填写有效的截止日期或上线日期。',
  'smart.metrics_required': '请至少添加一项包含基线值和目标值的指标。',
  'smart.metrics_too_many': '指标最多 {max} 项，请保留最关键的指标。',
  'smart.metric_name_required': '请填写指标名称。',
  'smart.metric_unit_required': '请填写指标单位（如：分钟、%、工单数）。',
  'smart.metric_direction_invalid': '请选择该指标的期望方向：提升或降低。',
  'smart.baseline_required': '请填写基线值（数字）。',
  'smart.target_required': '请填写目标值（数字）。',
  'smart.target_equals_baseline': '目标值不能与基线值相同。',
  'smart.target_wrong_direction': '目标值方向有误：期望提升的指标，目标值应高于基线值；期望降低的指标，目标值应低于基线值。',
  'smart.actual_not_number': '实际值请填写数字，或留空。',
  'smart.evidence_ref_required': '请为该佐证材料添加链接或文件，或将其删除。',
  'smart.evidence_bad_url': '请填写以 http:// 或 https:// 开头的完整链接。',
  'smart.reviewer_required': '请选择审核人（通常是你的主管）。',
  'smart.reviewer_is_self': '请选择其他人：不能审核自己的成果。',

  'score.required': '批准前请为影响力、难度和创新性分别打 1 到 5 分。',
  'score.out_of_range': '请输入 {min} 到 {max} 之间的整数。',
  'okr.score_out_of_range': '关键结果得分须在 {min} 到 {max} 之间。',

  'schedule.invalid_time_zone': '“{timeZone}”不是有效的时区，请使用 Asia/Shanghai 这类时区名称。',
  'schedule.offset_invalid': '复盘间隔须为整数天数（不小于 0）。',
  'schedule.hour_invalid': '发送时间须为 0 到 23 之间的整点。',
  'schedule.date_invalid': '上线日期无效。',

  'error.validation_failed': '部分内容需要修改，请查看各字段旁的提示。',
  'error.not_found': '未找到相关内容，可能已被删除或链接已失效。',
  'error.forbidden': '你没有执行此操作的权限，如需开通请联系管理员。',
  'error.not_assigned_reviewer': '该审核已指派给其他人。',
  'error.self_review': '不能审核自己提交的成果，将由其他审核人处理。',
  'error.illegal_transition': '处于“{from}”状态的成果无法执行“{action}”操作，请刷新查看最新状态。',
  'error.already_decided': '该审批已处理，卡片上显示的是最新结果。',
  'error.comment_required': '请填写审批意见，让提交人了解原因或需要修改的内容。',
  'error.platform_off': '尚未接入 {platform}，请联系管理员完成配置。',
  'error.unauthorized': '请求身份校验未通过，请重新登录或重新打开应用。',
  'error.bad_request': '无法读取此请求：{reason}。',
  'error.upstream': '{platform} 未响应，请稍后重试。',
  'error.too_large': '请求过大（最多 {limit} 字节）。',
  'error.pmo_not_configured': '尚未设置 PMO 审核人，无人能核验该成果。请联系管理员指定（/outcome admin pmo …）；本次操作未做任何更改。',
  'error.admin_only': '只有 Outcome 管理员可以修改此项。请联系工作区管理员或安装 Outcome 的同事。',
  'settings.days_invalid': '请输入 {min} 到 {max} 之间的整数天数。',
  'settings.threshold_invalid': '请输入 1 到 99 之间的百分比作为阈值。',
  'settings.locale_invalid': '请选择 zh-CN 或 en。',
  'settings.escalation_before_reminder': '上报（{escalation} 天）不能早于提醒（{reminder} 天），请至少设置与提醒相同的天数。',
  'error.settings_busy': '其他人正在同时修改设置，请重试。',
  'manager.unknown': '请选择本工作区内的主管。',
  'manager.self': '不能把自己设为自己的主管。',
  'manager.cycle': '这样会形成主管循环，请选择其他人。',
  'error.internal': '系统出了点问题，请稍后重试。如问题持续，请联系管理员（编号 {ref}）。',

  'status.draft': '草稿',
  'status.submitted': '待审核',
  'status.manager_approved': '主管已通过',
  'status.verified': '已核验',
  'status.changes_requested': '待修改',
  'status.rejected': '已驳回',

  'indicator.process': '过程指标',
  'indicator.output': '产出指标',
  'indicator.impact': '成效指标',

  'stage.manager': '主管审核',
  'stage.pmo': 'PMO 审核',

  'decision.approve': '通过',
  'decision.request_changes': '退回修改',
  'decision.reject': '驳回',

  'direction.increase': '提升',
  'direction.decrease': '降低',

  'nps.promoters': '推荐者',
  'nps.passives': '中立者',
  'nps.detractors': '贬损者',
  'nps.hidden_below_min': '为保护匿名，回复满 {min} 份后才显示结果。',

  'alert.shortfall': '{metric}：目标 {baseline} → {target}，实际 {baseline} → {actual}：完成目标变化的 {progress}，差距 {shortfall}。',
};
