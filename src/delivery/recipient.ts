import type { PersonRow } from '../db/queries/people.ts';
import { personByAddress, personById } from '../db/queries/people.ts';
import type { Db } from '../db/client.ts';
import type { WorkspaceRow } from '../db/repos/workspace-repo.ts';
import type { Locale } from '../domain/types.ts';

/** Who reads a message and how to write to them: the one recipient rule of both platforms. */
export interface Recipient {
  workspace: WorkspaceRow;
  /** The person it names or is addressed to; null for a channel/chat or someone never seen. */
  person: PersonRow | null;
  /** Where it goes (user, channel or chat id). */
  address: string;
  locale: Locale;
  timeZone: string;
  publicUrl: string;
}

/** How a platform learns a person it has not met (Slack: users.info); null when it cannot. */
export type DiscoverPerson = (address: string) => Promise<PersonRow | null>;

type Settings = { settings: { locale: Locale; timeZone: string } };

/** The language a person reads: their own when we know it, else the workspace's. */
export const localeFor = (person: { locale?: string | null } | null, workspace: Settings): Locale =>
  person?.locale === 'en' || person?.locale === 'zh-CN' ? person.locale : workspace.settings.locale;

/** The zone dates are shown in for a person: their own when we know it, else the workspace's. */
export const timeZoneFor = (person: { timeZone?: string | null } | null, workspace: Settings): string => person?.timeZone || workspace.settings.timeZone;

/** A recipient from a person row; what the person lacks comes from the workspace's settings. */
export function recipientFrom(workspace: WorkspaceRow, person: PersonRow | null, address: string, publicUrl: string): Recipient {
  return { workspace, person, address, locale: localeFor(person, workspace), timeZone: timeZoneFor(person, workspace), publicUrl };
}

/**
 * The recipient of a message: the person the row names, else the person at its address.
 * Someone whose language we do not know yet (a survey's channel members, say) is looked up
 * once through the platform's `discover`, so the card speaks their language; a channel
 * reads the workspace's language and zone.
 */
export async function resolveRecipient(
  db: Db,
  workspace: WorkspaceRow,
  to: { personId: string | null; address: string },
  opts: { publicUrl: string; discover?: DiscoverPerson },
): Promise<Recipient> {
  let person = to.personId ? await personById(db, workspace.id, to.personId) : null;
  if (!person && to.address) person = await personByAddress(db, workspace.id, to.address);
  if (opts.discover && !person?.locale) person = (await opts.discover(to.address)) ?? person;
  return recipientFrom(workspace, person, to.address, opts.publicUrl);
}

/** The workspace as the reader: one report to a channel or to several people, in the workspace's language. */
export const workspaceReader = (workspace: WorkspaceRow, address: string, publicUrl: string): Recipient => recipientFrom(workspace, null, address, publicUrl);
