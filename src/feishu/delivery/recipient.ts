import { and, eq } from 'drizzle-orm';
import type { DepsCore } from '../../deps.ts';
import { people, workspaces } from '../../db/schema/index.ts';
import type { PersonRef, WorkspaceContext } from '../../domain/ports.ts';
import type { Locale } from '../../domain/types.ts';
import type { OutboxRow } from '../../delivery/types.ts';
import { isOpenId, localeOf, timeZoneOf } from '../context.ts';

/** Who a row is for and how to write to them (language, time zone). */
export interface Recipient {
  workspace: WorkspaceContext;
  person: PersonRef | null;
  locale: Locale;
  timeZone: string;
}

/** A person the workspace already knows, by open_id (survey audiences are addressed by open_id only). */
async function knownByAddress(deps: DepsCore, workspaceId: string, address: string): Promise<PersonRef | null> {
  if (!isOpenId(address)) return null;
  const [p] = await deps.db.select({ id: people.id }).from(people).where(and(eq(people.workspaceId, workspaceId), eq(people.platformUserId, address)));
  return p ? deps.repos.people.person(workspaceId, p.id) : null;
}

/** The row's workspace and person (null for a chat, or someone the workspace has not met). */
export async function recipientOf(deps: DepsCore, row: OutboxRow): Promise<Recipient | null> {
  const [w] = await deps.db.select().from(workspaces).where(eq(workspaces.id, row.workspaceId));
  if (!w) return null;
  const workspace: WorkspaceContext = { id: w.id, platform: 'feishu', settings: w.settings };
  const personId = typeof row.payload.personId === 'string' ? row.payload.personId : null;
  const person = personId ? await deps.repos.people.person(w.id, personId) : await knownByAddress(deps, w.id, row.destination);
  return { workspace, person, locale: localeOf(person, workspace), timeZone: timeZoneOf(person, workspace) };
}
