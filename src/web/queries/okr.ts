import type { Db } from '../../db/client.ts';
import { keyResultOptions, linkedKeyResult, loadOkrRows, okrPeople, outcomeForLink } from '../../db/queries/okr.ts';
import { calendarDate } from '../../domain/calendar-date.ts';
import { parseDecimal } from '../../domain/metrics.ts';
import type { OkrActor } from '../../okr/manage-okr.ts';
import { okrTree, type CycleNode } from '../../views/okr-tree.ts';
import { readerOf, seesAll } from '../context/viewer.ts';
import type { Viewer } from '../env.ts';

/** Admins and the PMO manage cycles, objectives and key results. */
export const managesOkr = (v: Viewer): boolean => seesAll(v);

/** The viewer as the OKR verbs take them. */
export const okrActorOf = (v: Viewer): OkrActor => ({ workspaceId: v.workspace.id, manages: managesOkr(v), reader: readerOf(v) });

export interface OkrPageData {
  tree: CycleNode[];
  manages: boolean;
  /** Feishu workspaces can import their Feishu OKR. */
  canImport: boolean;
  people: { id: string; name: string }[];
}

/** The OKR page: the roll-up tree, and for managers what the forms choose from. */
export async function loadOkrPage(db: Db, v: Viewer): Promise<OkrPageData> {
  const manages = managesOkr(v);
  const [rows, people] = await Promise.all([loadOkrRows(db, v.workspace.id, readerOf(v)), manages ? okrPeople(db, v.workspace.id) : []]);
  return { tree: okrTree(rows), manages, canImport: manages && v.workspace.platform === 'feishu', people: people.map((p) => ({ id: p.id, name: p.name || p.platformUserId })) };
}

export interface OkrLinkData {
  outcomeId: string;
  current: { id: string; title: string; objective: string } | null;
  options: { id: string; title: string; objective: string; cycle: string | null }[];
  /** Whether this viewer may change the link (managers; the outcome's submitter and owner). */
  canLink: boolean;
}

/** The outcome page's key-result part: the linked key result and what it could link to. */
export async function loadOkrLink(db: Db, v: Viewer, outcomeId: string): Promise<OkrLinkData> {
  const [o, current] = await Promise.all([outcomeForLink(db, v.workspace.id, readerOf(v), outcomeId), linkedKeyResult(db, v.workspace.id, outcomeId)]);
  const canLink = !!o && (managesOkr(v) || o.submitterId === v.person.id || o.ownerId === v.person.id);
  return { outcomeId, current: current ? { id: current.id, title: current.title, objective: current.objective } : null, options: canLink ? await keyResultOptions(db, v.workspace.id) : [], canLink };
}

type Form = Record<string, string | File | (string | File)[]>;
const one = (form: Form, name: string): string => {
  const v = form[name];
  return typeof v === 'string' ? v.trim() : '';
};
const orNull = (s: string): string | null => (s === '' ? null : s);

/** A cycle form: name, kind, first and last day. */
export const cycleForm = (f: Form) => ({ name: one(f, 'name'), kind: one(f, 'kind') as 'quarter', startsAt: calendarDate(one(f, 'startsAt')), endsAt: calendarDate(one(f, 'endsAt')) });

/** An objective form: title, cycle, parent and owner (empty = none). */
export const objectiveForm = (f: Form) => ({ title: one(f, 'title'), cycleId: orNull(one(f, 'cycleId')), parentId: orNull(one(f, 'parentId')), ownerId: orNull(one(f, 'ownerId')) });

/** A key-result form: objective, title, kind and a score typed by hand (empty = derived; NaN when not a number, refused by the verb). */
export function keyResultForm(f: Form) {
  const typed = parseDecimal(one(f, 'score'));
  return { objectiveId: one(f, 'objectiveId'), title: one(f, 'title'), kind: (one(f, 'kind') || 'metric') as 'metric', score: typed };
}

/** The key result chosen on the outcome page (empty = unlink). */
export const linkForm = (f: Form): string | null => orNull(one(f, 'keyResultId'));
