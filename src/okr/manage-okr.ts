/**
 * Creating and changing cycles, objectives and key results, and linking an outcome to a key
 * result: the one place that checks who may and what is valid, for the web and the API.
 * Everything is checked before anything is written, so a bad value changes nothing.
 */
import { cycleById, keyResultById, objectiveById, objectiveParents, okrPeople, outcomeForLink } from '../db/queries/okr.ts';
import type { Reader } from '../db/queries/visibility.ts';
import { createOkrRepo, type CycleFields, type KeyResultFields, type ObjectiveFields } from '../db/repos/okr-repo.ts';
import type { Deps } from '../deps.ts';
import { assertNoFieldErrors, DomainError, type FieldError } from '../domain/errors.ts';
import { validateCycle, validateKrScore, wouldLoop } from '../domain/okr.ts';

/** Who acts: their workspace, whether they manage OKRs (admins, the PMO, a token with okr:write), and who they are. */
export interface OkrActor {
  workspaceId: string;
  manages: boolean;
  reader: Reader;
}

type OkrDeps = Pick<Deps, 'db' | 'clock'>;

const TITLE_MAX = 300;

function assertManages(a: OkrActor): void {
  if (!a.manages) throw new DomainError('forbidden', 'okr.managers_only');
}

const titleProblems = (title: string | undefined): FieldError[] => (title !== undefined && (!title.trim() || title.length > TITLE_MAX) ? [{ field: 'title', key: 'okr.title_required', params: { max: TITLE_MAX } }] : []);

/** Creates a cycle. */
export async function createCycle(deps: OkrDeps, a: OkrActor, f: CycleFields) {
  assertManages(a);
  assertNoFieldErrors(validateCycle(f));
  return createOkrRepo(deps.db).insertCycle(a.workspaceId, { ...f, name: f.name.trim() }, deps.clock.now());
}

/** Changes a cycle (the fields given); not_found outside the workspace. */
export async function updateCycle(deps: OkrDeps, a: OkrActor, id: string, patch: Partial<CycleFields>) {
  assertManages(a);
  const current = await cycleById(deps.db, a.workspaceId, id);
  if (!current) throw new DomainError('not_found', 'error.not_found');
  assertNoFieldErrors(validateCycle({ ...current, ...patch }));
  return (await createOkrRepo(deps.db).updateCycle(a.workspaceId, id, patch.name ? { ...patch, name: patch.name.trim() } : patch, deps.clock.now()))!;
}

/** The problems of an objective's owner, parent and cycle, each of which must be in the workspace. */
async function objectiveProblems(deps: OkrDeps, a: OkrActor, id: string | null, f: Partial<ObjectiveFields>): Promise<FieldError[]> {
  const problems = titleProblems(f.title);
  if (f.cycleId && !(await cycleById(deps.db, a.workspaceId, f.cycleId))) problems.push({ field: 'cycleId', key: 'okr.unknown_cycle' });
  if (f.ownerId && !(await okrPeople(deps.db, a.workspaceId)).some((p) => p.id === f.ownerId)) problems.push({ field: 'ownerId', key: 'okr.unknown_owner' });
  if (f.parentId) {
    const parents = await objectiveParents(deps.db, a.workspaceId);
    if (!parents.has(f.parentId)) problems.push({ field: 'parentId', key: 'okr.unknown_objective' });
    else if (id && wouldLoop(id, f.parentId, parents)) problems.push({ field: 'parentId', key: 'okr.parent_loop' });
  }
  return problems;
}

/** Creates an objective. */
export async function createObjective(deps: OkrDeps, a: OkrActor, f: ObjectiveFields) {
  assertManages(a);
  assertNoFieldErrors(await objectiveProblems(deps, a, null, f));
  return createOkrRepo(deps.db).insertObjective(a.workspaceId, { ...f, title: f.title.trim() }, deps.clock.now());
}

/** Changes an objective; a parent that would make it its own ancestor is refused. */
export async function updateObjective(deps: OkrDeps, a: OkrActor, id: string, patch: Partial<ObjectiveFields>) {
  assertManages(a);
  if (!(await objectiveById(deps.db, a.workspaceId, id))) throw new DomainError('not_found', 'error.not_found');
  assertNoFieldErrors(await objectiveProblems(deps, a, id, patch));
  return (await createOkrRepo(deps.db).updateObjective(a.workspaceId, id, patch.title ? { ...patch, title: patch.title.trim() } : patch, deps.clock.now()))!;
}

async function keyResultProblems(deps: OkrDeps, a: OkrActor, f: Partial<KeyResultFields>): Promise<FieldError[]> {
  const problems = titleProblems(f.title);
  if (f.objectiveId !== undefined && !(await objectiveById(deps.db, a.workspaceId, f.objectiveId))) problems.push({ field: 'objectiveId', key: 'okr.unknown_objective' });
  if (f.kind !== undefined && f.kind !== 'metric' && f.kind !== 'milestone') problems.push({ field: 'kind', key: 'okr.kind_invalid' });
  if (f.score !== undefined && f.score !== null) problems.push(...validateKrScore(f.score));
  return problems;
}

/** Creates a key result. */
export async function createKeyResult(deps: OkrDeps, a: OkrActor, f: KeyResultFields) {
  assertManages(a);
  assertNoFieldErrors(await keyResultProblems(deps, a, f));
  return createOkrRepo(deps.db).insertKeyResult(a.workspaceId, { ...f, title: f.title.trim() }, deps.clock.now());
}

/** Changes a key result; `score: null` goes back to deriving it from the linked outcomes. */
export async function updateKeyResult(deps: OkrDeps, a: OkrActor, id: string, patch: Partial<KeyResultFields>) {
  assertManages(a);
  if (!(await keyResultById(deps.db, a.workspaceId, id))) throw new DomainError('not_found', 'error.not_found');
  assertNoFieldErrors(await keyResultProblems(deps, a, patch));
  return (await createOkrRepo(deps.db).updateKeyResult(a.workspaceId, id, patch.title ? { ...patch, title: patch.title.trim() } : patch, deps.clock.now()))!;
}

/**
 * Links an outcome to a key result of its workspace, or unlinks it (null). Those who manage
 * OKRs may link any outcome they see; its submitter and owner may link their own.
 */
export async function linkOutcome(deps: OkrDeps, a: OkrActor, outcomeId: string, keyResultId: string | null): Promise<void> {
  const o = await outcomeForLink(deps.db, a.workspaceId, a.reader, outcomeId);
  if (!o) throw new DomainError('not_found', 'error.not_found');
  if (!a.manages && o.submitterId !== a.reader.personId && o.ownerId !== a.reader.personId) throw new DomainError('forbidden', 'okr.link_not_yours');
  if (keyResultId !== null && !(await keyResultById(deps.db, a.workspaceId, keyResultId))) assertNoFieldErrors([{ field: 'keyResultId', key: 'okr.unknown_key_result' }]);
  await createOkrRepo(deps.db).linkOutcome(a.workspaceId, outcomeId, keyResultId, deps.clock.now());
}
