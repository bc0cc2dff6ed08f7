import type { Deps } from '../deps.ts';
import type { WorkspaceRow } from '../db/repos/workspace-repo.ts';
import type { PersonRef, WorkspaceContext } from '../domain/ports.ts';
import type { Locale } from '../domain/types.ts';
import { localeFor, timeZoneFor } from '../delivery/recipient.ts';
import type { Envelope } from './inbound/verify.ts';

/** What every Feishu handler works with: deps, the verified tenant's workspace, deferral. */
export interface FeishuCtx {
  deps: Deps;
  /** Work after the response (Workers waitUntil / tracked promises on Node). */
  defer: (task: () => Promise<unknown>) => void;
  row: WorkspaceRow;
  workspace: WorkspaceContext;
  envelope: Envelope;
}

/** The workspace of a verified tenant_key (created with defaults on first sight). */
export async function feishuWorkspace(deps: Deps, tenantKey: string): Promise<{ row: WorkspaceRow; workspace: WorkspaceContext }> {
  // One read on every request after the first; the insert only on first sight.
  const row = (await deps.repos.workspaces.byExternalId('feishu', tenantKey)) ?? (await deps.repos.workspaces.ensure('feishu', tenantKey));
  return { row, workspace: { id: row.id, platform: 'feishu', settings: row.settings } };
}

/**
 * A Feishu user (open_id) as a person of the workspace, created on first sight. A known
 * person costs one read: no write on every click unless there is a new name to store.
 */
export async function feishuPerson(deps: Deps, workspaceId: string, openId: string, name?: string): Promise<PersonRef> {
  const known = await deps.repos.people.byPlatformId(workspaceId, openId);
  if (known && (!name || known.name === name)) return known;
  return deps.repos.people.upsert(workspaceId, { platformUserId: openId, ...(name ? { name } : {}) });
}

/** The language a person's texts are written in first (cards carry both; see cards/feishu/bilingual.ts). The one rule: src/delivery/recipient.ts. */
export const localeOf = (person: Pick<PersonRef, 'locale'> | null, workspace: WorkspaceContext): Locale => localeFor(person, workspace);

/** The time zone dates are shown in for a person. */
export const timeZoneOf = (person: Pick<PersonRef, 'timeZone'> | null, workspace: WorkspaceContext): string => timeZoneFor(person, workspace);

const OPEN_ID = /^ou_[A-Za-z0-9_-]{1,64}$/;
/** True for something shaped like a Feishu open_id. */
export const isOpenId = (s: unknown): s is string => typeof s === 'string' && OPEN_ID.test(s);
