import { localDay, standIn } from './approval-rules.ts';
import type { PersonRef, VerbContext, WorkspaceContext } from './ports.ts';

/**
 * Who receives a new approval for `reviewer`: their out-of-office stand-in while they are
 * away (today in the workspace's zone), else the reviewer. Never the submitter themselves.
 */
export async function reviewerOrStandIn(ctx: Pick<VerbContext, 'people'>, workspace: WorkspaceContext, reviewer: PersonRef, submitterId: string, now: Date): Promise<PersonRef> {
  const away = ctx.people.away ? await ctx.people.away(workspace.id, reviewer.id) : null;
  const id = away && standIn(away, localDay(now, workspace.settings.timeZone));
  if (!id || id === submitterId || id === reviewer.id) return reviewer;
  return (await ctx.people.person(workspace.id, id)) ?? reviewer;
}
