import { listAwaitingReview, listMyOutcomes } from '../../db/queries/outcomes.ts';
import { createApprovalStore } from '../../db/repos/approval-store.ts';
import type { Away } from '../../domain/approval-rules.ts';
import { delegateReview } from '../../domain/delegate-review.ts';
import { nudgeReviewer } from '../../domain/nudge-reviewer.ts';
import type { PersonRef, WorkspaceContext } from '../../domain/ports.ts';
import { setAway } from '../../domain/set-away.ts';
import type { Deps } from '../../deps.ts';
import type { Viewer } from '../env.ts';
import { listPeople } from './settings.ts';

export interface ApprovalsPanel {
  /** My outcomes waiting for a decision (each can be nudged). */
  waiting: { id: string; title: string }[];
  /** Manager-stage reviews waiting for me (each can be handed over). */
  reviewing: { id: string; title: string; round: number }[];
  people: { id: string; name: string }[];
  away: Away | null;
  /** What the last action did (shown once after the redirect). */
  done: 'nudged' | 'handed_over' | 'away' | null;
}

const DONE = new Set(['nudged', 'handed_over', 'away']);

/** What My page offers for approvals. */
export async function loadApprovalsPanel(deps: Deps, v: Viewer, done: string | undefined): Promise<ApprovalsPanel> {
  const ws = v.workspace.id;
  const [mine, reviewing, people, away] = await Promise.all([
    listMyOutcomes(deps.db, ws, v.person.id, 50),
    listAwaitingReview(deps.db, ws, v.person.id, false, 50),
    listPeople(deps.db, v),
    createApprovalStore(deps.db).away(ws, v.person.id),
  ]);
  return {
    waiting: mine.filter((o) => o.status === 'submitted' || o.status === 'manager_approved').map((o) => ({ id: o.id, title: o.title })),
    reviewing: reviewing.map((o) => ({ id: o.id, title: o.title, round: o.round })),
    people: people.filter((p) => p.id !== v.person.id).map((p) => ({ id: p.id, name: p.name })),
    away,
    done: done && DONE.has(done) ? (done as ApprovalsPanel['done']) : null,
  };
}

/** The viewer's workspace as the domain verbs take it. */
export const workspaceOf = (v: Viewer): WorkspaceContext => ({ id: v.workspace.id, platform: v.workspace.platform, settings: v.workspace.settings });
/** The viewer as the domain verbs' actor. */
export const actorOf = (v: Viewer): PersonRef => ({ id: v.person.id, address: v.person.platformUserId, timeZone: v.person.timeZone, locale: v.person.locale, managerId: v.person.managerId });

/** The web's nudge: the same verb as chat. */
export const webNudge = (deps: Deps, v: Viewer, outcomeId: string) => nudgeReviewer({ ctx: deps.verbs, store: createApprovalStore(deps.db), input: { workspace: workspaceOf(v), outcomeId, actor: actorOf(v) } });

/** The web's hand-over (an admin may hand over anyone's review from the outcome's id). */
export const webHandOver = (deps: Deps, v: Viewer, outcomeId: string, form: { to: string; reason: string; round: number | undefined }) =>
  delegateReview({
    ctx: deps.verbs,
    store: createApprovalStore(deps.db),
    input: { workspace: workspaceOf(v), installedBy: v.workspace.installedBy, outcomeId, actor: { ...actorOf(v), isPlatformAdmin: false }, toId: form.to || null, reason: form.reason, ...(form.round ? { round: form.round } : {}) },
  });

/** The web's out of office for the viewer themselves. */
export const webSetAway = (deps: Deps, v: Viewer, away: { delegateId: string | null; awayFrom: string; awayUntil: string } | null) =>
  setAway({
    ctx: deps.verbs,
    store: createApprovalStore(deps.db),
    input: { workspace: workspaceOf(v), installedBy: v.workspace.installedBy, actor: { id: v.person.id, address: v.person.platformUserId, isPlatformAdmin: false }, personId: v.person.id, away },
  });
