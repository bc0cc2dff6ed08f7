import type { FieldError } from '../../domain/errors.ts';
import type { MetricTemplate } from '../../domain/metric-templates.ts';
import { INDICATOR_CLASSES } from '../../domain/types.ts';
import { scrollTable } from '../render/bits.ts';
import { h, type Html } from '../render/html.ts';
import type { Kit } from '../render/kit.ts';

export interface TemplatesView {
  templates: MetricTemplate[];
  problems: FieldError[];
  /** What was typed, shown again with the problems. */
  typed: Record<string, string>;
  saved: boolean;
}

/** The form's fields, named as the domain names their problems. */
const TEXT_FIELDS = [
  ['name.en', 'web.templates.name_en', 100],
  ['name.zh-CN', 'web.templates.name_zh', 100],
  ['unit', 'web.templates.unit', 30],
  ['description.en', 'web.templates.description_en', 500],
  ['description.zh-CN', 'web.templates.description_zh', 500],
] as const;

const errorsOf = (kit: Kit, problems: FieldError[], field: string) => problems.filter((p) => p.field === field).map((p) => h`<span class="error" role="alert">${kit.t(p.key, p.params)}</span>`);

function row(kit: Kit, t: MetricTemplate): Html {
  const remove = t.builtIn
    ? h`<span class="muted small">${kit.t('template.builtin')}</span>`
    : h`<form method="post" action="/app/settings/templates/${t.key}/remove"><button type="submit" data-testid="remove-template">${kit.t('web.templates.remove')}</button></form>`;
  return h`<tr data-testid="template-row" data-key="${t.key}"><td>${t.name[kit.locale]}<div class="muted small">${t.description[kit.locale]}</div></td><td>${kit.t(`indicator.${t.indicatorClass}`)}</td><td>${t.unit}</td><td>${kit.t(`direction.${t.direction}`)}</td><td>${remove}</td></tr>`;
}

function select(kit: Kit, name: string, label: string, options: readonly string[], prefix: string, typed: string | undefined, problems: FieldError[]): Html {
  return h`<div class="field"><label for="${name}">${label}</label><select id="${name}" name="${name}">${options.map((o) => h`<option value="${o}"${typed === o ? h` selected` : ''}>${kit.t(`${prefix}.${o}`)}</option>`)}</select>${errorsOf(kit, problems, name)}</div>`;
}

/** Outcome templates (admins only; the route checks): the library and the workspace's own, and a form to add one. */
export function templatesBody(kit: Kit, v: TemplatesView): Html {
  const p = v.problems;
  const head = h`<tr><th>${kit.t('web.templates.template')}</th><th>${kit.t('card.indicator_class')}</th><th>${kit.t('web.templates.unit')}</th><th>${kit.t('web.templates.direction')}</th><th></th></tr>`;
  return h`<p><a href="/app/settings">← ${kit.t('web.nav.settings')}</a></p>
${v.saved ? h`<div class="alert ok" role="status" data-testid="saved">${kit.t('web.templates.saved')}</div>` : ''}
${p.length ? h`<div class="alert error" role="alert">${kit.t('error.validation_failed')}</div>` : ''}
<section class="card" data-testid="templates"><h2>${kit.t('web.templates.title')}</h2><p class="hint muted small">${kit.t('web.templates.hint')}</p>
${scrollTable(head, v.templates.map((t) => row(kit, t)), 'templates')}</section>
<form method="post" action="/app/settings/templates" class="card" data-testid="template-form"><h2>${kit.t('web.templates.add')}</h2>
${select(kit, 'indicatorClass', kit.t('card.indicator_class'), INDICATOR_CLASSES, 'indicator', v.typed.indicatorClass, p)}
${select(kit, 'direction', kit.t('web.templates.direction'), ['increase', 'decrease'], 'direction', v.typed.direction, p)}
${TEXT_FIELDS.map(([name, label, max]) => h`<div class="field"><label for="${name}">${kit.t(label)}</label><input id="${name}" name="${name}" maxlength="${max}" value="${v.typed[name] ?? ''}">${errorsOf(kit, p, name)}</div>`)}
<button type="submit" data-testid="add-template">${kit.t('web.templates.add')}</button>
</form>`;
}

/** The link from the settings page. */
export const templatesLink = (kit: Kit): Html => h`<section class="card" data-testid="templates-link"><h2>${kit.t('web.templates.title')}</h2><p class="hint muted small">${kit.t('web.templates.hint')}</p><p><a href="/app/settings/templates">${kit.t('web.templates.manage')}</a></p></section>`;
