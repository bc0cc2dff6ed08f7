/**
 * The submit form (card 2.0 `form`): project (existing, or a new name), title, description,
 * indicator class, the one go-live date, the key result when there are some, a template picker,
 * up to three metrics, evidence links, the reviewer and a link to the web form. It comes back with the member's values and a note under each
 * field that needs attention; "edit" mode prefills a changes-requested outcome.
 */
import type { CardContext, TemplateChoice } from '../view.ts';
import { encodeFormAction } from './form-action.ts';
import { feishuKeyResults, templatePicker, webFormLink } from './form-templates.ts';
import { button, card, columns, div, fieldError, header, md, plain, type Json } from './kit.ts';

/** Form element names; the callback's `form_value` is keyed by them. */
export const FORM_FIELDS = {
  title: 'title',
  description: 'description',
  indicator: 'indicator',
  project: 'project',
  projectNew: 'project_new',
  /** Shown only when a new project name was typed while a project is selected. */
  projectConfirm: 'project_confirm',
  /** The one go-live date (a new project's too): the follow-up review counts from it. */
  due: 'due',
  keyResult: 'key_result',
  evidence: 'evidence',
  reviewer: 'reviewer',
} as const;
export const METRIC_PARTS = ['name', 'unit', 'direction', 'baseline', 'target', 'actual'] as const;
export type MetricPart = (typeof METRIC_PARTS)[number];
export const METRIC_SLOTS = 3;
/** Name of a metric field, e.g. `m0_baseline`. */
export const metricField = (slot: number, part: MetricPart) => `m${slot}_${part}`;
/** Where problems that belong to no single field are shown. */
export const GENERAL = '_general';

/** A problem to show under `name` (a form element name, or GENERAL). */
export interface FormError {
  name: string;
  key: string;
  params?: Record<string, string | number>;
}

export interface FormCardProps {
  mode: { kind: 'new' } | { kind: 'edit'; outcomeId: string; round: number; comment: string | null };
  nonce: string;
  /** Current values by element name (dates as YYYY-MM-DD, people as open_id). */
  values: Record<string, string>;
  errors: FormError[];
  projects: { id: string; name: string }[];
  /** People offered by the reviewer picker (open_ids); the prefilled one first. */
  reviewers: string[];
  /** The workspace's key results an outcome can link to; none → no select. */
  keyResults?: { id: string; title: string }[];
  /** Templates a metric can start from; none → no picker. */
  templates?: TemplateChoice[];
  /** The full web form; null → no link. */
  webFormUrl?: string | null;
  /** "Similar outcomes in this workspace reached …" for the title typed so far (a form shown again); absent → nothing said. */
  similarHint?: string;
}

function notes(p: FormCardProps, name: string, ctx: CardContext): Json[] {
  return p.errors.filter((e) => e.name === name).map((e) => fieldError(ctx.t(e.key, e.params)));
}

function input(p: FormCardProps, ctx: CardContext, name: string, label: string, extra: Json = {}): Json[] {
  const value = p.values[name];
  return [{ tag: 'input', name, label: plain(label), label_position: 'top', max_length: 1000, ...(value ? { default_value: value } : {}), ...extra }, ...notes(p, name, ctx)];
}

function select(p: FormCardProps, ctx: CardContext, name: string, label: string, options: { value: string; text: string }[], placeholder: string): Json[] {
  const value = p.values[name];
  const known = options.some((o) => o.value === value);
  return [
    md(`**${label}**`),
    { tag: 'select_static', name, placeholder: plain(placeholder), options: options.map((o) => ({ text: plain(o.text), value: o.value })), ...(value && known ? { initial_option: value } : {}) },
    ...notes(p, name, ctx),
  ];
}

function date(p: FormCardProps, ctx: CardContext, name: string, label: string): Json[] {
  const value = p.values[name];
  return [md(`**${label}**`), { tag: 'date_picker', name, placeholder: plain(ctx.t('feishu.form.pick_date')), ...(value ? { initial_date: value } : {}) }, ...notes(p, name, ctx)];
}

function projectFields(p: FormCardProps, ctx: CardContext): Json[] {
  const { t } = ctx;
  const existing = p.projects.length
    ? select(p, ctx, FORM_FIELDS.project, t('card.project'), p.projects.map((x) => ({ value: x.id, text: x.name })), t('feishu.form.project_pick'))
    : [md(`**${t('card.project')}**`), ...notes(p, FORM_FIELDS.project, ctx)];
  // Moving the outcome to a newly typed project is confirmed with a tick, explained beside it.
  const confirm = p.errors.some((e) => e.name === FORM_FIELDS.projectConfirm)
    ? [...notes(p, FORM_FIELDS.projectConfirm, ctx), { tag: 'checker', name: FORM_FIELDS.projectConfirm, checked: false, text: plain(t('feishu.form.project_confirm_label')) }]
    : [];
  return [
    ...existing,
    ...input(p, ctx, FORM_FIELDS.projectNew, t('feishu.form.project_new'), { max_length: 100, placeholder: plain(t('feishu.form.project_new_placeholder')) }),
    ...confirm,
  ];
}

function metricFields(p: FormCardProps, ctx: CardContext, slot: number): Json[] {
  const { t } = ctx;
  const f = (part: MetricPart) => metricField(slot, part);
  const directions = [
    { value: 'increase', text: t('direction.increase') },
    { value: 'decrease', text: t('direction.decrease') },
  ];
  return [
    md(`**${t('feishu.form.metric_n', { n: slot + 1 })}**${slot === 0 ? '' : ` ${t('feishu.form.optional')}`}`),
    columns([input(p, ctx, f('name'), t('card.metric'), { max_length: 100 }), input(p, ctx, f('unit'), t('feishu.form.unit'), { max_length: 20 }), select(p, ctx, f('direction'), t('feishu.form.direction'), directions, t('feishu.form.direction'))]),
    columns([input(p, ctx, f('baseline'), t('card.baseline'), { max_length: 30 }), input(p, ctx, f('target'), t('card.target'), { max_length: 30 }), input(p, ctx, f('actual'), t('card.actual'), { max_length: 30, placeholder: plain(t('feishu.form.optional')) })]),
  ];
}

function keyResultField(p: FormCardProps, ctx: CardContext): Json[] {
  const krs = feishuKeyResults(p.keyResults ?? []);
  return krs.length ? select(p, ctx, FORM_FIELDS.keyResult, ctx.t('template.key_result'), krs, ctx.t('template.key_result_hint')) : [];
}

function reviewerField(p: FormCardProps, ctx: CardContext): Json[] {
  const value = p.values[FORM_FIELDS.reviewer];
  return [
    md(`**${ctx.t('card.reviewer')}**`),
    {
      tag: 'select_person',
      name: FORM_FIELDS.reviewer,
      placeholder: plain(ctx.t('feishu.form.reviewer_pick')),
      options: p.reviewers.map((id) => ({ value: id })),
      ...(value ? { initial_option: value } : {}),
    },
    ...notes(p, FORM_FIELDS.reviewer, ctx),
  ];
}

/** The submit (or edit) form. */
export function formCard(p: FormCardProps, ctx: CardContext): Json {
  const { t } = ctx;
  const edit = p.mode.kind === 'edit' ? p.mode : null;
  const indicators = (['process', 'output', 'impact'] as const).map((k) => ({ value: k, text: t(`indicator.${k}`) }));
  const submitValue = edit ? encodeFormAction({ a: 'resubmit', o: edit.outcomeId, r: edit.round, n: p.nonce }) : encodeFormAction({ a: 'submit', n: p.nonce });
  const fields: Json[] = [
    ...notes(p, GENERAL, ctx),
    ...input(p, ctx, FORM_FIELDS.title, t('feishu.form.title'), { max_length: 150, required: true }),
    ...(p.similarHint ? [md(p.similarHint)] : []),
    ...input(p, ctx, FORM_FIELDS.description, t('card.description'), { input_type: 'multiline_text', rows: 3, placeholder: plain(t('feishu.form.description_placeholder')) }),
    ...select(p, ctx, FORM_FIELDS.indicator, t('card.indicator_class'), indicators, t('card.indicator_class')),
    ...projectFields(p, ctx),
    ...date(p, ctx, FORM_FIELDS.due, t('template.go_live')),
    md(t('template.go_live_hint')),
    ...keyResultField(p, ctx),
    md(`**${t('card.metrics')}**: ${t('feishu.form.metrics_hint')}`),
    ...notes(p, 'metrics', ctx),
    ...templatePicker(ctx, p.templates ?? [], submitValue),
    ...Array.from({ length: METRIC_SLOTS }, (_, i) => metricFields(p, ctx, i)).flat(),
    ...input(p, ctx, FORM_FIELDS.evidence, t('card.evidence'), { input_type: 'multiline_text', rows: 2, placeholder: plain(t('feishu.form.evidence_placeholder')) }),
    ...reviewerField(p, ctx),
    button({ name: 'submit', label: t(edit ? 'feishu.form.resubmit' : 'feishu.form.submit'), type: 'primary_filled', submit: true, value: submitValue }),
    ...webFormLink(ctx, p.webFormUrl),
  ];
  const intro = edit?.comment ? [div(t('feishu.form.changes_asked', { comment: edit.comment }))] : [md(t('feishu.form.intro'))];
  const hasErrors = p.errors.length > 0;
  return card(
    header(t(edit ? 'feishu.form.edit_title' : 'feishu.form.new_title'), hasErrors ? 'orange' : 'blue', hasErrors ? t('error.validation_failed') : undefined),
    [...intro, { tag: 'form', name: 'outcome_form', elements: fields }],
  );
}
