import { DomainError, assertNoFieldErrors, type FieldError } from './errors.ts';
import type { VerbContext, WorkspaceContext } from './ports.ts';
import { isValidTimeZone } from './schedule.ts';
import type { WorkspaceSettingsShape } from './settings.ts';

export interface AdminActor {
  /** Platform user id. */
  address: string;
  /** Slack workspace admin/owner, Feishu tenant manager. */
  isPlatformAdmin: boolean;
}

/** Admins are the installer, the listed admins, and the platform's own admins. */
export function isAdmin(settings: Pick<WorkspaceSettingsShape, 'admins'>, installedBy: string | null, actor: AdminActor): boolean {
  return actor.isPlatformAdmin || actor.address === installedBy || settings.admins.includes(actor.address);
}

/** Each setting's rule; a bad value is reported on its own field. */
export function validateSettings(patch: Partial<WorkspaceSettingsShape>): FieldError[] {
  const problems: FieldError[] = [];
  const days = (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 730;
  if (patch.reviewOffsetDays !== undefined && !days(patch.reviewOffsetDays)) problems.push({ field: 'reviewOffsetDays', key: 'settings.days_invalid', params: { min: 1, max: 730 } });
  if (patch.secondReviewOffsetDays != null && !days(patch.secondReviewOffsetDays)) problems.push({ field: 'secondReviewOffsetDays', key: 'settings.days_invalid', params: { min: 1, max: 730 } });
  if (patch.reminderAfterDays !== undefined && !(Number.isInteger(patch.reminderAfterDays) && patch.reminderAfterDays >= 1 && patch.reminderAfterDays <= 30))
    problems.push({ field: 'reminderAfterDays', key: 'settings.days_invalid', params: { min: 1, max: 30 } });
  if (patch.shortfallThreshold !== undefined && !(Number.isFinite(patch.shortfallThreshold) && patch.shortfallThreshold > 0 && patch.shortfallThreshold < 1))
    problems.push({ field: 'shortfallThreshold', key: 'settings.threshold_invalid' });
  if (patch.timeZone !== undefined && !isValidTimeZone(patch.timeZone)) problems.push({ field: 'timeZone', key: 'schedule.invalid_time_zone' });
  if (patch.locale !== undefined && patch.locale !== 'en' && patch.locale !== 'zh-CN') problems.push({ field: 'locale', key: 'settings.locale_invalid' });
  return problems;
}

/**
 * An admin changes workspace settings (PMO reviewers/channel, admins, review offset,
 * threshold, zone, locale). Anyone else is refused and nothing changes.
 */
export async function updateSettings({ ctx, input }: { ctx: VerbContext; input: { workspace: WorkspaceContext; installedBy: string | null; actor: AdminActor; patch: Partial<WorkspaceSettingsShape> } }) {
  const { workspace, actor, patch } = input;
  if (!isAdmin(workspace.settings, input.installedBy, actor)) throw new DomainError('forbidden', 'error.admin_only');
  assertNoFieldErrors(validateSettings(patch));
  const settings = { ...workspace.settings, ...patch };
  const now = ctx.clock.now();
  await ctx.outcomes.saveSettings(workspace.id, settings, { entity: 'workspace', entityId: workspace.id, action: `settings:${Object.keys(patch).join(',')}`, actorId: null, fromStatus: null, toStatus: null, comment: JSON.stringify(patch), at: now });
  return settings;
}
