import { assertNoFieldErrors, type FieldError } from '../../domain/errors.ts';
import type { WorkspaceSettingsShape } from '../../domain/settings.ts';

/** The settings the mini-app edits (admins and the installer are managed in chat). */
export const EDITABLE = ['pmoReviewers', 'pmoChannel', 'reviewOffsetDays', 'secondReviewOffsetDays', 'shortfallThreshold', 'timeZone', 'locale', 'reminderAfterDays', 'escalationAfterDays', 'approvalReminderDays', 'approvalEscalationDays', 'calendar', 'extraOffDays', 'extraWorkDays', 'retroCadence', 'currency', 'lessonsFromTeam'] as const;
export type SettingsPatch = Partial<Pick<WorkspaceSettingsShape, (typeof EDITABLE)[number]>>;

const num = (text: string): number => (/^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN);
const ids = (text: string): string[] => text.split(/[\s,，;；]+/).map((s) => s.trim()).filter(Boolean);
/** Dates typed one per line or separated by commas, sorted and without repeats (the domain checks each). */
const dayList = (text: string): string[] => [...new Set(ids(text))].sort();
type Form = Record<string, string | File | (string | File)[]>;
const all = (form: Form, name: string): string[] => {
  const v = form[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
};
const one = (form: Form, name: string): string => all(form, name)[0] ?? '';

/**
 * The settings form (application/x-www-form-urlencoded) → a settings patch and manager
 * changes. Numbers that are not numbers become NaN, which the domain's rules reject with a
 * message on that field; the threshold is entered in percent and stored as a fraction.
 */
export function parseSettingsForm(form: Form): { patch: SettingsPatch; managers: Map<string, string | null> } {
  const { patch, managers } = readSettingsForm(form);
  return { patch: changedOnly(patch, baseSettings(form)), managers: changedManagers(form, managers) };
}

/**
 * The manager rows the admin changed from what the form showed (each row's hidden
 * `managerBase.<id>`): an untouched row is left out, so saving cannot put back a mapping
 * another admin changed meanwhile. A row without its base (an older form) counts as changed.
 */
function changedManagers(form: Form, managers: Map<string, string | null>): Map<string, string | null> {
  return new Map([...managers].filter(([id, managerId]) => {
    const base = form[`managerBase.${id}`];
    return base === undefined || (one(form, `managerBase.${id}`) || null) !== managerId;
  }));
}

/** The settings the form was rendered from (its hidden `base`), when it carries them. */
export function baseSettings(form: Form): WorkspaceSettingsShape | undefined {
  try {
    const b = JSON.parse(one(form, 'base')) as unknown;
    return b && typeof b === 'object' && !Array.isArray(b) ? (b as WorkspaceSettingsShape) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The fields the admin changed from what the form showed. An untouched field is left out, so
 * saving cannot put back a value another admin changed meanwhile (the verb merges per key).
 */
function changedOnly(patch: SettingsPatch, base: WorkspaceSettingsShape | undefined): SettingsPatch {
  if (!base) return patch;
  return Object.fromEntries(Object.entries(patch).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(base[k as keyof WorkspaceSettingsShape]))) as SettingsPatch;
}

/** The retrospective fields (older forms without them keep the stored values); the checkbox is sent with a hidden 'off' first. */
function retroFields(form: Form): SettingsPatch {
  const cadence = one(form, 'retroCadence');
  const team = all(form, 'lessonsFromTeam');
  return { ...(cadence ? { retroCadence: cadence as WorkspaceSettingsShape['retroCadence'] } : {}), ...(team.length ? { lessonsFromTeam: team.includes('on') } : {}) };
}

function readSettingsForm(form: Form): { patch: SettingsPatch; managers: Map<string, string | null> } {
  const second = one(form, 'secondReviewOffsetDays').trim();
  const patch: SettingsPatch = {
    pmoReviewers: [...new Set([...all(form, 'pmoReviewers'), ...ids(one(form, 'pmoReviewersExtra'))])],
    pmoChannel: one(form, 'pmoChannel').trim() || null,
    reviewOffsetDays: num(one(form, 'reviewOffsetDays')),
    secondReviewOffsetDays: second ? num(second) : null,
    reminderAfterDays: num(one(form, 'reminderAfterDays')),
    // Older forms (and clients) without the field keep the stored delay.
    ...(one(form, 'escalationAfterDays').trim() ? { escalationAfterDays: num(one(form, 'escalationAfterDays')) } : {}),
    ...(one(form, 'approvalReminderDays').trim() ? { approvalReminderDays: num(one(form, 'approvalReminderDays')) } : {}),
    ...(one(form, 'approvalEscalationDays').trim() ? { approvalEscalationDays: num(one(form, 'approvalEscalationDays')) } : {}),
    shortfallThreshold: num(one(form, 'shortfallThresholdPct')) / 100,
    timeZone: one(form, 'timeZone').trim(),
    locale: one(form, 'locale') as WorkspaceSettingsShape['locale'],
    // Older forms without the calendar fields keep the stored calendar.
    ...(one(form, 'calendar') ? { calendar: one(form, 'calendar') as WorkspaceSettingsShape['calendar'] } : {}),
    ...(form.extraOffDays !== undefined ? { extraOffDays: dayList(one(form, 'extraOffDays')) } : {}),
    // Older forms without the currency keep the stored one.
    ...(one(form, 'currency').trim() ? { currency: one(form, 'currency').trim().toUpperCase() } : {}),
    ...(form.extraWorkDays !== undefined ? { extraWorkDays: dayList(one(form, 'extraWorkDays')) } : {}),
    ...retroFields(form),
  };
  const managers = new Map<string, string | null>();
  for (const key of Object.keys(form)) if (key.startsWith('manager.')) managers.set(key.slice('manager.'.length), one(form, key) || null);
  return { patch, managers };
}

/**
 * The JSON body of PATCH /api/settings: `{ settings?: {…}, managers?: { personId: managerId | null } }`.
 * Unknown keys and wrong types are reported per field; nothing is guessed.
 */
export function parseSettingsJson(body: unknown): { patch: SettingsPatch; managers: Map<string, string | null> } {
  const problems: FieldError[] = [];
  const obj = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  if (!obj) assertNoFieldErrors([{ field: 'body', key: 'web.api.object_expected' }]);
  const raw = (obj!.settings ?? {}) as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(typeof raw === 'object' && raw ? raw : {})) {
    if (!(EDITABLE as readonly string[]).includes(k)) problems.push({ field: `settings.${k}`, key: 'web.api.unknown_field' });
    else if (k === 'pmoReviewers' && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) problems.push({ field: `settings.${k}`, key: 'web.api.string_list_expected' });
    else if (k === 'pmoChannel' && v !== null && typeof v !== 'string') problems.push({ field: `settings.${k}`, key: 'web.api.string_expected' });
    else if ((k === 'extraOffDays' || k === 'extraWorkDays') && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) problems.push({ field: `settings.${k}`, key: 'web.api.string_list_expected' });
    else if ((k === 'timeZone' || k === 'locale' || k === 'calendar' || k === 'retroCadence' || k === 'currency') && typeof v !== 'string') problems.push({ field: `settings.${k}`, key: 'web.api.string_expected' });
    else if (k.endsWith('Days') || k === 'shortfallThreshold') {
      if (!(typeof v === 'number' || (k === 'secondReviewOffsetDays' && v === null))) problems.push({ field: `settings.${k}`, key: 'web.api.number_expected' });
      else patch[k] = v;
    } else patch[k] = v;
  }
  const managers = new Map<string, string | null>();
  const m = obj!.managers;
  if (m !== undefined) {
    if (!m || typeof m !== 'object' || Array.isArray(m)) problems.push({ field: 'managers', key: 'web.api.object_expected' });
    else
      for (const [personId, managerId] of Object.entries(m)) {
        if (managerId !== null && typeof managerId !== 'string') problems.push({ field: `managers.${personId}`, key: 'web.api.string_expected' });
        else managers.set(personId, managerId);
      }
  }
  assertNoFieldErrors(problems);
  return { patch: patch as SettingsPatch, managers };
}
