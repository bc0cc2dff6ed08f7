import { describe, expect, it } from 'vitest';
import type { MappingRule, SourceEvent } from '../sources/source-config.ts';
import { evaluateRule, periodStart, ruleReads, ruleWindowStart, type RuleEvent } from './mapping-rules.ts';

const t = (iso: string) => new Date(iso);
const ev = (event: SourceEvent, itemKey: string, occurredAt: string, more: Partial<RuleEvent> = {}): RuleEvent => ({ event, itemKey, occurredAt: t(occurredAt), startedAt: null, dueAt: null, state: null, ...more });
const UTC = 'UTC';

describe('periods', () => {
  it('starts weeks on Monday and months on the 1st, in the workspace zone', () => {
    // Sunday 20:00 UTC is already Monday in Shanghai.
    expect(periodStart(t('2026-11-29T20:00:00Z'), 'week', UTC)).toEqual(t('2026-11-23T00:00:00Z'));
    expect(periodStart(t('2026-11-29T20:00:00Z'), 'week', 'Asia/Shanghai')).toEqual(t('2026-11-29T16:00:00Z'));
    expect(periodStart(t('2026-11-29T20:00:00Z'), 'month', UTC)).toEqual(t('2026-11-01T00:00:00Z'));
    expect(periodStart(t('2026-11-29T20:00:00Z'), 'day', UTC)).toEqual(t('2026-11-29T00:00:00Z'));
  });
});

describe('count per period', () => {
  const rule: MappingRule = { type: 'count_per_period', events: ['deployment_succeeded'], period: 'week' };
  const deploys = [
    ev('deployment_succeeded', 'd1', '2026-11-16T10:00:00Z'), // the week before
    ev('deployment_succeeded', 'd2', '2026-11-23T09:00:00Z'),
    ev('deployment_succeeded', 'd3', '2026-11-25T09:00:00Z'),
    ev('pr_merged', 'p1', '2026-11-25T10:00:00Z'), // another event
    ev('deployment_succeeded', 'd4', '2026-11-27T09:00:00Z'), // later than the instant asked
  ];

  it('counts the events of the period up to the instant, not before the period nor after it', () => {
    expect(evaluateRule(rule, deploys, t('2026-11-25T09:00:00Z'), UTC)).toBe(2);
    expect(evaluateRule(rule, deploys, t('2026-11-27T09:00:00Z'), UTC)).toBe(3);
    expect(evaluateRule(rule, deploys, t('2026-11-16T10:00:00Z'), UTC)).toBe(1);
  });

  it('counts an item once however many of its events the period has', () => {
    const twice = [ev('jira_issue_resolved', 'i1', '2026-11-24T09:00:00Z'), ev('jira_issue_resolved', 'i1', '2026-11-24T09:00:00Z')];
    expect(evaluateRule({ type: 'count_per_period', events: ['jira_issue_resolved'], period: 'day' }, twice, t('2026-11-24T12:00:00Z'), UTC)).toBe(1);
  });

  it('reads only its events, from the period start', () => {
    expect(ruleReads(rule, 'deployment_succeeded')).toBe(true);
    expect(ruleReads(rule, 'pr_merged')).toBe(false);
    expect(ruleWindowStart(rule, t('2026-11-25T09:00:00Z'), UTC)).toEqual(t('2026-11-23T00:00:00Z'));
  });
});

describe('mean duration', () => {
  const turnaround: MappingRule = { type: 'mean_duration', event: 'jira_issue_resolved', unit: 'hours', period: 'all' };
  const resolved = (key: string, created: string, at: string) => ev('jira_issue_resolved', key, at, { startedAt: t(created) });

  it('averages created → resolved over items', () => {
    const history = [resolved('A-1', '2026-11-20T00:00:00Z', '2026-11-20T10:00:00Z'), resolved('A-2', '2026-11-21T00:00:00Z', '2026-11-21T20:00:00Z')];
    expect(evaluateRule(turnaround, history, t('2026-11-22T00:00:00Z'), UTC)).toBe(15);
    expect(evaluateRule({ ...turnaround, unit: 'days' }, history, t('2026-11-22T00:00:00Z'), UTC)).toBe(0.63);
  });

  it('leaves a reopened item out until it is resolved again, then counts its latest resolution', () => {
    const history = [
      resolved('A-1', '2026-11-20T00:00:00Z', '2026-11-20T10:00:00Z'),
      resolved('A-2', '2026-11-20T00:00:00Z', '2026-11-20T20:00:00Z'),
      ev('jira_issue_reopened', 'A-2', '2026-11-21T00:00:00Z'),
    ];
    expect(evaluateRule(turnaround, history, t('2026-11-21T01:00:00Z'), UTC)).toBe(10);
    const again = [...history, resolved('A-2', '2026-11-20T00:00:00Z', '2026-11-21T06:00:00Z')];
    expect(evaluateRule(turnaround, again, t('2026-11-21T07:00:00Z'), UTC)).toBe(20);
    expect(ruleReads(turnaround, 'jira_issue_reopened')).toBe(true);
  });

  it('with a period, averages only the items completed in it; null when there are none', () => {
    const lead: MappingRule = { type: 'mean_duration', event: 'pr_merged', unit: 'hours', period: 'week' };
    const history = [
      ev('pr_merged', 'p1', '2026-11-20T10:00:00Z', { startedAt: t('2026-11-19T10:00:00Z') }),
      ev('pr_merged', 'p2', '2026-11-24T10:00:00Z', { startedAt: t('2026-11-24T08:00:00Z') }),
    ];
    expect(evaluateRule(lead, history, t('2026-11-24T10:00:00Z'), UTC)).toBe(2);
    expect(evaluateRule(lead, history.slice(0, 1), t('2026-11-24T10:00:00Z'), UTC)).toBeNull();
  });
});

describe('milestone achievement rate', () => {
  const rule: MappingRule = { type: 'milestone_rate' };
  const closed = (key: string, due: string | null, at: string) => ev('milestone_closed', key, at, { dueAt: due ? t(due) : null });

  it('is the share of due milestones completed by their due day; undated ones do not count', () => {
    const history = [
      closed('m1', '2026-11-10T23:59:59.999Z', '2026-11-10T18:00:00Z'),
      closed('m2', '2026-11-15T23:59:59.999Z', '2026-11-17T09:00:00Z'), // late
      closed('m3', null, '2026-11-18T09:00:00Z'),
      ev('jira_version_released', 'v1', '2026-11-19T09:00:00Z', { dueAt: t('2026-11-20T23:59:59.999Z') }),
    ];
    expect(evaluateRule(rule, history, t('2026-11-16T00:00:00Z'), UTC)).toBe(100);
    expect(evaluateRule(rule, history, t('2026-11-17T09:00:00Z'), UTC)).toBe(50);
    expect(evaluateRule(rule, history, t('2026-11-19T09:00:00Z'), UTC)).toBe(66.67);
    expect(evaluateRule(rule, history.slice(2, 3), t('2026-11-19T09:00:00Z'), UTC)).toBeNull();
    expect(ruleReads(rule, 'pr_merged')).toBe(false);
  });
});

describe('share in state', () => {
  const rule: MappingRule = { type: 'share_in_state', states: ['done'] };

  it('is the share of items whose latest state is one of the states', () => {
    const history = [
      ev('jira_issue_created', 'A-1', '2026-11-20T00:00:00Z', { state: 'To Do' }),
      ev('jira_issue_created', 'A-2', '2026-11-20T01:00:00Z', { state: 'To Do' }),
      ev('jira_issue_resolved', 'A-1', '2026-11-21T00:00:00Z', { state: 'Done' }),
      ev('jira_issue_reopened', 'A-1', '2026-11-22T00:00:00Z', { state: 'In Progress' }),
    ];
    expect(evaluateRule(rule, history, t('2026-11-20T02:00:00Z'), UTC)).toBe(0);
    expect(evaluateRule(rule, history, t('2026-11-21T00:00:00Z'), UTC)).toBe(50);
    expect(evaluateRule(rule, history, t('2026-11-22T00:00:00Z'), UTC)).toBe(0);
    expect(evaluateRule(rule, [], t('2026-11-22T00:00:00Z'), UTC)).toBeNull();
    expect(ruleReads(rule, 'release_published')).toBe(true);
  });
});
