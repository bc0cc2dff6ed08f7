/**
 * Jira Cloud webhook payloads in their shapes (platform-facts §7.2): `webhookEvent`,
 * `timestamp` (ms), `issue{id, key, fields}`, `changelog.items[{field, from, fromString, to, toString}]`,
 * times written like `2021-01-20T15:58:12.797+1100` (offset without a colon).
 */
const user = { accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: 'Mia Member', active: true, timeZone: 'Asia/Shanghai' };

/** An ISO instant written as Jira writes times, in UTC+08:00. */
export function jiraTime(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString();
  return `${shifted.slice(0, 23)}+0800`;
}

export interface JiraIssue {
  id: string;
  key: string;
  created: string;
  status: string;
  resolutiondate?: string | null;
  projectKey?: string;
}

type Change = { field: string; from: string | null; fromString: string | null; to: string | null; toString: string | null };

function issueBody(issue: JiraIssue) {
  const resolved = issue.resolutiondate ? jiraTime(issue.resolutiondate) : null;
  const projectKey = issue.projectKey ?? issue.key.split('-')[0]!;
  return {
    id: issue.id,
    self: `https://acme.atlassian.net/rest/api/2/issue/${issue.id}`,
    key: issue.key,
    fields: {
      summary: `Change request ${issue.key}`,
      issuetype: { id: '10002', name: 'Change Request', subtask: false },
      project: { id: '10000', key: projectKey, name: 'Delivery' },
      created: jiraTime(issue.created),
      updated: jiraTime(issue.resolutiondate ?? issue.created),
      resolutiondate: resolved,
      resolution: resolved ? { id: '10000', name: 'Done' } : null,
      status: { name: issue.status, statusCategory: { key: resolved ? 'done' : 'indeterminate' } },
      fixVersions: [],
      duedate: null,
      reporter: user,
      assignee: user,
    },
  };
}

/** `jira:issue_created`. */
export function issueCreated(issue: JiraIssue, timestamp: string) {
  return { timestamp: new Date(timestamp).getTime(), webhookEvent: 'jira:issue_created', issue_event_type_name: 'issue_created', user, issue: issueBody(issue) };
}

/** `jira:issue_updated` with its changelog. */
export function issueUpdated(issue: JiraIssue, timestamp: string, items: Change[]) {
  return { timestamp: new Date(timestamp).getTime(), webhookEvent: 'jira:issue_updated', issue_event_type_name: 'issue_generic', user, issue: issueBody(issue), changelog: { id: String(new Date(timestamp).getTime() % 100_000), items: items.map((i) => ({ fieldtype: 'jira', fieldId: i.field, ...i })) } };
}

/** The changelog of a transition that resolves (`To Do`/`In Progress` → `Done`, resolution set). */
export const resolves = (from: string): Change[] => [
  { field: 'resolution', from: null, fromString: null, to: '10000', toString: 'Done' },
  { field: 'status', from: '3', fromString: from, to: '10001', toString: 'Done' },
];

/** The changelog of a reopen: the resolution cleared, the status back. */
export const reopens = (to: string): Change[] => [
  { field: 'resolution', from: '10000', fromString: 'Done', to: null, toString: null },
  { field: 'status', from: '10001', fromString: 'Done', to: '3', toString: to },
];

/** `jira:version_released`: a version with its (planned) release date `yyyy-mm-dd`. */
export function versionReleased(o: { id: string; name: string; releaseDate: string | null }, timestamp: string) {
  return {
    timestamp: new Date(timestamp).getTime(),
    webhookEvent: 'jira:version_released',
    version: { self: `https://acme.atlassian.net/rest/api/2/version/${o.id}`, id: o.id, name: o.name, archived: false, released: true, ...(o.releaseDate ? { releaseDate: o.releaseDate } : {}), projectId: 10000 },
  };
}
