import { parseDecimal } from '../../../domain/metrics.ts';
import type { WorkspaceSettingsShape } from '../../../domain/settings.ts';
import { readCalendarBase, readDayList } from '../../../domain/working-calendar.ts';

type Patch = Partial<WorkspaceSettingsShape>;

/** One `/outcome admin …` command, parsed (not yet authorised or validated by the domain). */
export type AdminCommand =
  | { kind: 'pmo'; users: string[] }
  | { kind: 'pmo_channel'; channel: string | null }
  | { kind: 'manager'; member: string; manager: string | null }
  | { kind: 'admins'; users: string[] }
  | { kind: 'show' }
  | { kind: 'setting'; patch: Patch }
  | { kind: 'usage'; problem?: 'unknown_setting' | 'bad_value' | 'missing_users'; detail?: string };

// With "escape channels, users, and links" on (our manifest), Slack sends <@U123|name> and <#C123|name>;
// bare ids are accepted too.
const USER = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$|^([UW][A-Z0-9]{2,})$/;
const CHANNEL = /^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$|^([CG][A-Z0-9]{2,})$/;

const userOf = (token: string) => {
  const m = USER.exec(token);
  return m ? (m[1] ?? m[2]!) : null;
};
const channelOf = (token: string) => {
  const m = CHANNEL.exec(token);
  return m ? (m[1] ?? m[2]!) : null;
};
const NONE = new Set(['none', 'off', 'clear', '-']);

function users(tokens: string[]): string[] | null {
  const ids = tokens.map(userOf);
  return ids.length && ids.every((x): x is string => x !== null) ? [...new Set(ids)] : null;
}

/**
 * `v` read as a person types it (full-width digits from Chinese input methods too) into a
 * patch; null (a usage answer) for what is no number at all, such as "1,5" or "abc". Whether
 * the number fits (whole, in range) is the domain's to say.
 */
const numeric = (v: string, patch: (n: number) => Patch): Patch | null => {
  const n = parseDecimal(v);
  return n !== null && Number.isFinite(n) ? patch(n) : null;
};

/** Settings an admin may type, with how each value is read (domain validation follows). */
const SETTINGS: Record<string, (v: string) => Patch | null> = {
  'review-offset': (v) => numeric(v, (n) => ({ reviewOffsetDays: n })),
  'second-review': (v) => (NONE.has(v.toLowerCase()) ? { secondReviewOffsetDays: null } : numeric(v, (n) => ({ secondReviewOffsetDays: n }))),
  shortfall: (v) => numeric(v.replace(/[%\uFF05]$/, ''), (n) => ({ shortfallThreshold: n / 100 })),
  'reminder-days': (v) => numeric(v, (n) => ({ reminderAfterDays: n })),
  escalation: (v) => numeric(v, (n) => ({ escalationAfterDays: n })),
  'approval-reminder': (v) => numeric(v, (n) => ({ approvalReminderDays: n })),
  'approval-escalation': (v) => numeric(v, (n) => ({ approvalEscalationDays: n })),
  timezone: (v) => ({ timeZone: v }),
  calendar: (v) => ({ calendar: readCalendarBase(v) }),
  'days-off': (v) => ({ extraOffDays: readDayList(v) }),
  'work-days': (v) => ({ extraWorkDays: readDayList(v) }),
  locale: (v) => (/^zh/i.test(v) ? { locale: 'zh-CN' } : /^en/i.test(v) ? { locale: 'en' } : { locale: v as 'en' }),
};
export const SETTING_NAMES = Object.keys(SETTINGS);

/** Parses the words after `/outcome admin`. */
export function parseAdmin(words: string[]): AdminCommand {
  const [verb = '', ...rest] = words;
  switch (verb.toLowerCase()) {
    case 'pmo': {
      const list = users(rest);
      return list ? { kind: 'pmo', users: list } : { kind: 'usage', problem: 'missing_users' };
    }
    case 'pmo-channel': {
      const [c] = rest;
      if (c && NONE.has(c.toLowerCase())) return { kind: 'pmo_channel', channel: null };
      const channel = c && rest.length === 1 ? channelOf(c) : null;
      return channel ? { kind: 'pmo_channel', channel } : { kind: 'usage', problem: 'bad_value', detail: 'pmo-channel' };
    }
    case 'manager': {
      const [m, boss] = rest;
      const member = m ? userOf(m) : null;
      const manager = boss && NONE.has(boss.toLowerCase()) ? null : boss ? userOf(boss) : undefined;
      return member && manager !== undefined && rest.length === 2 ? { kind: 'manager', member, manager } : { kind: 'usage', problem: 'missing_users' };
    }
    case 'admins': {
      const list = users(rest);
      return list ? { kind: 'admins', users: list } : { kind: 'usage', problem: 'missing_users' };
    }
    case 'settings': {
      if (rest.length === 0) return { kind: 'show' };
      const [key = '', value] = rest;
      const read = SETTINGS[key.toLowerCase()];
      if (!read) return { kind: 'usage', problem: 'unknown_setting', detail: key };
      const patch = value !== undefined && rest.length === 2 ? read(value) : null;
      return patch ? { kind: 'setting', patch } : { kind: 'usage', problem: 'bad_value', detail: key };
    }
    default:
      return { kind: 'usage' };
  }
}
