import type { Db } from '../db/client.ts';
import { tokenCreator } from '../db/queries/api-tokens.ts';
import { workspaceById } from '../db/queries/workspaces.ts';
import { DomainError } from '../domain/errors.ts';
import type { PersonRef, WorkspaceContext } from '../domain/ports.ts';
import { seesAll } from '../web/context/viewer.ts';
import type { Principal } from './env.ts';

/** Who a write through the API is by: the signed-in person, or the person who created the token. */
export interface ActingPerson {
  workspace: WorkspaceContext;
  person: PersonRef;
  /** Sees the whole workspace: PMO and admins, and every token (admins make them). */
  seesAll: boolean;
}

/** The person behind the caller; a token whose creator is gone cannot write as anyone (403). */
export async function actingPerson(db: Db, p: Principal): Promise<ActingPerson> {
  if (p.kind === 'session') {
    const v = p.viewer;
    return {
      workspace: { id: v.workspace.id, platform: v.workspace.platform, settings: v.workspace.settings },
      person: { id: v.person.id, address: v.person.platformUserId, timeZone: v.person.timeZone, locale: v.person.locale },
      seesAll: seesAll(v),
    };
  }
  const [w, person] = await Promise.all([workspaceById(db, p.workspaceId), tokenCreator(db, p.workspaceId, p.tokenId)]);
  if (!w) throw new DomainError('unauthorized', 'api.token_unknown');
  if (!person) throw new DomainError('forbidden', 'comment.needs_person');
  return { workspace: { id: w.id, platform: w.platform, settings: w.settings }, person, seesAll: true };
}
