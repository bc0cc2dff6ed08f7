import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, instant, workspaceId } from './columns.ts';
import { day } from './base-columns.ts';
import { keyResults } from './key-results.ts';
import { people } from './people.ts';
import { projects } from './projects.ts';

const ZERO = sql`0`;

export const outcomes = sqliteTable(
  'outcomes',
  {
    id: id(),
    workspaceId: workspaceId(),
    projectId: text('project_id').references(() => projects.id, { onDelete: 'set null' }),
    keyResultId: text('key_result_id').references(() => keyResults.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    indicatorClass: text('indicator_class', { enum: ['process', 'output', 'impact'] }),
    status: text('status', {
      enum: ['draft', 'submitted', 'manager_approved', 'verified', 'changes_requested', 'rejected'],
    }).notNull(),
    submitterId: text('submitter_id')
      .notNull()
      .references(() => people.id),
    ownerId: text('owner_id').references(() => people.id),
    /** The reviewer assigned to the current stage; null when nothing awaits review. */
    reviewerId: text('reviewer_id').references(() => people.id),
    /** Submission round: 1, then +1 on each resubmission after changes were requested. */
    round: integer('round').notNull().default(1),
    /** The due date, a calendar date (see `day`). */
    dueAt: day('due_on'),
    cost: real('cost'),
    /**
     * Mean progress toward the target of the metrics with an actual ((actual − baseline) /
     * (target − baseline), raw: > 1 over-achieved), null when none is measured. Kept by the
     * triggers of migration attainment_triggers on every metric write, so the dashboard can
     * sort, page and aggregate it in SQL (src/db/queries/attainment-sql.ts says the same rule).
     */
    attainment: real('attainment'),
    benefit: real('benefit'),
    /**
     * The outcome's reviews that carry all three scores, and the sums of those scores: kept by
     * the triggers of migration outcome_rollups on every review write, for outcome_rollups.
     * The default is SQL, not a bound value: an insert of many outcomes stays within D1's 100
     * bound parameters.
     */
    scoredReviews: integer('scored_reviews').notNull().default(ZERO),
    impactSum: integer('impact_sum').notNull().default(ZERO),
    difficultySum: integer('difficulty_sum').notNull().default(ZERO),
    innovationSum: integer('innovation_sum').notNull().default(ZERO),
    /** Idempotency key of the submitting request (modal view id, card message id): a retried submit stores once. */
    clientKey: text('client_key'),
    submittedAt: instant('submitted_at'),
    verifiedAt: instant('verified_at'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at'),
  },
  (t) => [
    index('outcomes_workspace_status').on(t.workspaceId, t.status),
    index('outcomes_pending_by_reviewer').on(t.workspaceId, t.reviewerId, t.status),
    // The approval reminder scan crosses workspaces: pending stages, longest waiting first.
    index('outcomes_status_submitted').on(t.status, t.submittedAt),
    // With the creation time: a member's newest outcomes are read in order, not picked from the workspace's.
    index('outcomes_submitter').on(t.workspaceId, t.submitterId, t.createdAt),
    index('outcomes_project').on(t.projectId),
    uniqueIndex('outcomes_client_key').on(t.workspaceId, t.clientKey),
    // The dashboard (issue 11): the member's page and the list's keyset sorts (the matrix and the heat map read outcome_rollups).
    index('outcomes_owner').on(t.workspaceId, t.ownerId),
    index('outcomes_list_newest').on(t.workspaceId, t.createdAt, t.id),
    index('outcomes_list_attainment').on(t.workspaceId, t.attainment, t.id),
    index('outcomes_list_title').on(t.workspaceId, t.title, t.id),
    // The API's outcome pages, in id order within the workspace.
    index('outcomes_workspace_id').on(t.workspaceId, t.id),
    // The OKR page's linked outcomes, and key results' deletion (ON DELETE SET NULL) finding theirs.
    index('outcomes_key_result').on(t.keyResultId, t.workspaceId),
    // The insights: the verified outcomes of a period.
    index('outcomes_verified').on(t.workspaceId, t.status, t.verifiedAt),
    // The value page's ranking: the verified outcomes of highest attainment, read from the index's end.
    index('outcomes_top_attainment').on(t.workspaceId, t.status, t.attainment, t.id),
    // outcomes_waiting (workspace_id, status, coalesce(updated_at, submitted_at, created_at)), for the
    // portfolio's waiting times, is in migration 0020_attainment_triggers: drizzle-kit mangles expression indexes.
  ],
);
