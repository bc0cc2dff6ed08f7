import { and, eq, ne } from 'drizzle-orm';
import type { EvidenceInput, MetricInput } from '../../domain/types.ts';
import type { NewDecision, NewResubmission, NewSubmission, OutcomeRecord, OutcomeRepo } from '../../domain/ports.ts';
import { batchOnce, inChunks, isUniqueViolation, type Db } from '../client.ts';
import { actionGuards, auditLog, evidence, metrics, outcomes, projects, reviewSchedules, reviews } from '../schema/index.ts';
import { insertNotifications } from './outbox-rows.ts';
import { insertRow, writeTemplate } from '../write-templates.ts';
import { okrProgressRows } from './okr-progress-rows.ts';
import { createSettingsStore } from './settings-store.ts';

type StatusChange = { ws: string; id: string; from: string; to: string; at: Date };

/** A decision's status change, guarded by the status it was decided from (its templates: src/db/write-templates.ts). */
const decidedStatus = writeTemplate<StatusChange>((db, p) =>
  db
    .update(outcomes)
    .set({ status: p('to') as never, reviewerId: null, updatedAt: p('at') as never })
    .where(and(eq(outcomes.workspaceId, p('ws')), eq(outcomes.id, p('id')), eq(outcomes.status, p('from')))),
);
const verifiedStatus = writeTemplate<StatusChange>((db, p) =>
  db
    .update(outcomes)
    .set({ status: p('to') as never, reviewerId: null, updatedAt: p('at') as never, verifiedAt: p('at') as never })
    .where(and(eq(outcomes.workspaceId, p('ws')), eq(outcomes.id, p('id')), eq(outcomes.status, p('from')))),
);

/** OutcomeRepo on drizzle: every write is one db.batch(), guarded by unique indexes. */
export function createOutcomeRepo(db: Db): OutcomeRepo {
  return {
    async get(workspaceId, id) {
      const [row] = await db
        .select()
        .from(outcomes)
        .where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.id, id)));
      return row ? toRecord(row) : null;
    },

    async projectExists(workspaceId, projectId) {
      const [p] = await db.select({ id: projects.id }).from(projects).where(and(eq(projects.workspaceId, workspaceId), eq(projects.id, projectId)));
      return Boolean(p);
    },

    async projectGoLive(workspaceId, projectId) {
      const [p] = await db
        .select({ goLiveAt: projects.goLiveAt })
        .from(projects)
        .where(and(eq(projects.workspaceId, workspaceId), eq(projects.id, projectId)));
      return p?.goLiveAt ?? null;
    },

    async saveSubmission(s: NewSubmission) {
      const { workspaceId, outcome: o } = s;
      if (o.clientKey) {
        const [dup] = await db
          .select({ id: outcomes.id })
          .from(outcomes)
          .where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.clientKey, o.clientKey)));
        if (dup) return { result: 'duplicate' as const, outcomeId: dup.id };
      }
      const { platform } = s;
      const now = o.submittedAt;
      const statements = [
        db.insert(outcomes).values({ ...o, workspaceId, createdAt: now, updatedAt: now }),
        db.insert(auditLog).values({ ...s.audit, workspaceId }),
        ...insertNotifications(db, workspaceId, platform, s.notifications, now),
        ...insertMetrics(db, workspaceId, o.id, s.metrics, now),
        ...insertEvidence(db, workspaceId, o.id, s.evidence, s.addedBy, now),
      ] as const;
      try {
        await db.batch(statements);
      } catch (err) {
        // Two concurrent submits of the same request: the unique client key lets one through.
        if (o.clientKey && isUniqueViolation(err, 'outcomes')) {
          const again = await db
            .select({ id: outcomes.id })
            .from(outcomes)
            .where(and(eq(outcomes.workspaceId, workspaceId), eq(outcomes.clientKey, o.clientKey)));
          if (again[0]) return { result: 'duplicate' as const, outcomeId: again[0].id };
        }
        throw err;
      }
      return { result: 'stored' as const, outcomeId: o.id };
    },

    async recordDecision(d: NewDecision) {
      const { platform } = d;
      const ws = d.workspaceId;
      const statements = [
        // First: the unique (outcome, round, stage) index makes a second decision fail the whole batch.
        insertRow(db, reviews, {
          workspaceId: ws,
          outcomeId: d.outcomeId,
          round: d.round,
          stage: d.stage,
          reviewerId: d.reviewerId,
          decision: d.decision,
          comment: d.comment,
          impact: d.scores?.impact ?? null,
          difficulty: d.scores?.difficulty ?? null,
          innovation: d.scores?.innovation ?? null,
          decidedAt: d.decidedAt,
        }),
        (d.toStatus === 'verified' ? verifiedStatus : decidedStatus)(db, { ws, id: d.outcomeId, from: d.fromStatus, to: d.toStatus, at: d.decidedAt }),
        insertRow(db, auditLog, { ...d.audit, workspaceId: ws }),
        ...insertNotifications(db, ws, platform, d.notifications, d.decidedAt),
        ...(d.toStatus === 'verified' ? await okrProgressRows(db, ws, d.outcomeId, { type: 'verified' }, d.decidedAt) : []),
        ...d.schedules.map((s) =>
          db
            .insert(reviewSchedules)
            .values({ workspaceId: ws, outcomeId: d.outcomeId, kind: s.kind, dueAt: s.dueAt, createdAt: d.decidedAt })
            .onConflictDoNothing(),
        ),
      ] as const;
      return (await batchOnce(db, statements, 'reviews')) ? 'decided' : 'already_decided';
    },

    async saveResubmission(r: NewResubmission) {
      const { platform } = r;
      const ws = r.workspaceId;
      const statements = [
        // A key per (outcome, round): a second resubmission of the same round fails the whole batch.
        db.insert(actionGuards).values({ workspaceId: ws, action: 'resubmit', key: `${r.outcomeId}:${r.round}`, at: r.at }),
        db
          .update(outcomes)
          .set({ ...r.fields, status: 'submitted', round: r.round + 1, submittedAt: r.at, updatedAt: r.at })
          .where(and(eq(outcomes.workspaceId, ws), eq(outcomes.id, r.outcomeId), eq(outcomes.status, 'changes_requested'), eq(outcomes.round, r.round))),
        db.delete(metrics).where(eq(metrics.outcomeId, r.outcomeId)),
        db.delete(evidence).where(and(eq(evidence.outcomeId, r.outcomeId), eq(evidence.kind, 'link'))),
        ...insertMetrics(db, ws, r.outcomeId, r.metrics, r.at),
        ...insertEvidence(db, ws, r.outcomeId, r.evidence, r.addedBy, r.at),
        db.insert(auditLog).values({ ...r.audit, workspaceId: ws }),
        ...insertNotifications(db, ws, platform, r.notifications, r.at),
      ] as const;
      return (await batchOnce(db, statements, 'action_guards')) ? 'stored' : 'stale';
    },

    ...createSettingsStore(db),
  };
}

function insertMetrics(db: Db, workspaceId: string, outcomeId: string, list: MetricInput[], at: Date) {
  if (!list.length) return [];
  return [
    db.insert(metrics).values(
      list.map((m, position) => ({
        workspaceId,
        outcomeId,
        position,
        name: m.name.trim(),
        unit: m.unit.trim(),
        direction: m.direction,
        baseline: m.baseline!,
        target: m.target!,
        actual: m.actual ?? null,
        templateKey: m.templateKey ?? null,
        createdAt: at,
      })),
    ),
  ];
}

function insertEvidence(db: Db, workspaceId: string, outcomeId: string, list: EvidenceInput[], addedBy: string, at: Date) {
  const rows = list.map((e) => ({
    workspaceId,
    outcomeId,
    kind: e.kind,
    url: e.kind === 'link' ? e.ref : (e.url ?? null),
    platformFileId: e.kind === 'link' ? null : e.ref,
    title: e.title ?? null,
    addedBy,
    createdAt: at,
  }));
  // Up to 3 links and 10 files: more rows than one D1 statement may bind.
  return inChunks(evidence, rows).map((chunk) => db.insert(evidence).values(chunk));
}

/** An outcome row as the domain sees it. */
export function toRecord(row: typeof outcomes.$inferSelect): OutcomeRecord {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    projectId: row.projectId,
    title: row.title,
    status: row.status,
    submitterId: row.submitterId,
    ownerId: row.ownerId,
    reviewerId: row.reviewerId,
    round: row.round,
    dueAt: row.dueAt,
  };
}
