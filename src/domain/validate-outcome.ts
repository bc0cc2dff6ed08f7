import type { FieldError } from './errors.ts';
import type { PersonRef, VerbContext, WorkspaceContext } from './ports.ts';
import { checkSmart } from './smart.ts';
import type { OutcomeDraft } from './types.ts';

/**
 * Every field problem of an outcome about to be submitted (or resubmitted), the rules only
 * the domain can judge included: the SMART checks, the project and the owner belong to this
 * workspace, and the reviewer exists and is not the submitter. Forms map the fields
 * (`title`, `projectId`, `reviewerId`, `metrics.0.target`, …) to their own blocks.
 */
export async function validateOutcome(ctx: Pick<VerbContext, 'outcomes' | 'people'>, workspace: WorkspaceContext, submitter: PersonRef, reviewer: PersonRef | null, draft: OutcomeDraft): Promise<FieldError[]> {
  const problems: FieldError[] = checkSmart(draft);
  const has = (field: string) => problems.some((p) => p.field === field);
  // A forged form value (another workspace's project or person) reads as not chosen.
  if (draft.projectId && !has('projectId') && !(await ctx.outcomes.projectExists(workspace.id, draft.projectId))) problems.push({ field: 'projectId', key: 'smart.project_required' });
  if (draft.ownerId && !has('ownerId') && !(await ctx.people.person(workspace.id, draft.ownerId))) problems.push({ field: 'ownerId', key: 'smart.owner_required' });
  return [...problems, ...validateReviewer(submitter.id, reviewer?.id)];
}

/**
 * The reviewer rule alone, for forms that check before anything is written (both sides the
 * same kind of identity: person ids, or platform user ids): someone is chosen, not oneself.
 */
export function validateReviewer(submitter: string, reviewer: string | null | undefined): FieldError[] {
  if (!reviewer) return [{ field: 'reviewerId', key: 'smart.reviewer_required' }];
  return reviewer === submitter ? [{ field: 'reviewerId', key: 'smart.reviewer_is_self' }] : [];
}
