import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors.ts';
import { normaliseJira } from './jira-events.ts';

const issue = (fields: Record<string, unknown>, changelog: { field: string; to?: string | null; toString?: string | null }[] | null, webhookEvent = 'jira:issue_updated') => ({
  webhookEvent,
  timestamp: Date.parse('2026-11-23T04:00:00Z'),
  issue: { id: '10001', key: 'CR-1', fields: { created: '2026-11-20T09:00:00.000+0800', status: { name: 'Done' }, project: { key: 'CR' }, ...fields } },
  ...(changelog ? { changelog: { items: changelog } } : {}),
});

describe('Jira deliveries → events', () => {
  it('reads Jira times with a colonless offset', () => {
    const out = normaliseJira(issue({ resolutiondate: '2026-11-21T10:30:00.000+0800' }, [{ field: 'resolution', to: '10000', toString: 'Done' }]), []);
    expect(out).toEqual({ kind: 'event', event: { event: 'jira_issue_resolved', itemKey: 'issue:10001', occurredAt: new Date('2026-11-21T02:30:00Z'), startedAt: new Date('2026-11-20T01:00:00Z'), dueAt: null, state: 'Done' } });
  });

  it('treats Done → Closed on a resolved issue as resolved at the same time (counted once by item)', () => {
    const out = normaliseJira(issue({ resolutiondate: '2026-11-21T10:30:00.000+0800', status: { name: 'Closed' } }, [{ field: 'status', toString: 'Closed' }]), []);
    expect(out).toMatchObject({ kind: 'event', event: { event: 'jira_issue_resolved', occurredAt: new Date('2026-11-21T02:30:00Z'), state: 'Closed' } });
  });

  it('tells a reopen, a plain update and a created issue apart', () => {
    expect(normaliseJira(issue({ resolutiondate: null, status: { name: 'In Progress' } }, [{ field: 'resolution', to: null, toString: null }]), [])).toMatchObject({ event: { event: 'jira_issue_reopened', occurredAt: new Date('2026-11-23T04:00:00Z') } });
    expect(normaliseJira(issue({ resolutiondate: '2026-11-21T10:30:00.000+0800' }, [{ field: 'summary', toString: 'new title' }]), [])).toMatchObject({ event: { event: 'jira_issue_updated' } });
    expect(normaliseJira(issue({}, null, 'jira:issue_created'), [])).toMatchObject({ event: { event: 'jira_issue_created', occurredAt: new Date('2026-11-20T01:00:00Z') } });
  });

  it('ignores other events and other projects; a payload without its fields is a 400', () => {
    expect(normaliseJira({ webhookEvent: 'comment_created', timestamp: 1 }, [])).toEqual({ kind: 'ignored', reason: 'event comment_created' });
    expect(normaliseJira(issue({}, null, 'jira:issue_created'), ['OPS'])).toEqual({ kind: 'ignored', reason: 'project CR' });
    expect(() => normaliseJira({ webhookEvent: 'jira:issue_created', timestamp: 1 }, [])).toThrow(DomainError);
  });

  it('gives a released version its due day end, or none', () => {
    expect(normaliseJira({ webhookEvent: 'jira:version_released', timestamp: 5, version: { id: '20001', releaseDate: '2026-11-30' } }, [])).toMatchObject({ event: { itemKey: 'version:20001', dueAt: new Date('2026-11-30T23:59:59.999Z') } });
    expect(normaliseJira({ webhookEvent: 'jira:version_released', timestamp: 5, version: { id: 20002 } }, [])).toMatchObject({ event: { itemKey: 'version:20002', dueAt: null } });
  });
});
