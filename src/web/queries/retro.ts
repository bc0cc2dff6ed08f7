import type { Deps } from '../../deps.ts';
import { actionsOf, listRetrospectives, retrospectiveById, retrospectivesWithActionsOf, type RetroActionRow, type RetrospectiveRow } from '../../db/queries/retro.ts';
import { personById } from '../../db/queries/people.ts';
import { DomainError } from '../../domain/errors.ts';
import { loadRetroPack, type RetroPackData } from '../../views/retro-pack.ts';
import { listPeople, type PersonOption } from './settings.ts';
import type { Viewer } from '../env.ts';

/** PMO and admins run retrospectives; the rest see those they own an action in. */
export const runsRetros = (v: Viewer): boolean => v.roles.pmo || v.roles.admin;

/** The retrospectives this viewer may open, latest first. */
export async function loadRetroList(deps: Deps, v: Viewer) {
  const rows = runsRetros(v) ? await listRetrospectives(deps.db, v.workspace.id) : await retrospectivesWithActionsOf(deps.db, v.workspace.id, v.person.id);
  return rows.map((r) => ({ id: r.id, periodKey: r.periodKey, periodStart: r.periodStart, periodEnd: r.periodEnd, recordedAt: r.recordedAt }));
}

export interface RetroPageData {
  retro: RetrospectiveRow;
  /** The pack; only for the PMO (it lists every outcome's lessons). */
  pack: RetroPackData | null;
  actions: RetroActionRow[];
  recordedByName: string | null;
  /** Owners to choose from (PMO only). */
  people: PersonOption[];
  pmo: boolean;
}

/**
 * One retrospective: the PMO sees the pack, the conclusions form and every action; an
 * action's owner the conclusions and the actions. Anyone else: not_found (nothing leaks).
 */
export async function loadRetroPage(deps: Deps, v: Viewer, id: string): Promise<RetroPageData> {
  const retro = await retrospectiveById(deps.db, v.workspace.id, id);
  if (!retro) throw new DomainError('not_found', 'error.not_found');
  const pmo = runsRetros(v);
  const actions = await actionsOf(deps.db, v.workspace.id, retro.id);
  if (!pmo && !actions.some((a) => a.ownerId === v.person.id)) throw new DomainError('not_found', 'error.not_found');
  const [pack, people, recorder] = await Promise.all([
    pmo ? loadRetroPack(deps.db, retro, v.workspace.settings, deps.clock.now()) : null,
    pmo ? listPeople(deps.db, v) : [],
    retro.recordedBy ? personById(deps.db, v.workspace.id, retro.recordedBy) : null,
  ]);
  return { retro, pack, actions, recordedByName: recorder?.name || null, people, pmo };
}
