import { assertAdmin, type AuditedActor } from './admin-rights.ts';
import { DomainError, assertNoFieldErrors, type FieldError } from './errors.ts';
import type { VerbContext, WorkspaceContext } from './ports.ts';
import { isValidTimeZone } from './schedule.ts';
import { RETRO_CADENCES, withDefaults, type WorkspaceSettingsShape } from './settings.ts';
import { CALENDAR_BASES, isCalendarDay } from './working-calendar.ts';

/** Extra days a workspace may list (a year of them is already a different calendar). */
const MAX_EXTRA_DAYS = 366;
const badDays = (days: unknown) => !Array.isArray(days) || days.length > MAX_EXTRA_DAYS || !days.every((d) => typeof d === 'string' && isCalendarDay(d));

export { assertAdmin, isAdmin, type AdminActor, type AuditedActor } from './admin-rights.ts';

/** An ISO 4217 code: three capital letters (Intl formats any such code, known or not, so the shape is the rule). */
const isCurrency = (v: unknown) => typeof v === 'string' && /^[A-Z]{3}$/.test(v);

const wholeIn = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/**
 * Each setting's rule; a bad value is reported on its own field. Rules between settings
 * (the escalation never before the reminder) are judged on `current` with the patch applied,
 * so a patch of one of the two is checked against the stored other.
 */
export function validateSettings(patch: Partial<WorkspaceSettingsShape>, current?: WorkspaceSettingsShape): FieldError[] {
  const problems: FieldError[] = [];
  const days = (field: keyof WorkspaceSettingsShape, min: number, max: number) => problems.push({ field, key: 'settings.days_invalid', params: { min, max } });
  if (patch.reviewOffsetDays !== undefined && !wholeIn(patch.reviewOffsetDays, 1, 730)) days('reviewOffsetDays', 1, 730);
  if (patch.secondReviewOffsetDays != null && !wholeIn(patch.secondReviewOffsetDays, 1, 730)) days('secondReviewOffsetDays', 1, 730);
  if (patch.reminderAfterDays !== undefined && !wholeIn(patch.reminderAfterDays, 1, 30)) days('reminderAfterDays', 1, 30);
  if (patch.escalationAfterDays !== undefined && !wholeIn(patch.escalationAfterDays, 1, 60)) days('escalationAfterDays', 1, 60);
  if (patch.approvalReminderDays !== undefined && !wholeIn(patch.approvalReminderDays, 1, 30)) days('approvalReminderDays', 1, 30);
  if (patch.approvalEscalationDays !== undefined && !wholeIn(patch.approvalEscalationDays, 1, 60)) days('approvalEscalationDays', 1, 60);
  if (patch.shortfallThreshold !== undefined && !(Number.isFinite(patch.shortfallThreshold) && patch.shortfallThreshold > 0 && patch.shortfallThreshold < 1))
    problems.push({ field: 'shortfallThreshold', key: 'settings.threshold_invalid' });
  if (patch.timeZone !== undefined && !isValidTimeZone(patch.timeZone)) problems.push({ field: 'timeZone', key: 'schedule.invalid_time_zone' });
  if (patch.locale !== undefined && patch.locale !== 'en' && patch.locale !== 'zh-CN') problems.push({ field: 'locale', key: 'settings.locale_invalid' });
  if (patch.currency !== undefined && !isCurrency(patch.currency)) problems.push({ field: 'currency', key: 'settings.currency_invalid' });
  if (patch.calendar !== undefined && !CALENDAR_BASES.includes(patch.calendar)) problems.push({ field: 'calendar', key: 'settings.calendar_invalid' });
  for (const field of ['extraOffDays', 'extraWorkDays'] as const)
    if (patch[field] !== undefined && badDays(patch[field])) problems.push({ field, key: 'settings.extra_days_invalid', params: { max: MAX_EXTRA_DAYS } });
  if (patch.retroCadence !== undefined && !RETRO_CADENCES.includes(patch.retroCadence)) problems.push({ field: 'retroCadence', key: 'settings.retro_cadence_invalid' });
  if (patch.lessonsFromTeam !== undefined && typeof patch.lessonsFromTeam !== 'boolean') problems.push({ field: 'lessonsFromTeam', key: 'settings.lessons_from_team_invalid' });
  if (current && problems.length === 0) {
    const next = { ...current, ...patch };
    if (next.escalationAfterDays < next.reminderAfterDays) {
      // Reported on the field the admin changed; with both changed, on the escalation.
      const field = patch.escalationAfterDays !== undefined || patch.reminderAfterDays === undefined ? 'escalationAfterDays' : 'reminderAfterDays';
      problems.push({ field, key: 'settings.escalation_before_reminder', params: { reminder: next.reminderAfterDays, escalation: next.escalationAfterDays } });
    }
    if (next.approvalEscalationDays < next.approvalReminderDays) {
      const field = patch.approvalEscalationDays !== undefined || patch.approvalReminderDays === undefined ? 'approvalEscalationDays' : 'approvalReminderDays';
      problems.push({ field, key: 'settings.escalation_before_reminder', params: { reminder: next.approvalReminderDays, escalation: next.approvalEscalationDays } });
    }
  }
  return problems;
}

export interface UpdateSettingsInput {
  workspace: WorkspaceContext;
  installedBy: string | null;
  actor: AuditedActor;
  patch: Partial<WorkspaceSettingsShape>;
}

/** Compare-and-set attempts before giving up; each loses only to a write that landed meanwhile. */
const MAX_ATTEMPTS = 5;

/**
 * An admin changes workspace settings (PMO reviewers/channel, admins, review offset,
 * threshold, reminder and escalation delays, zone, locale). Anyone else is refused and
 * nothing changes.
 *
 * Concurrency: the patch is merged per key onto the settings as stored *now* and written
 * with compare-and-set; when another write landed in between, the patch is re-applied to
 * the fresh settings and re-validated. So two admins editing different keys both keep their
 * change, and for the same key the later write wins (each write is audited with its actor).
 */
export async function updateSettings({ ctx, input }: { ctx: VerbContext; input: UpdateSettingsInput }): Promise<WorkspaceSettingsShape> {
  const { workspace, actor, patch } = input;
  assertAdmin(workspace.settings, input.installedBy, actor);
  assertNoFieldErrors(validateSettings(patch));
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const stored = await ctx.outcomes.readSettings(workspace.id);
    if (!stored) throw new DomainError('not_found', 'error.not_found');
    const current = withDefaults(stored.settings);
    // Admin rights are judged on the stored list too: an admin removed meanwhile is refused.
    assertAdmin(current, input.installedBy, actor);
    assertNoFieldErrors(validateSettings(patch, current));
    const settings = { ...current, ...patch };
    const at = ctx.clock.now();
    const audit = { entity: 'workspace' as const, entityId: workspace.id, action: `settings:${Object.keys(patch).join(',')}`, actorId: actor.id, fromStatus: null, toStatus: null, comment: JSON.stringify(patch), at, via: ctx.via };
    if (await ctx.outcomes.saveSettings(workspace.id, stored.version, settings, audit)) return settings;
  }
  throw new DomainError('already_decided', 'error.settings_busy');
}
