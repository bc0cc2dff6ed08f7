import { calendarSummary } from '../../../domain/working-calendar.ts';
import type { WorkspaceSettingsShape } from '../../../domain/settings.ts';
import { setManager } from '../../../domain/set-manager.ts';
import { assertAdmin, isAdmin, updateSettings, type AuditedActor } from '../../../domain/update-settings.ts';
import type { Member, SlackScope } from '../../context.ts';
import { parseAdmin, SETTING_NAMES, type AdminCommand } from './parse-admin.ts';
import { slackTimings, within } from '../../inbound/timing.ts';

const mentions = (ids: string[]) => (ids.length ? ids.map((id) => `<@${id}>`).join(' ') : '—');

/**
 * Slack workspace admins and owners are Outcome admins too (users.info is_admin / is_owner).
 * The answer is remembered on the person; Slack not answering within the profile budget (or
 * failing) leaves the remembered one, so a slow Slack never turns an admin into a non-admin.
 */
async function isSlackAdmin(scope: SlackScope, member: Member): Promise<boolean> {
  const userId = member.ref.address;
  const ask = async () => {
    const { user } = await scope.client.users.info({ user: userId });
    const admin = Boolean(user?.is_admin || user?.is_owner);
    if (admin !== member.row.platformAdmin) await scope.deps.repos.people.upsert(scope.workspace.id, { platformUserId: userId, platformAdmin: admin });
    return admin;
  };
  const pending = ask().catch((err: unknown) => {
    scope.deps.log('warn', 'users.info failed during an admin check', { user: userId, error: err instanceof Error ? err.message : String(err) });
    return null;
  });
  const answered = await within(pending, slackTimings(scope.deps).profileLookupBudgetMs);
  if (answered && answered.value !== null) return answered.value;
  // A late answer is still remembered, after the response.
  if (!answered) scope.defer?.(() => pending);
  return member.row.platformAdmin === true;
}

/** The installer, listed admins, then (one users.info call, only if needed) Slack's own admins. */
export async function adminActor(scope: SlackScope, member: Member): Promise<AuditedActor> {
  const actor = { id: member.ref.id, address: member.ref.address, isPlatformAdmin: false };
  if (isAdmin(scope.ws.settings, scope.workspace.installedBy, actor)) return actor;
  return { ...actor, isPlatformAdmin: await isSlackAdmin(scope, member) };
}

const prefixed = (c: ReturnType<typeof calendarSummary>) => ({ calendar: c.calendar, calendarYears: c.years, daysOff: c.off, workDays: c.work });

/** The workspace settings as an admin reads them. */
export function settingsText(member: Member, s: WorkspaceSettingsShape): string {
  return member.cards.t('slack.admin.settings', {
    offset: s.reviewOffsetDays,
    second: s.secondReviewOffsetDays ?? '—',
    shortfall: member.cards.pct(s.shortfallThreshold),
    reminder: s.reminderAfterDays,
    escalation: s.escalationAfterDays,
    approvalReminder: s.approvalReminderDays,
    approvalEscalation: s.approvalEscalationDays,
    timezone: s.timeZone,
    ...prefixed(calendarSummary(s)),
    locale: s.locale,
    pmo: mentions(s.pmoReviewers),
    channel: s.pmoChannel ? `<#${s.pmoChannel}>` : '—',
    admins: mentions(s.admins),
  });
}

function usageText(member: Member, cmd: Extract<AdminCommand, { kind: 'usage' }>): string {
  const t = member.cards.t;
  const problem =
    cmd.problem === 'unknown_setting'
      ? t('slack.admin.unknown_setting', { key: cmd.detail ?? '', keys: SETTING_NAMES.join(', ') })
      : cmd.problem === 'bad_value'
        ? t('slack.admin.bad_value', { key: cmd.detail ?? '' })
        : cmd.problem === 'missing_users'
          ? t('slack.admin.missing_users')
          : null;
  return [problem, t('slack.admin.usage')].filter(Boolean).join('\n\n');
}

async function save(scope: SlackScope, actor: AuditedActor, patch: Partial<WorkspaceSettingsShape>): Promise<WorkspaceSettingsShape> {
  return updateSettings({ ctx: scope.deps.verbs, input: { workspace: scope.ws, installedBy: scope.workspace.installedBy, actor, patch } });
}

/**
 * `/outcome admin …`: PMO reviewers or channel, manager mapping, admins, settings. Only
 * admins may; anyone else gets a clear refusal and nothing changes. Returns the reply text.
 */
export async function runAdmin(scope: SlackScope, member: Member, words: string[]): Promise<string> {
  const cmd = parseAdmin(words);
  if (cmd.kind === 'usage') return usageText(member, cmd);
  // The verbs decide who may; only reading the settings has no verb, so it asks the same rule.
  const actor = await adminActor(scope, member);
  const t = member.cards.t;
  switch (cmd.kind) {
    case 'show':
      assertAdmin(scope.ws.settings, scope.workspace.installedBy, actor);
      return settingsText(member, scope.ws.settings);
    case 'pmo':
      await save(scope, actor, { pmoReviewers: cmd.users });
      return t('slack.admin.pmo_set', { users: mentions(cmd.users) });
    case 'pmo_channel':
      await save(scope, actor, { pmoChannel: cmd.channel });
      return cmd.channel ? t('slack.admin.pmo_channel_set', { channel: `<#${cmd.channel}>` }) : t('slack.admin.pmo_channel_cleared');
    case 'admins':
      await save(scope, actor, { admins: cmd.users });
      return t('slack.admin.admins_set', { users: mentions(cmd.users) });
    case 'setting':
      return `${t('slack.admin.saved')}\n\n${settingsText(member, await save(scope, actor, cmd.patch))}`;
    case 'manager': {
      // Asked before the people are looked up, which would create their rows; the verb asks again.
      assertAdmin(scope.ws.settings, scope.workspace.installedBy, actor);
      const people = scope.deps.repos.people;
      const who = await people.upsert(scope.ws.id, { platformUserId: cmd.member });
      const boss = cmd.manager ? await people.upsert(scope.ws.id, { platformUserId: cmd.manager }) : null;
      await setManager({ ctx: scope.deps.verbs, input: { workspace: scope.ws, installedBy: scope.workspace.installedBy, actor, changes: [{ personId: who.id, managerId: boss?.id ?? null }] } });
      return boss ? t('slack.admin.manager_set', { member: `<@${cmd.member}>`, manager: `<@${cmd.manager}>` }) : t('slack.admin.manager_cleared', { member: `<@${cmd.member}>` });
    }
  }
}
