import type { MetricTemplate } from '../../domain/metric-templates.ts';
import { INDICATOR_CLASSES } from '../../domain/types.ts';
import { templatePicker } from './form-templates.ts';
import { WEB_SUBMIT_PATH } from '../../views/web-links.ts';
import { h, type Html } from '../render/html.ts';
import type { Kit } from '../render/kit.ts';
import { fieldError, problemList, type FieldMessages } from './form-bits.ts';
import { LINK_INPUTS, METRIC_ROWS, type OutcomeForm } from './outcome-form-input.ts';

export interface OutcomeFormView {
  /** Submit a new outcome, or edit one (after "request changes") and resubmit it. */
  mode: { kind: 'submit' } | { kind: 'edit'; outcomeId: string };
  form: OutcomeForm;
  projects: { id: string; name: string }[];
  people: { id: string; name: string }[];
  messages: FieldMessages;
  /** The indicators a metric row can start from (built-in and the workspace's own). */
  templates: readonly MetricTemplate[];
  /** "Similar outcomes in this workspace reached …" for the typed title (src/views/similar-hint.ts): null when there is none to claim, undefined before a title is typed. */
  similar?: string | null;
}

/** Under the title: the similar outcomes' attainment, or the button that asks for it (a round trip, no script). */
function similarLine(kit: Kit, v: OutcomeFormView): Html {
  const ask = h`<button type="submit" name="similar" value="1" class="secondary small" formnovalidate data-testid="similar-check">${kit.t('webact.similar_check')}</button>`;
  if (v.similar === undefined) return h`<p class="hint">${ask}</p>`;
  return h`<p class="hint" data-testid="similar-hint">${v.similar ?? kit.t('webact.similar_none')} ${ask}</p>`;
}

const options = (list: readonly { value: string; label: string }[], selected: string | undefined, blank: boolean): Html =>
  h`${blank ? h`<option value=""></option>` : ''}${list.map((o) => h`<option value="${o.value}"${o.value === selected ? ' selected' : ''}>${o.label}</option>`)}`;

function field(kit: Kit, v: OutcomeFormView, name: string, label: string, control: Html, hint?: string): Html {
  return h`<div class="field"><label for="f-${name}">${label}</label>${control}${hint ? h`<span class="hint">${hint}</span>` : ''}${fieldError(v.messages, name)}</div>`;
}

const input = (v: OutcomeFormView, name: string, attrs: Html | '' = '') => h`<input id="f-${name}" name="${name}" value="${v.form[name] ?? ''}" ${attrs}>`;

function metricRow(kit: Kit, v: OutcomeFormView, r: number): Html {
  const n = (f: string) => `metrics.${r}.${f}`;
  const dirs = ['increase', 'decrease'].map((d) => ({ value: d, label: kit.t(`direction.${d}`) }));
  // A group, not a fieldset: a fieldset grows to its widest option's text and overflows a phone.
  return h`<div class="card" role="group" aria-labelledby="m-${r}" data-testid="metric-${r}"><h3 class="small" id="m-${r}">${kit.t(r === 0 ? 'slack.modal.metric' : 'slack.modal.metric_optional', { n: r + 1 })}</h3>
${templatePicker(kit, v.templates, r, v.form[n('template')])}
${field(kit, v, n('name'), kit.t('slack.modal.metric_name'), input(v, n('name'), h`maxlength="200"`))}
${field(kit, v, n('unit'), kit.t('slack.modal.metric_unit'), input(v, n('unit'), h`maxlength="40"`), kit.t('slack.modal.metric_unit_hint'))}
${field(kit, v, n('direction'), kit.t('slack.modal.metric_direction'), h`<select id="f-${n('direction')}" name="${n('direction')}">${options(dirs, v.form[n('direction')], false)}</select>`)}
${field(kit, v, n('baseline'), kit.t('card.baseline'), input(v, n('baseline'), h`inputmode="decimal"`))}
${field(kit, v, n('target'), kit.t('card.target'), input(v, n('target'), h`inputmode="decimal"`))}</div>`;
}

/** The submit / edit form: one metric row up front, two more behind "add a metric", evidence links, the go-live date. */
export function outcomeFormBody(kit: Kit, v: OutcomeFormView): Html {
  const editing = v.mode.kind === 'edit';
  const action = editing ? `/app/outcomes/${encodeURIComponent((v.mode as { outcomeId: string }).outcomeId)}/edit` : WEB_SUBMIT_PATH;
  const classes = INDICATOR_CLASSES.map((c) => ({ value: c, label: kit.t(`indicator.${c}`) }));
  const more = Array.from({ length: METRIC_ROWS - 1 }, (_, i) => metricRow(kit, v, i + 1));
  const moreOpen = more.some((_, i) => v.form[`metrics.${i + 1}.name`] || v.form[`metrics.${i + 1}.template`]);
  const links = Array.from({ length: LINK_INPUTS }, (_, i) => field(kit, v, `links.${i}`, kit.t('slack.modal.link', { n: i + 1 }), input(v, `links.${i}`, h`type="url" maxlength="2000" placeholder="https://"`)));
  return h`<form method="post" action="${action}" class="card" data-testid="outcome-form">
${problemList([...v.messages.values()])}
${editing ? '' : h`<input type="hidden" name="nonce" value="${v.form.nonce ?? ''}">`}
${field(kit, v, 'title', kit.t('slack.modal.title_label'), input(v, 'title', h`maxlength="200" required`))}
${similarLine(kit, v)}
${field(kit, v, 'description', kit.t('card.description'), h`<textarea id="f-description" name="description" rows="4" maxlength="5000">${v.form.description ?? ''}</textarea>`, kit.t('slack.modal.description_hint'))}
${field(kit, v, 'projectId', kit.t('card.project'), h`<select id="f-projectId" name="projectId">${options(v.projects.map((p) => ({ value: p.id, label: p.name })), v.form.projectId, true)}</select>`)}
${field(kit, v, 'indicatorClass', kit.t('card.indicator_class'), h`<select id="f-indicatorClass" name="indicatorClass">${options(classes, v.form.indicatorClass, true)}</select>`)}
${field(kit, v, 'dueDate', kit.t('webact.go_live'), input(v, 'dueDate', h`type="date"`), kit.t('webact.go_live_hint'))}
${metricRow(kit, v, 0)}${fieldError(v.messages, 'metrics')}
<details${moreOpen ? ' open' : ''}><summary>${kit.t('webact.more_metrics')}</summary>${more}</details>
<fieldset><legend>${kit.t('card.evidence')}</legend>${links}</fieldset>
${field(kit, v, 'reviewerId', kit.t('card.reviewer'), h`<select id="f-reviewerId" name="reviewerId">${options(v.people.map((p) => ({ value: p.id, label: p.name })), v.form.reviewerId, true)}</select>`, kit.t('webact.reviewer_hint'))}
<p><button type="submit" data-testid="submit-outcome">${kit.t(editing ? 'slack.modal.resubmit' : 'slack.modal.submit')}</button> <a href="/app/approvals">${kit.t('slack.modal.cancel')}</a></p>
</form>`;
}
