import { describe, expect, it } from 'vitest';
import { parseAdmin } from './parse-admin.ts';

const parse = (text: string) => parseAdmin(text.split(/\s+/).filter(Boolean));

describe('parseAdmin', () => {
  it.each([
    ['pmo <@U1|ann> <@U2>', { kind: 'pmo', users: ['U1', 'U2'] }],
    ['pmo U01AB U01AB', { kind: 'pmo', users: ['U01AB'] }],
    ['pmo-channel <#C123|pmo>', { kind: 'pmo_channel', channel: 'C123' }],
    ['pmo-channel <#G123|>', { kind: 'pmo_channel', channel: 'G123' }],
    ['pmo-channel none', { kind: 'pmo_channel', channel: null }],
    ['manager <@U1|ann> <@U2|bob>', { kind: 'manager', member: 'U1', manager: 'U2' }],
    ['manager <@U1> none', { kind: 'manager', member: 'U1', manager: null }],
    ['admins <@U9>', { kind: 'admins', users: ['U9'] }],
    ['settings', { kind: 'show' }],
    ['settings review-offset 60', { kind: 'setting', patch: { reviewOffsetDays: 60 } }],
    ['settings approval-reminder 3', { kind: 'setting', patch: { approvalReminderDays: 3 } }],
    ['settings approval-escalation 6', { kind: 'setting', patch: { approvalEscalationDays: 6 } }],
    ['settings second-review 180', { kind: 'setting', patch: { secondReviewOffsetDays: 180 } }],
    ['settings second-review off', { kind: 'setting', patch: { secondReviewOffsetDays: null } }],
    ['settings shortfall 20%', { kind: 'setting', patch: { shortfallThreshold: 0.2 } }],
    // Full-width digits and percent sign, as Chinese input methods type them.
    ['settings review-offset １５', { kind: 'setting', patch: { reviewOffsetDays: 15 } }],
    ['settings shortfall ２０％', { kind: 'setting', patch: { shortfallThreshold: 0.2 } }],
    ['settings reminder-days ５', { kind: 'setting', patch: { reminderAfterDays: 5 } }],
    ['settings escalation 10', { kind: 'setting', patch: { escalationAfterDays: 10 } }],
    // A number that does not fit goes on, for the domain to refuse with its own message.
    ['settings review-offset 1.5', { kind: 'setting', patch: { reviewOffsetDays: 1.5 } }],
    ['settings timezone Europe/Berlin', { kind: 'setting', patch: { timeZone: 'Europe/Berlin' } }],
    ['settings locale zh', { kind: 'setting', patch: { locale: 'zh-CN' } }],
    ['settings locale en-US', { kind: 'setting', patch: { locale: 'en' } }],
  ])('%s', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it.each([
    ['', { kind: 'usage' }],
    ['frobnicate', { kind: 'usage' }],
    ['pmo', { kind: 'usage', problem: 'missing_users' }],
    ['pmo alice', { kind: 'usage', problem: 'missing_users' }],
    ['pmo <#C1|x>', { kind: 'usage', problem: 'missing_users' }],
    ['manager <@U1>', { kind: 'usage', problem: 'missing_users' }],
    ['pmo-channel general', { kind: 'usage', problem: 'bad_value', detail: 'pmo-channel' }],
    ['settings colour blue', { kind: 'usage', problem: 'unknown_setting', detail: 'colour' }],
    ['settings review-offset soon', { kind: 'usage', problem: 'bad_value', detail: 'review-offset' }],
    ['settings review-offset', { kind: 'usage', problem: 'bad_value', detail: 'review-offset' }],
    ['settings review-offset 1,5', { kind: 'usage', problem: 'bad_value', detail: 'review-offset' }],
    ['settings review-offset 0x1e', { kind: 'usage', problem: 'bad_value', detail: 'review-offset' }],
    ['settings second-review abc', { kind: 'usage', problem: 'bad_value', detail: 'second-review' }],
    ['settings shortfall 1,5%', { kind: 'usage', problem: 'bad_value', detail: 'shortfall' }],
  ])('refuses %j', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it('passes an unsupported locale on for the domain to refuse with its own message', () => {
    expect(parse('settings locale fr')).toEqual({ kind: 'setting', patch: { locale: 'fr' } });
  });
});
