/**
 * Outcome templates: indicators a member can start a metric from. The built-in library lives
 * here, in code, under stable keys (a metric records the key it came from, so a key is never
 * renamed or reused); a workspace's admins add their own (stored in metric_templates).
 */
import type { FieldError } from './errors.ts';
import { INDICATOR_CLASSES, LOCALES, type Direction, type IndicatorClass, type Locale } from './types.ts';

/** Text in every locale the product speaks. */
export type Localized = Record<Locale, string>;

export interface MetricTemplate {
  /** Stable key: `builtin.<name>` for the library, `custom.<id>` for a workspace's own. */
  key: string;
  indicatorClass: IndicatorClass;
  unit: string;
  direction: Direction;
  name: Localized;
  description: Localized;
  builtIn: boolean;
}

type Entry = [key: string, cls: IndicatorClass, unit: string, direction: Direction, en: [string, string], zh: [string, string]];

// One line per template: key, class, unit, direction, [en name, en description], [zh name, zh description].
const LIBRARY: Entry[] = [
  ['milestone_rate', 'process', '%', 'increase', ['Milestone achievement rate', 'Share of planned milestones reached on time.'], ['里程碑达成率', '按时达成的计划里程碑占比。']],
  ['change_turnaround', 'process', 'd', 'decrease', ['Change-request turnaround', 'Average days from a change request to its resolution.'], ['变更请求处理时长', '从提出变更请求到处理完成的平均天数。']],
  ['training_coverage', 'process', '%', 'increase', ['Training coverage', 'Share of the intended users who completed the training.'], ['培训覆盖率', '完成培训的目标用户占比。']],
  ['training_pass_rate', 'process', '%', 'increase', ['Training pass rate', 'Share of trainees who passed the assessment.'], ['培训通过率', '通过考核的受训人员占比。']],
  ['incidents_30d', 'output', 'incidents', 'decrease', ['Incidents in the first 30 days', 'Production incidents in the 30 days after go-live (system stability).'], ['上线 30 天内故障数', '上线后 30 天内的生产故障数（系统稳定性）。']],
  ['availability', 'output', '%', 'increase', ['Availability', 'Share of time the system was available to its users (system stability).'], ['系统可用率', '系统对用户可用的时间占比（系统稳定性）。']],
  ['requirement_fit', 'output', 'points', 'increase', ['Requirement-fit score', 'How well the delivery meets the agreed requirements, scored by its users (1–10).'], ['需求符合度评分', '交付成果满足约定需求的程度，由用户评分（1–10）。']],
  ['doc_completeness', 'output', '%', 'increase', ['Documentation completeness', 'Share of the required documents delivered and reviewed.'], ['文档完整度', '已交付并通过评审的必需文档占比。']],
  ['efficiency_gain', 'impact', '%', 'increase', ['Process-efficiency gain', 'Reduction of the time a process takes, as a share of the time before.'], ['流程效率提升', '流程耗时相对改进前减少的比例。']],
  ['cost_saved', 'impact', 'CNY', 'increase', ['Cost saved', 'Money saved per year compared with before the project.'], ['成本节约', '与项目实施前相比每年节约的金额。']],
  ['error_rate', 'impact', '%', 'decrease', ['Error rate', 'Share of transactions with an error; the project aims to reduce it.'], ['差错率', '出错业务的占比；项目旨在降低它。']],
  ['nps', 'impact', 'NPS', 'increase', ['Net Promoter Score', 'Promoters minus detractors among the surveyed users (−100 to 100).'], ['净推荐值（NPS）', '受访用户中推荐者减去贬损者的比例（−100 到 100）。']],
  ['satisfaction', 'impact', 'points', 'increase', ['Satisfaction', 'Average satisfaction of the users surveyed (1–5).'], ['满意度', '受访用户的平均满意度（1–5）。']],
];

/** The built-in library, in class order (process, output, impact). */
export const BUILT_IN_TEMPLATES: readonly MetricTemplate[] = LIBRARY.map(([key, indicatorClass, unit, direction, en, zh]) => ({
  key: `builtin.${key}`,
  indicatorClass,
  unit,
  direction,
  name: { en: en[0], 'zh-CN': zh[0] },
  description: { en: en[1], 'zh-CN': zh[1] },
  builtIn: true,
}));

/** The template with this key among those given, or null (an unknown or removed key). */
export function templateByKey(templates: readonly MetricTemplate[], key: string | null | undefined): MetricTemplate | null {
  return key ? (templates.find((t) => t.key === key) ?? null) : null;
}

/** The key a workspace's own template is stored under. */
export const customTemplateKey = (id: string): string => `custom.${id}`;

export const TEMPLATE_NAME_MAX = 100;
export const TEMPLATE_DESCRIPTION_MAX = 500;
export const TEMPLATE_UNIT_MAX = 30;

/** What an admin fills in to add a template (untrusted: from a form or the API). */
export interface TemplateInput {
  indicatorClass: unknown;
  unit: unknown;
  direction: unknown;
  name: Partial<Record<Locale, unknown>>;
  description: Partial<Record<Locale, unknown>>;
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/**
 * Checks an admin's template and returns it cleaned, or every problem by field
 * (`indicatorClass`, `unit`, `direction`, `name.en`, `description.zh-CN`, ...). A name is required
 * in both languages, so a card never shows a template blank; a description may be empty.
 */
export function checkTemplateInput(input: TemplateInput): { ok: true; value: Omit<MetricTemplate, 'key' | 'builtIn'> } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const cls = input.indicatorClass as IndicatorClass;
  if (!INDICATOR_CLASSES.includes(cls)) errors.push({ field: 'indicatorClass', key: 'smart.indicator_class_invalid' });
  const direction = input.direction as Direction;
  if (direction !== 'increase' && direction !== 'decrease') errors.push({ field: 'direction', key: 'smart.metric_direction_invalid' });
  const unit = str(input.unit);
  if (!unit) errors.push({ field: 'unit', key: 'smart.metric_unit_required' });
  else if (Array.from(unit).length > TEMPLATE_UNIT_MAX) errors.push({ field: 'unit', key: 'template.too_long', params: { max: TEMPLATE_UNIT_MAX } });
  const name = {} as Localized;
  const description = {} as Localized;
  for (const locale of LOCALES) {
    name[locale] = str(input.name[locale]);
    description[locale] = str(input.description[locale]);
    if (!name[locale]) errors.push({ field: `name.${locale}`, key: 'template.name_required' });
    else if (Array.from(name[locale]).length > TEMPLATE_NAME_MAX) errors.push({ field: `name.${locale}`, key: 'template.too_long', params: { max: TEMPLATE_NAME_MAX } });
    if (Array.from(description[locale]).length > TEMPLATE_DESCRIPTION_MAX) errors.push({ field: `description.${locale}`, key: 'template.too_long', params: { max: TEMPLATE_DESCRIPTION_MAX } });
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: { indicatorClass: cls, unit, direction, name, description } };
}
