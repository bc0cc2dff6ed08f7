/**
 * Jira Cloud deliveries → events (platform-facts §7.2). Pure. Issues are keyed by their id
 * (the key changes when an issue moves project), versions by theirs.
 */
import { z } from 'zod';
import { endOfDueDay, ignored, isoTime, mapped, payloadOf, type Normalised } from './normalised.ts';

const change = z.object({ field: z.string(), from: z.string().nullish(), to: z.string().nullish(), fromString: z.string().nullish(), toString: z.string().nullish() });
const issuePayload = z.object({
  /** Epoch ms; anything a Date cannot hold is a malformed delivery (400), not a failed insert. */
  timestamp: z.number().int().min(0).max(8.64e15),
  issue: z.object({
    id: z.string(),
    key: z.string(),
    fields: z.object({
      created: isoTime,
      resolutiondate: isoTime.nullish(),
      status: z.object({ name: z.string() }).nullish(),
      project: z.object({ key: z.string() }).nullish(),
    }),
  }),
  changelog: z.object({ items: z.array(change) }).nullish(),
});
const versionPayload = z.object({
  timestamp: z.number().int().min(0).max(8.64e15),
  version: z.object({ id: z.union([z.string(), z.number()]), releaseDate: endOfDueDay.nullish() }),
});

/**
 * Maps one delivery to an event. `jira:issue_created` → created; `jira:issue_updated` →
 * reopened when the changelog clears the resolution, resolved when it sets one or changes
 * the status of an issue that has a `resolutiondate` (at that time), updated otherwise;
 * `jira:version_released` → a version completed (due at the end of its release date).
 * Issues of projects outside `projects` (when given) are ignored.
 */
export function normaliseJira(payload: unknown, projects: readonly string[]): Normalised {
  const name = typeof payload === 'object' && payload !== null ? (payload as { webhookEvent?: unknown }).webhookEvent : undefined;
  if (name === 'jira:version_released') {
    const p = payloadOf(versionPayload, payload, 'jira:version_released');
    return mapped('jira_version_released', `version:${p.version.id}`, new Date(p.timestamp), null, p.version.releaseDate ?? null, 'released');
  }
  if (name !== 'jira:issue_created' && name !== 'jira:issue_updated') return ignored(`event ${String(name)}`);
  const p = payloadOf(issuePayload, payload, name);
  const { fields } = p.issue;
  const project = fields.project?.key ?? p.issue.key.split('-')[0]!;
  if (projects.length > 0 && !projects.includes(project)) return ignored(`project ${project}`);
  const item = `issue:${p.issue.id}`;
  const state = fields.status?.name ?? null;
  const at = new Date(p.timestamp);
  if (name === 'jira:issue_created') return mapped('jira_issue_created', item, fields.created, fields.created, null, state);
  const items = p.changelog?.items ?? [];
  const resolution = items.find((i) => i.field === 'resolution');
  if (resolution && !resolution.to && !resolution.toString) return mapped('jira_issue_reopened', item, at, fields.created, null, state);
  const statusChanged = items.some((i) => i.field === 'status');
  if (fields.resolutiondate && (resolution || statusChanged)) return mapped('jira_issue_resolved', item, fields.resolutiondate, fields.created, null, state);
  return mapped('jira_issue_updated', item, at, fields.created, null, state);
}
