import type { Line } from '../../../../cards/feishu/message-cards.ts';
import { DomainError } from '../../../domain/errors.ts';
import { parseDecimal } from '../../../domain/metrics.ts';
import type { PersonRef } from '../../../domain/ports.ts';
import type { WorkspaceSettingsShape } from '../../../domain/settings.ts';
import { calendarSummary, readCalendarBase, readDayList } from '../../../domain/working-calendar.ts';
import { setManager } from '../../../domain/set-manager.ts';
import { assertAdmin, isAdmin, updateSettings, type AuditedActor } from '../../../domain/update-settings.ts';
import { mentionedId } from '../commands/commands.ts';
import { contactUser } from '../../adapter/contact.ts';
import type { LookupBudget } from '../../adapter/timeout.ts';
import { personByAddress } from '../../../db/queries/people.ts';
import { feishuPerson, type FeishuCtx } from '../../context.ts';

/**
 * `/outcome admin …` (as in Slack): PMO reviewers or PMO chat, admins, a manual manager
 * mapping (it wins over the org chart) and the workspace settings. Admins are the listed
 * admins, the installer, and Feishu tenant managers (contact API `is_tenant_manager`).
 */

type Patch = Partial<WorkspaceSettingsShape>;

const ids = (words: string[]) => words.map(mentionedId).filter((x): x is string => x !== null);
const usage: Line = { key: 'feishu.admin.usage' };

/** Settings as lines (what `/outcome admin` shows). */
export function settingsLines(s: WorkspaceSettingsShape): Line[] {
  return [
    { key: 'feishu.admin.show.pmo', params: { reviewers: { at: s.pmoReviewers }, chat: s.pmoChannel ?? '—' } },
    { key: 'feishu.admin.show.admins', params: { admins: { at: s.admins } } },
    {
      key: 'feishu.admin.show.review',
      params: { days: s.reviewOffsetDays, second: s.secondReviewOffsetDays ?? '—', threshold: Math.round(s.shortfallThreshold * 100), reminder: s.reminderAfterDays, escalation: s.escalationAfterDays },
    },
    { key: 'admin.show.approval', params: { reminder: s.approvalReminderDays, escalation: s.approvalEscalationDays } },
    { key: 'feishu.admin.show.locale', params: { timeZone: s.timeZone, locale: s.locale } },
    { key: 'feishu.admin.show.calendar', params: calendarSummary(s) },
  ];
}

function settingPatch(key: string, value: string): Patch | null {
  // Read as a person types it (full-width digits from Chinese input methods); anything else is
  // NaN, which the domain refuses with the setting's own message ("1,5", "abc", "0x1e").
  const n = parseDecimal(value) ?? Number.NaN;
  switch (key) {
    case 'review_days':
      return { reviewOffsetDays: n };
    case 'second_review_days':
      return { secondReviewOffsetDays: value === 'off' ? null : n };
    case 'threshold':
      return { shortfallThreshold: n / 100 };
    case 'reminder_days':
      return { reminderAfterDays: n };
    case 'escalation_days':
      return { escalationAfterDays: n };
    case 'approval_reminder_days':
      return { approvalReminderDays: n };
    case 'approval_escalation_days':
      return { approvalEscalationDays: n };
    case 'timezone':
      return { timeZone: value };
    case 'calendar':
      return { calendar: readCalendarBase(value) };
    case 'days_off':
      return { extraOffDays: readDayList(value) };
    case 'work_days':
      return { extraWorkDays: readDayList(value) };
    case 'locale':
      return { locale: value as WorkspaceSettingsShape['locale'] };
    default:
      return null;
  }
}

/** The settings change an admin command asks for, or null when it is not one. */
export function parsePatch(args: string[], chatId: string | null): Patch | null {
  const [a = '', b = '', ...rest] = args.map((w, i) => (i < 2 ? w.toLowerCase() : w));
  if (a === 'pmo' && b === 'reviewers') return { pmoReviewers: ids(rest) };
  if (a === 'pmo' && b === 'chat') {
    const target = rest[0];
    if (target === 'off') return { pmoChannel: null };
    if (target && /^oc_[A-Za-z0-9_-]+$/.test(target)) return { pmoChannel: target };
    return chatId ? { pmoChannel: chatId } : null;
  }
  if (a === 'admins') return { admins: ids([b, ...rest].filter(Boolean)) };
  if (a === 'set' && b && rest[0] !== undefined) return settingPatch(b, rest[0]);
  return null;
}

async function mapManager(ctx: FeishuCtx, actor: AuditedActor, args: string[]): Promise<Line[]> {
  const [memberId, managerWord] = [mentionedId(args[0] ?? ''), args[1] ?? ''];
  const managerId = mentionedId(managerWord);
  if (!memberId || (!managerId && managerWord !== 'auto')) return [usage];
  // Asked before the people are looked up, which would create their rows; the verb asks again.
  assertAdmin(ctx.workspace.settings, ctx.row.installedBy, actor);
  const member = await feishuPerson(ctx.deps, ctx.workspace.id, memberId);
  const manager = managerId ? await feishuPerson(ctx.deps, ctx.workspace.id, managerId) : null;
  await setManager({ ctx: ctx.deps.verbs, input: { workspace: ctx.workspace, installedBy: ctx.row.installedBy, actor, changes: [{ personId: member.id, managerId: manager?.id ?? null }] } });
  return [manager ? { key: 'feishu.admin.manager_set', params: { member: { at: memberId }, manager: { at: managerId! } } } : { key: 'feishu.admin.manager_cleared', params: { member: { at: memberId } } }];
}

/** True for the workspace's admins: listed admins, the installer, Feishu tenant managers (asked only when needed). */
export async function actorIsAdmin(ctx: FeishuCtx, address: string, budget?: LookupBudget): Promise<boolean> {
  return isAdmin(ctx.workspace.settings, ctx.row.installedBy, { address, isPlatformAdmin: false }) || (await isTenantManager(ctx, address, budget));
}

/**
 * Whether the directory says the person is a tenant manager. Its answer is remembered on the
 * person; when it does not answer in time, the remembered one counts, so a slow directory
 * never turns an admin into a non-admin.
 */
async function isTenantManager(ctx: FeishuCtx, address: string, budget?: LookupBudget): Promise<boolean> {
  const user = await contactUser(ctx.deps, address, budget);
  if (!user) return (await personByAddress(ctx.deps.db, ctx.workspace.id, address))?.platformAdmin === true;
  await ctx.deps.repos.people.upsert(ctx.workspace.id, { platformUserId: address, platformAdmin: user.isTenantManager });
  return user.isTenantManager;
}

/** The person as an admin actor: a tenant manager is a platform admin (the directory is asked only when needed). */
async function adminActor(ctx: FeishuCtx, person: PersonRef): Promise<AuditedActor> {
  const actor = { id: person.id, address: person.address, isPlatformAdmin: false };
  if (isAdmin(ctx.workspace.settings, ctx.row.installedBy, actor)) return actor;
  return { ...actor, isPlatformAdmin: await isTenantManager(ctx, person.address) };
}

/** True for PMO reviewers and admins: who may start surveys, see every survey's results and the report. */
export async function isPmoOrAdmin(ctx: FeishuCtx, address: string): Promise<boolean> {
  return ctx.workspace.settings.pmoReviewers.includes(address) || actorIsAdmin(ctx, address);
}

/** Runs an admin command for `actor`; the answer's lines (never silence). */
export async function runAdmin(ctx: FeishuCtx, person: PersonRef, args: string[], chatId: string | null): Promise<Line[]> {
  try {
    return await adminCommand(ctx, await adminActor(ctx, person), args, chatId);
  } catch (err) {
    // The domain's refusal as lines: each field's problem, or the error's own message.
    if (!(err instanceof DomainError)) throw err;
    return err.fields.length ? err.fields.map((f) => ({ key: f.key, ...(f.params ? { params: f.params } : {}) })) : [{ key: err.messageKey, params: err.params }];
  }
}

/** The verbs decide who may; only reading the settings has no verb, so it asks the same rule. */
async function adminCommand(ctx: FeishuCtx, actor: AuditedActor, args: string[], chatId: string | null): Promise<Line[]> {
  const { deps, workspace, row } = ctx;
  const sub = (args[0] ?? '').toLowerCase();
  if (sub === '' || sub === 'help' || sub === 'settings') {
    assertAdmin(workspace.settings, row.installedBy, actor);
    return [...settingsLines(workspace.settings), usage];
  }
  if (sub === 'manager') return mapManager(ctx, actor, args.slice(1));
  const patch = parsePatch(args, chatId);
  if (!patch) {
    assertAdmin(workspace.settings, row.installedBy, actor);
    return [usage];
  }
  const settings = await updateSettings({ ctx: deps.verbs, input: { workspace, installedBy: row.installedBy, actor, patch } });
  return [{ key: 'feishu.admin.saved' }, ...settingsLines(settings)];
}
