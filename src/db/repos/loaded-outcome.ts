import type { OutcomeRepo, PeopleDirectory, VerbContext } from '../../domain/ports.ts';
import type { OutcomeParts } from '../queries/outcomes.ts';
import { toRecord } from './outcome-repo.ts';
import { toRef } from './people-repo.ts';

/** `base` with some methods replaced; the others still run on `base` itself. */
function overriding<T extends object>(base: T, patch: Partial<T>): T {
  return Object.assign(Object.create(base) as T, patch);
}

/**
 * A verb context whose reads of one outcome (its row, its project's go-live, its people, the
 * PMO reviewers when they were read with it) are
 * answered from parts the request has already read, for the card it returns: the verb then
 * reads nothing twice. Anything else, and any other outcome, goes to the repositories.
 */
export function withLoadedOutcome(ctx: VerbContext, parts: OutcomeParts | null): VerbContext {
  if (!parts) return ctx;
  const { outcome: o, project } = parts;
  const outcomes = overriding<OutcomeRepo>(ctx.outcomes, {
    get: (ws, id) => (ws === o.workspaceId && id === o.id ? Promise.resolve(toRecord(o)) : ctx.outcomes.get(ws, id)),
    projectGoLive: (ws, id) => (project && ws === project.workspaceId && id === project.id ? Promise.resolve(project.goLiveAt ?? null) : ctx.outcomes.projectGoLive(ws, id)),
  });
  const people = overriding<PeopleDirectory>(ctx.people, {
    person: (ws, id) => {
      const p = parts.people.find((x) => x.id === id && x.workspaceId === ws);
      return p ? Promise.resolve(toRef(p)) : ctx.people.person(ws, id);
    },
    pmo: (workspace) => {
      // All of them read already, or the directory (which also creates the missing ones).
      const rows = workspace.settings.pmoReviewers.map((address) => parts.people.find((x) => x.platformUserId === address && x.workspaceId === workspace.id));
      return rows.every((r) => r !== undefined) ? Promise.resolve({ reviewers: rows.map(toRef), channel: workspace.settings.pmoChannel }) : ctx.people.pmo(workspace);
    },
  });
  return { ...ctx, outcomes, people };
}
