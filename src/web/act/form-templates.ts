import { templateByKey, type MetricTemplate } from '../../domain/metric-templates.ts';
import { INDICATOR_CLASSES, type Locale } from '../../domain/types.ts';
import { h, type Html } from '../render/html.ts';
import type { Kit } from '../render/kit.ts';
import type { OutcomeForm } from './outcome-form-input.ts';

/**
 * A metric row's template select, by indicator class, and its "use" button. The button posts the
 * form back to be shown again with the row filled in (no script: the pages run none inline), and
 * skips the browser's checks, since nothing is submitted yet.
 */
export function templatePicker(kit: Kit, templates: readonly MetricTemplate[], row: number, selected: string | undefined): Html {
  if (!templates.length) return h``;
  const groups = INDICATOR_CLASSES.map((cls) => {
    const list = templates.filter((t) => t.indicatorClass === cls);
    return list.length
      ? h`<optgroup label="${kit.t(`indicator.${cls}`)}">${list.map((t) => h`<option value="${t.key}"${t.key === selected ? ' selected' : ''}>${t.name[kit.locale]} (${t.unit})</option>`)}</optgroup>`
      : '';
  });
  return h`<div class="field"><label for="f-t${row}">${kit.t('webact.template')}</label>
<select id="f-t${row}" name="metrics.${row}.template" data-testid="template-${row}"><option value=""></option>${groups}</select>
<span><button type="submit" name="apply" value="${row}" class="secondary" formnovalidate data-testid="apply-template-${row}">${kit.t('webact.template_apply')}</button></span></div>`;
}

/** The form with row `row` filled from its chosen template (and the indicator class, when none is chosen yet). */
export function applyTemplate(form: OutcomeForm, templates: readonly MetricTemplate[], row: number, locale: Locale): OutcomeForm {
  const t = templateByKey(templates, form[`metrics.${row}.template`]);
  if (!t) return form;
  return {
    ...form,
    [`metrics.${row}.name`]: t.name[locale],
    [`metrics.${row}.unit`]: t.unit,
    [`metrics.${row}.direction`]: t.direction,
    indicatorClass: form.indicatorClass || t.indicatorClass,
  };
}

/** Only a key the workspace offers is stored with a metric; anything else (a forged or removed key) is none. */
export const offeredKey = (templates: readonly MetricTemplate[], key: string | null | undefined): string | null => templateByKey(templates, key)?.key ?? null;
