import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { evidence, metricReadings, metrics, outcomes, people, projects, reviewSchedules, reviews, surveyResponses, surveys, workspaces } from '../schema/index.ts';

/** One workspace's worth of fixed-id rows, every table a seed fills. */
export interface SeedRows {
  workspaces: (typeof workspaces.$inferInsert)[];
  people: (typeof people.$inferInsert)[];
  projects: (typeof projects.$inferInsert)[];
  outcomes: (typeof outcomes.$inferInsert)[];
  metrics: (typeof metrics.$inferInsert)[];
  readings: (typeof metricReadings.$inferInsert)[];
  reviews: (typeof reviews.$inferInsert)[];
  schedules: (typeof reviewSchedules.$inferInsert)[];
  evidence: (typeof evidence.$inferInsert)[];
  surveys: (typeof surveys.$inferInsert)[];
  responses: (typeof surveyResponses.$inferInsert)[];
}

/**
 * Inserts seed rows in one batch, ignoring rows that exist, so a second run is a no-op.
 * Returns how many rows each table (by its SQL name) received.
 */
export async function insertSeedRows(db: Db, rows: SeedRows): Promise<Record<string, number>> {
  // Parents before children.
  const inserted = await db.batch([
    db.insert(workspaces).values(rows.workspaces).onConflictDoNothing().returning({ id: workspaces.id }),
    db.insert(people).values(rows.people.map((p) => ({ ...p, managerId: null }))).onConflictDoNothing().returning({ id: people.id }),
    db.insert(projects).values(rows.projects).onConflictDoNothing().returning({ id: projects.id }),
    db.insert(outcomes).values(rows.outcomes).onConflictDoNothing().returning({ id: outcomes.id }),
    db.insert(metrics).values(rows.metrics).onConflictDoNothing().returning({ id: metrics.id }),
    db.insert(metricReadings).values(rows.readings).onConflictDoNothing().returning({ id: metricReadings.id }),
    db.insert(reviews).values(rows.reviews).onConflictDoNothing().returning({ id: reviews.id }),
    db.insert(reviewSchedules).values(rows.schedules).onConflictDoNothing().returning({ id: reviewSchedules.id }),
    db.insert(evidence).values(rows.evidence).onConflictDoNothing().returning({ id: evidence.id }),
    db.insert(surveys).values(rows.surveys).onConflictDoNothing().returning({ id: surveys.id }),
    db.insert(surveyResponses).values(rows.responses).onConflictDoNothing().returning({ id: surveyResponses.id }),
  ]);
  const names = ['workspaces', 'people', 'projects', 'outcomes', 'metrics', 'metric_readings', 'reviews', 'review_schedules', 'evidence', 'surveys', 'survey_responses'];
  const counts: Record<string, number> = {};
  inserted.forEach((r, i) => (counts[names[i]!] = r.length));
  // Managers point at people of the same batch, so they are set once everyone exists (only on the first run).
  if (inserted[1].length) for (const p of rows.people) if (p.managerId) await db.update(people).set({ managerId: p.managerId, managerSource: 'manual' }).where(eq(people.id, p.id!));
  return counts;
}
