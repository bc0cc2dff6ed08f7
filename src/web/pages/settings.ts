import type { FieldError } from '../../domain/errors.ts';
import type { WorkspaceSettingsShape } from '../../domain/settings.ts';
import { CALENDAR_BASES, calendarEndWarning, calendarOf } from '../../domain/working-calendar.ts';
import { dateText } from '../../views/dates.ts';
import { zoneOr } from '../../domain/schedule.ts';
import type { PersonOption } from '../queries/settings.ts';
import { EDITABLE } from '../queries/settings-input.ts';
import { scrollTable } from '../render/bits.ts';
import { h, type Child, type Html } from '../render/html.ts';
import type { Kit } from '../render/kit.ts';
import { retroSettingsFieldset } from '../render/retro-settings.ts';

export interface SettingsView {
  settings: WorkspaceSettingsShape;
  people: PersonOption[];
  problems: FieldError[];
  saved: boolean;
  /** The stored settings the form starts from (default `settings`); sent back so only changed fields are saved. */
  base?: WorkspaceSettingsShape;
  /** For the calendar-end warning. */
  now: Date;
}

const ZONES: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Asia/Shanghai', 'UTC'];
  }
})();

function field(kit: Kit, problems: FieldError[], name: string, label: string, control: Child, hint?: string): Html {
  const errors = problems.filter((p) => p.field === name || p.field.startsWith(`${name}.`));
  return h`<div class="field"><label for="${name}">${label}</label>${control}${hint ? h`<span class="hint">${hint}</span>` : ''}${errors.map((p) => h`<span class="error" role="alert">${kit.t(p.key, p.params)}</span>`)}</div>`;
}

/**
 * Up to this many people, each row of the managers table picks from a list of everyone; past
 * it, each row links to its own picker: a list per row is people² options (39 MB of page at
 * 1,000 people).
 */
export const INLINE_MANAGER_PICKERS = 50;

const managerOptions = (kit: Kit, people: readonly PersonOption[], person: PersonOption) =>
  h`<option value="">${kit.t('web.settings.no_manager')}</option>${people.filter((m) => m.id !== person.id).map((m) => h`<option value="${m.id}"${m.id === person.managerId ? h` selected` : ''}>${m.name}</option>`)}`;

/** The person's manager picker, with the manager the form was shown with (the save leaves an untouched row alone). */
const managerPicker = (kit: Kit, people: readonly PersonOption[], p: PersonOption) =>
  h`<input type="hidden" name="managerBase.${p.id}" value="${p.managerId ?? ''}"><select name="manager.${p.id}" aria-label="${kit.t('web.settings.manager_of', { name: p.name })}">${managerOptions(kit, people, p)}</select>`;

function managers(kit: Kit, v: SettingsView): Html {
  const head = h`<tr><th>${kit.t('web.settings.person')}</th><th>${kit.t('web.settings.manager')}</th></tr>`;
  const inline = v.people.length <= INLINE_MANAGER_PICKERS;
  const names = new Map(v.people.map((p) => [p.id, p.name]));
  const rows = v.people.map((p) => {
    const problem = v.problems.filter((x) => x.field === `managers.${p.id}`);
    const control = inline
      ? managerPicker(kit, v.people, p)
      : h`${p.managerId ? (names.get(p.managerId) ?? p.managerId) : kit.t('web.settings.no_manager')} <a href="/app/settings/managers/${p.id}" data-testid="change-manager">${kit.t('web.settings.change_manager')}</a>`;
    return h`<tr><td>${p.name} <span class="muted small">${p.platformUserId}</span></td><td>${control}${
      p.managerSource === 'org_chart' ? h` <span class="muted small">${kit.t('web.settings.from_org_chart')}</span>` : ''
    }${problem.map((x) => h`<div class="error">${kit.t(x.key, x.params)}</div>`)}</td></tr>`;
  });
  return scrollTable(head, rows, 'managers');
}

/** One person's manager picker, for workspaces past {@link INLINE_MANAGER_PICKERS} people; it posts to the settings form's handler. */
export function managerBody(kit: Kit, person: PersonOption, people: readonly PersonOption[], problems: readonly FieldError[] = []): Html {
  return h`<section class="card" data-testid="manager-form"><h2>${kit.t('web.settings.manager_of', { name: person.name })}</h2>
<form method="post" action="/app/settings/managers/${person.id}">${managerPicker(kit, people, person)}
${problems.map((x) => h`<div class="error" role="alert">${kit.t(x.key, x.params)}</div>`)}
<button type="submit">${kit.t('web.settings.save_manager')}</button></form></section>`;
}

/** The editable settings as the form showed them: the save leaves the fields nobody touched to concurrent edits. */
const baseOf = (s: WorkspaceSettingsShape) => JSON.stringify(Object.fromEntries(EDITABLE.map((k) => [k, s[k]])));

/** The working-day calendar: the base, its covered years, the warning before they run out, and the extra days. */
function workingDays(kit: Kit, v: SettingsView): Html {
  const s = v.settings;
  const p = v.problems;
  const calendar = calendarOf({ ...s, extraOffDays: [], extraWorkDays: [] });
  // The zone as typed may be invalid (the form is being shown again with its errors).
  const warning = calendarEndWarning(calendar, dateText(v.now, zoneOr(s.timeZone, 'UTC')));
  const covers = calendar.covers ? kit.t('web.settings.calendar_covers', calendar.covers) : kit.t('web.settings.calendar_all_years');
  const days = (name: 'extraOffDays' | 'extraWorkDays', label: string) =>
    field(kit, p, name, label, h`<textarea id="${name}" name="${name}" rows="2">${s[name].join('\n')}</textarea>`, kit.t('web.settings.extra_days_hint'));
  return h`<fieldset><legend>${kit.t('web.settings.working_days')}</legend>
${warning ? h`<div class="alert warn" role="alert" data-testid="calendar-warning">${kit.t('web.settings.calendar_ends', { lastDay: warning.lastDay, days: Math.max(0, warning.daysLeft) })}</div>` : ''}
${field(kit, p, 'calendar', kit.t('web.settings.calendar'), h`<select id="calendar" name="calendar">${CALENDAR_BASES.map((b) => h`<option value="${b}"${s.calendar === b ? h` selected` : ''}>${kit.t(`web.settings.calendar_${b}`)}</option>`)}</select>`, covers)}
${days('extraOffDays', kit.t('web.settings.extra_off'))}
${days('extraWorkDays', kit.t('web.settings.extra_work'))}
</fieldset>`;
}

/** The settings page body (admins only; the route checks before rendering). */
export function settingsBody(kit: Kit, v: SettingsView): Html {
  const s = v.settings;
  const known = new Set(v.people.map((p) => p.platformUserId));
  const extra = s.pmoReviewers.filter((id) => !known.has(id)).join(', ');
  const p = v.problems;
  return h`${v.saved ? h`<div class="alert ok" role="status" data-testid="saved">${kit.t('web.settings.saved')}</div>` : ''}
${p.length ? h`<div class="alert error" role="alert">${kit.t('error.validation_failed')}</div>` : ''}
<form method="post" action="/app/settings" class="card" data-testid="settings-form">
<input type="hidden" name="base" value="${baseOf(v.base ?? s)}">
<fieldset><legend>${kit.t('web.settings.pmo')}</legend>
<div class="field"><span class="hint">${kit.t('web.settings.pmo_hint')}</span><div class="checks">${v.people.map(
    (person) => h`<label><input type="checkbox" name="pmoReviewers" value="${person.platformUserId}"${s.pmoReviewers.includes(person.platformUserId) ? h` checked` : ''}> ${person.name}</label>`,
  )}</div></div>
${field(kit, p, 'pmoReviewersExtra', kit.t('web.settings.pmo_extra'), h`<input id="pmoReviewersExtra" name="pmoReviewersExtra" value="${extra}">`, kit.t('web.settings.pmo_extra_hint'))}
${field(kit, p, 'pmoChannel', kit.t('web.settings.pmo_channel'), h`<input id="pmoChannel" name="pmoChannel" value="${s.pmoChannel ?? ''}">`, kit.t('web.settings.pmo_channel_hint'))}
</fieldset>
<fieldset><legend>${kit.t('web.settings.follow_up')}</legend>
${field(kit, p, 'reviewOffsetDays', kit.t('web.settings.review_offset'), h`<input id="reviewOffsetDays" name="reviewOffsetDays" type="number" min="1" max="730" value="${s.reviewOffsetDays}">`)}
${field(kit, p, 'secondReviewOffsetDays', kit.t('web.settings.second_offset'), h`<input id="secondReviewOffsetDays" name="secondReviewOffsetDays" type="number" min="1" max="730" value="${s.secondReviewOffsetDays ?? ''}">`, kit.t('web.settings.second_offset_hint'))}
${field(kit, p, 'reminderAfterDays', kit.t('web.settings.reminder'), h`<input id="reminderAfterDays" name="reminderAfterDays" type="number" min="1" max="30" value="${s.reminderAfterDays}">`)}
${field(kit, p, 'escalationAfterDays', kit.t('web.settings.escalation'), h`<input id="escalationAfterDays" name="escalationAfterDays" type="number" min="1" max="60" value="${s.escalationAfterDays}">`)}
${field(kit, p, 'approvalReminderDays', kit.t('web.settings.approval_reminder'), h`<input id="approvalReminderDays" name="approvalReminderDays" type="number" min="1" max="30" value="${s.approvalReminderDays}">`)}
${field(kit, p, 'approvalEscalationDays', kit.t('web.settings.approval_escalation'), h`<input id="approvalEscalationDays" name="approvalEscalationDays" type="number" min="1" max="60" value="${s.approvalEscalationDays}">`)}
${field(kit, p, 'shortfallThreshold', kit.t('web.settings.threshold'), h`<input id="shortfallThreshold" name="shortfallThresholdPct" type="number" min="1" max="99" step="0.1" value="${Math.round(s.shortfallThreshold * 1000) / 10}">`, kit.t('web.settings.threshold_hint'))}
</fieldset>
${workingDays(kit, v)}
${retroSettingsFieldset(kit, s, p)}
<fieldset><legend>${kit.t('web.settings.regional')}</legend>
${field(kit, p, 'timeZone', kit.t('web.settings.time_zone'), h`<input id="timeZone" name="timeZone" list="zones" value="${s.timeZone}"><datalist id="zones">${ZONES.map((z) => h`<option value="${z}"></option>`)}</datalist>`)}
${field(kit, p, 'locale', kit.t('web.settings.locale'), h`<select id="locale" name="locale"><option value="zh-CN"${s.locale === 'zh-CN' ? h` selected` : ''}>简体中文</option><option value="en"${s.locale === 'en' ? h` selected` : ''}>English</option></select>`)}
${field(kit, p, 'currency', kit.t('web.settings.currency'), h`<input id="currency" name="currency" maxlength="3" size="4" pattern="[A-Za-z]{3}" value="${s.currency}">`, kit.t('web.settings.currency_hint'))}
</fieldset>
<fieldset><legend>${kit.t('web.settings.managers')}</legend><p class="hint muted small">${kit.t('web.settings.managers_hint')}</p>${managers(kit, v)}</fieldset>
<button type="submit" data-testid="save-settings">${kit.t('web.settings.save')}</button>
</form>`;
}
