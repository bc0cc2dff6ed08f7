import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { outcomes, people } from '../../db/schema/index.ts';
import type { Viewer } from '../env.ts';
import { seesAll } from './viewer.ts';

/**
 * The outcomes a viewer may see, as a WHERE condition every outcome query starts from:
 * always their workspace only; PMO and admins everything in it; others their own outcomes
 * (submitted or owned), their direct reports', and the ones assigned to them for review.
 * Reports are a subquery, not a list of ids, so D1's 100-parameter limit never bites.
 */
export function visibleOutcomes(v: Viewer): SQL {
  const inWorkspace = eq(outcomes.workspaceId, v.workspace.id);
  if (seesAll(v)) return inWorkspace;
  const me = v.person.id;
  const reports = sql`(select ${people.id} from ${people} where ${people.managerId} = ${me} and ${people.workspaceId} = ${v.workspace.id})`;
  return and(
    inWorkspace,
    or(eq(outcomes.submitterId, me), eq(outcomes.ownerId, me), eq(outcomes.reviewerId, me), sql`${outcomes.submitterId} in ${reports}`, sql`${outcomes.ownerId} in ${reports}`),
  )!;
}
