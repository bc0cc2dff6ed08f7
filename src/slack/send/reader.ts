import type { webApi } from '@slack/bolt';
import type { CardContext } from '../../../cards/view.ts';
import type { DepsCore } from '../../deps.ts';
import type { WorkspaceRow } from '../../db/repos/workspace-repo.ts';
import type { Locale } from '../../domain/types.ts';
import { cardContext } from '../../views/card-context.ts';
import { personById, personBySlackId, type PersonRow } from '../data/people.ts';
import { ensurePerson } from '../scope.ts';

/** Whom a card is rendered for: the language, the zone and the card helpers. */
export interface CardReader {
  locale: Locale;
  timeZone: string;
  cards: CardContext;
  publicUrl: string;
}

const isUserId = (address: string | null): address is string => Boolean(address && /^[UW][A-Z0-9]+$/.test(address));

/** A reader from a person row; unknown parts fall back to the workspace's settings. */
export function readerFrom(deps: DepsCore, ws: WorkspaceRow, p: PersonRow | null): CardReader {
  const locale = p?.locale ?? ws.settings.locale;
  return { locale, timeZone: p?.timeZone ?? ws.settings.timeZone, cards: cardContext(locale, deps.config.publicUrl), publicUrl: deps.config.publicUrl };
}

/**
 * The reader of an outbox row: the person it names, else the Slack user it goes to. With a
 * client, a user we have never seen (a survey's channel members, say) is looked up once with
 * users.info, so the card speaks their Slack language; a channel reads the workspace language.
 */
export async function readerOf(deps: DepsCore, ws: WorkspaceRow, to: { personId: string | null; address: string | null }, client?: webApi.WebClient): Promise<CardReader> {
  let person = to.personId ? await personById(deps.db, ws.id, to.personId) : null;
  if (!person && isUserId(to.address)) person = await personBySlackId(deps.db, ws.id, to.address);
  if (client && isUserId(to.address) && !person?.locale) person = await ensurePerson({ deps, workspace: ws, client }, to.address);
  return readerFrom(deps, ws, person);
}
