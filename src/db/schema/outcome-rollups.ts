import { integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { IndicatorClass, OutcomeStatus } from '../../domain/types.ts';
import { workspaceId } from './columns.ts';

/**
 * The dashboard's whole-workspace figures, pre-added: per workspace, status, project, indicator
 * class and month of verification, how many outcomes there are and the sums the portfolio and
 * value pages average (attainment, cost and benefit, review scores). The triggers of migration
 * outcome_rollups keep it on every outcome write, whichever path writes, so a page reads a few
 * hundred rows here instead of aggregating 100,000 outcomes (issue 11: p95 ≤ 100 ms at that size).
 * Key columns hold '' for "none" (no project, no class, not verified), since NULLs are never equal
 * in a key. Rows whose `n` went back to 0 stay and are skipped by the reads.
 */
export const outcomeRollups = sqliteTable(
  'outcome_rollups',
  {
    workspaceId: workspaceId(),
    status: text('status').$type<OutcomeStatus>().notNull(),
    projectId: text('project_id').notNull(),
    indicatorClass: text('indicator_class').$type<IndicatorClass | ''>().notNull(),
    /** yyyy-MM (UTC) of `verified_at`; '' when not verified. */
    verifiedMonth: text('verified_month').notNull(),
    /** +1 on every change to the row: their sum is a fingerprint of the figures (src/db/queries/rollups.ts). */
    revision: integer('revision').notNull().default(0),
    n: integer('n').notNull().default(0),
    /** Outcomes with an attainment, and the sum of their attainments. */
    measured: integer('measured').notNull().default(0),
    attainmentSum: real('attainment_sum').notNull().default(0),
    /** Outcomes with a positive cost and a benefit (what ROI is computed over), and their sums. */
    costed: integer('costed').notNull().default(0),
    costSum: real('cost_sum').notNull().default(0),
    benefitSum: real('benefit_sum').notNull().default(0),
    /** Scored reviews of these outcomes, and the sums of their scores. */
    scored: integer('scored').notNull().default(0),
    impactSum: integer('impact_sum').notNull().default(0),
    difficultySum: integer('difficulty_sum').notNull().default(0),
    innovationSum: integer('innovation_sum').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.status, t.projectId, t.indicatorClass, t.verifiedMonth] })],
);
