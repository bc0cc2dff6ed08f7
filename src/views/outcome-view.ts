import { and, asc, desc, eq, inArray, ne, or } from 'drizzle-orm';
import type { OutcomeView, PersonView, ReviewView } from '../../cards/view.ts';
import type { Db } from '../db/client.ts';
import { evidence, metrics, outcomes, people, projects, reviews } from '../db/schema/index.ts';
import { changePct, progress } from '../domain/metrics.ts';
import { checkSmart } from '../domain/smart.ts';
import { dateText, dateTimeText } from './dates.ts';

export interface Viewer {
  timeZone: string;
  publicUrl: string;
}

const SMART_FIELDS = {
  specific: /^(title|description|indicatorClass|projectId)$/,
  measurable: /^metrics(\.\d+\.(name|unit|baseline|actual))?$/,
  assignable: /^ownerId$/,
  realistic: /^metrics\.\d+\.(target|direction)$/,
  timeRelated: /^dueDate$/,
};

/**
 * Everything a card or page shows about one outcome, read in a handful of indexed
 * queries and shaped as the cards' view model. Null when it is not in this workspace.
 */
export async function loadOutcomeView(db: Db, workspaceId: string, outcomeId: string, viewer: Viewer): Promise<OutcomeView | null> {
  const [o] = await db
    .select()
    .from(outcomes)
    .where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.id, outcomeId)));
  if (!o) return null;
  const [project, ms, ev, rs] = await Promise.all([
    o.projectId ? db.select().from(projects).where(eq(projects.id, o.projectId)).then((r) => r[0] ?? null) : Promise.resolve(null),
    db.select().from(metrics).where(eq(metrics.outcomeId, o.id)).orderBy(asc(metrics.position)),
    db.select().from(evidence).where(eq(evidence.outcomeId, o.id)).orderBy(asc(evidence.createdAt)),
    db.select().from(reviews).where(eq(reviews.outcomeId, o.id)).orderBy(asc(reviews.decidedAt)),
  ]);
  const personIds = [o.submitterId, o.ownerId, o.reviewerId, ...rs.map((r) => r.reviewerId)].filter((x): x is string => Boolean(x));
  const folks = new Map((await db.select().from(people).where(inArray(people.id, [...new Set(personIds)]))).map((p) => [p.id, p]));
  const person = (id: string | null): PersonView | null => {
    const p = id ? folks.get(id) : undefined;
    return p ? { address: p.platformUserId, name: p.name || p.platformUserId } : null;
  };
  const tz = viewer.timeZone;
  const problems = checkSmart({
    title: o.title,
    description: o.description,
    indicatorClass: o.indicatorClass,
    projectId: o.projectId,
    ownerId: o.ownerId,
    dueDate: o.dueAt,
    metrics: ms.map((m) => ({ name: m.name, unit: m.unit, direction: m.direction, baseline: m.baseline, target: m.target, actual: m.actual })),
    evidence: [],
  }).map((p) => p.field);
  const meets = (re: RegExp) => !problems.some((f) => re.test(f));

  return {
    id: o.id,
    title: o.title,
    description: o.description,
    status: o.status,
    indicatorClass: o.indicatorClass,
    project: project ? { id: project.id, name: project.name, goLiveText: project.goLiveAt ? dateText(project.goLiveAt, tz) : null } : null,
    dueText: o.dueAt ? dateText(o.dueAt, tz) : null,
    round: o.round,
    submitter: person(o.submitterId)!,
    owner: person(o.ownerId),
    reviewer: person(o.reviewerId),
    metrics: ms.map((m) => ({
      name: m.name,
      unit: m.unit,
      direction: m.direction,
      baseline: m.baseline,
      target: m.target,
      actual: m.actual,
      changePct: m.actual === null ? null : changePct(m.baseline, m.actual),
      targetChangePct: changePct(m.baseline, m.target),
      progress: m.actual === null ? null : progress(m.baseline, m.target, m.actual),
    })),
    evidence: ev.map((e) => ({ kind: e.kind, title: e.title, url: e.url, fileRef: e.platformFileId, messageId: e.platformMessageId })),
    reviews: rs.map((r) => toReviewView(r, person(r.reviewerId) ?? { address: '', name: '' }, tz)),
    smart: { specific: meets(SMART_FIELDS.specific), measurable: meets(SMART_FIELDS.measurable), assignable: meets(SMART_FIELDS.assignable), realistic: meets(SMART_FIELDS.realistic), timeRelated: meets(SMART_FIELDS.timeRelated) },
    url: `${viewer.publicUrl}/app/outcomes/${o.id}`,
  };
}

export interface OutcomeListItem {
  id: string;
  title: string;
  status: OutcomeView['status'];
  round: number;
  projectName: string | null;
  updatedAt: Date;
}

const listColumns = { id: outcomes.id, title: outcomes.title, status: outcomes.status, round: outcomes.round, projectName: projects.name, updatedAt: outcomes.updatedAt, createdAt: outcomes.createdAt };
const toItem = (r: { id: string; title: string; status: OutcomeView['status']; round: number; projectName: string | null; updatedAt: Date | null; createdAt: Date }): OutcomeListItem => ({
  id: r.id,
  title: r.title,
  status: r.status,
  round: r.round,
  projectName: r.projectName,
  updatedAt: r.updatedAt ?? r.createdAt,
});

/** A member's own outcomes, newest first. */
export async function listMyOutcomes(db: Db, workspaceId: string, personId: string, limit = 20): Promise<OutcomeListItem[]> {
  const rows = await db
    .select(listColumns)
    .from(outcomes)
    .leftJoin(projects, eq(projects.id, outcomes.projectId))
    .where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.submitterId, personId)))
    .orderBy(desc(outcomes.createdAt))
    .limit(limit);
  return rows.map(toItem);
}

/** What awaits this person's decision: outcomes assigned to them, and stage 2 when they are PMO. */
export async function listAwaitingReview(db: Db, workspaceId: string, personId: string, isPmo: boolean, limit = 20): Promise<OutcomeListItem[]> {
  const mine = and(eq(outcomes.reviewerId, personId), eq(outcomes.status, 'submitted'));
  const rows = await db
    .select(listColumns)
    .from(outcomes)
    .leftJoin(projects, eq(projects.id, outcomes.projectId))
    .where(and(eq(outcomes.workspaceId, workspaceId), isPmo ? or(mine, and(eq(outcomes.status, 'manager_approved'), ne(outcomes.submitterId, personId))) : mine))
    .orderBy(asc(outcomes.submittedAt))
    .limit(limit);
  return rows.map(toItem);
}

/** One stored decision as the cards show it. */
function toReviewView(r: typeof reviews.$inferSelect, reviewer: PersonView, timeZone: string): ReviewView {
  return {
    stage: r.stage,
    decision: r.decision,
    reviewer,
    comment: r.comment,
    scores: r.impact && r.difficulty && r.innovation ? { impact: r.impact, difficulty: r.difficulty, innovation: r.innovation } : null,
    decidedAt: r.decidedAt.toISOString(),
    decidedAtText: dateTimeText(r.decidedAt, timeZone),
  };
}

/** The decision taken on one stage of one round (what a decided card shows); null while open. */
export async function loadStageDecision(db: Db, workspaceId: string, outcomeId: string, round: number, stage: 'manager' | 'pmo', timeZone: string): Promise<ReviewView | null> {
  const [row] = await db
    .select({ r: reviews, name: people.name, address: people.platformUserId })
    .from(reviews)
    .innerJoin(people, eq(people.id, reviews.reviewerId))
    .where(and(eq(reviews.workspaceId, workspaceId), eq(reviews.outcomeId, outcomeId), eq(reviews.round, round), eq(reviews.stage, stage)));
  return row ? toReviewView(row.r, { address: row.address, name: row.name || row.address }, timeZone) : null;
}
