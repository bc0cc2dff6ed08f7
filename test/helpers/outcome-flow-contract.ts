import { beforeEach, describe, expect, it } from 'vitest';
import { decideOutcome } from '../../src/domain/decide-outcome.ts';
import { DomainError } from '../../src/domain/errors.ts';
import type { PersonRef, VerbContext, WorkspaceContext } from '../../src/domain/ports.ts';
import { calendarOf } from '../../src/domain/working-calendar.ts';
import { defaultSettings } from '../../src/domain/settings.ts';
import { reviewDueAt } from '../../src/domain/schedule.ts';
import { resubmitOutcome } from '../../src/domain/resubmit-outcome.ts';
import { submitOutcome } from '../../src/domain/submit-outcome.ts';
import { updateSettings } from '../../src/domain/update-settings.ts';
import type { OutcomeDraft } from '../../src/domain/types.ts';

/** What a store under test must offer the contract. */
export interface FlowFixture {
  ctx: VerbContext;
  workspace: WorkspaceContext;
  member: PersonRef;
  manager: PersonRef;
  pmo: PersonRef;
  stranger: PersonRef;
  projectId: string;
  goLive: Date;
  counts(): Promise<{ outcomes: number; reviews: number; notifications: number; audit: number; schedules: number }>;
  notifications(): Promise<{ kind: string; address: string }[]>;
  schedules(): Promise<{ kind: string; dueAt: Date }[]>;
}

export const validDraft = (f: Pick<FlowFixture, 'projectId' | 'member'>, over: Partial<OutcomeDraft> = {}): OutcomeDraft => ({
  title: 'Shorter clinic waiting time',
  description: 'Cut the average outpatient waiting time by reworking triage and booking slots.',
  indicatorClass: 'impact',
  projectId: f.projectId,
  ownerId: f.member.id,
  dueDate: new Date('2026-12-01T00:00:00Z'),
  metrics: [{ name: 'Waiting time', unit: 'min', direction: 'decrease', baseline: 45, target: 28 }],
  evidence: [{ kind: 'link', ref: 'https://example.com/report', title: 'Triage report' }],
  ...over,
});

const code = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return 'ok';
};

const scores = { impact: 4, difficulty: 3, innovation: 5 };

/**
 * The outcome lifecycle as both stores must implement it: the in-memory twin (unit)
 * and drizzle on a real database (integration) run the same cases.
 */
export function outcomeFlowContract(name: string, make: () => Promise<FlowFixture>) {
  describe(`outcome flow on ${name}`, () => {
    let f: FlowFixture;
    beforeEach(async () => {
      f = await make();
    });
    const submit = (over: Partial<OutcomeDraft> = {}, clientKey: string | null = null) =>
      submitOutcome({ ctx: f.ctx, input: { workspace: f.workspace, submitter: f.member, reviewer: f.manager, draft: validDraft(f, over), clientKey } });
    const decide = (outcomeId: string, actor: PersonRef, decision: 'approve' | 'request_changes' | 'reject', extra: { comment?: string; scores?: typeof scores | null; round?: number } = {}) =>
      decideOutcome({ ctx: f.ctx, input: { workspace: f.workspace, outcomeId, actor, decision, scores: decision === 'approve' ? scores : null, ...extra } });

    it('stores a valid submission with its approval request, receipt and audit entry', async () => {
      const { outcomeId, duplicate } = await submit();
      expect(duplicate).toBe(false);
      expect(await f.ctx.outcomes.get(f.workspace.id, outcomeId)).toMatchObject({ status: 'submitted', reviewerId: f.manager.id, round: 1 });
      expect(await f.notifications()).toEqual(
        expect.arrayContaining([
          { kind: 'approval_request', address: f.manager.address },
          { kind: 'submission_receipt', address: f.member.address },
        ]),
      );
      expect(await f.counts()).toMatchObject({ outcomes: 1, notifications: 2, audit: 1 });
    });

    it('refuses an invalid draft with every field problem and stores nothing', async () => {
      const err = await submit({ title: ' ', metrics: [], dueDate: null }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).fields.map((x) => x.field)).toEqual(expect.arrayContaining(['title', 'metrics', 'dueDate']));
      expect(await f.counts()).toMatchObject({ outcomes: 0, notifications: 0, audit: 0 });
    });

    it('needs a reviewer other than the submitter', async () => {
      const err = (await submitOutcome({ ctx: f.ctx, input: { workspace: f.workspace, submitter: f.member, reviewer: f.member, draft: validDraft(f) } }).catch((e: unknown) => e)) as DomainError;
      expect(err.fields).toEqual([{ field: 'reviewerId', key: 'smart.reviewer_is_self' }]);
      expect(await f.counts()).toMatchObject({ outcomes: 0 });
    });

    it('stores a retried submission once', async () => {
      const first = await submit({}, 'view-1');
      const again = await submit({}, 'view-1');
      expect(again).toEqual({ outcomeId: first.outcomeId, duplicate: true });
      expect(await f.counts()).toMatchObject({ outcomes: 1, notifications: 2 });
    });

    it('lets only the assigned manager decide, and changes nothing otherwise', async () => {
      const { outcomeId } = await submit();
      const before = await f.counts();
      expect(await code(decide(outcomeId, f.stranger, 'approve'))).toBe('not_assigned_reviewer');
      expect(await code(decide(outcomeId, f.member, 'approve'))).toBe('self_review');
      expect(await code(decide(outcomeId, f.manager, 'reject'))).toBe('comment_required');
      expect(await code(decide(outcomeId, f.manager, 'approve', { scores: null }))).toBe('validation_failed');
      expect(await code(decide(outcomeId, f.manager, 'approve', { scores: { impact: 6, difficulty: 3, innovation: 1 } }))).toBe('validation_failed');
      expect(await f.counts()).toEqual(before);
      expect((await f.ctx.outcomes.get(f.workspace.id, outcomeId))?.status).toBe('submitted');
    });

    it('goes manager → PMO → verified, notifying each next step and scheduling the 90-day review', async () => {
      const { outcomeId } = await submit();
      expect(await decide(outcomeId, f.manager, 'approve')).toEqual({ status: 'manager_approved', stage: 'manager' });
      const afterManager = await f.notifications();
      expect(afterManager).toEqual(expect.arrayContaining([{ kind: 'approval_request', address: f.pmo.address }, { kind: 'decision_notice', address: f.member.address }]));
      expect(await code(decide(outcomeId, f.manager, 'approve'))).toBe('not_assigned_reviewer');

      expect(await decide(outcomeId, f.pmo, 'approve')).toEqual({ status: 'verified', stage: 'pmo' });
      expect((await f.ctx.outcomes.get(f.workspace.id, outcomeId))?.status).toBe('verified');
      expect(await f.schedules()).toEqual([{ kind: 'first', dueAt: reviewDueAt({ goLive: f.goLive, offsetDays: 90, timeZone: 'Asia/Shanghai', calendar: calendarOf(defaultSettings('Asia/Shanghai', 'en')) }) }]);
      expect(await f.counts()).toMatchObject({ reviews: 2, audit: 3 });
      expect(await code(decide(outcomeId, f.pmo, 'approve'))).toBe('illegal_transition');
    });

    it('decides a double-clicked Approve once', async () => {
      const { outcomeId } = await submit();
      const results = await Promise.all([code(decide(outcomeId, f.manager, 'approve')), code(decide(outcomeId, f.manager, 'approve'))]);
      expect(results.sort()).toEqual(['already_decided', 'ok']);
      const counts = await f.counts();
      expect(counts.reviews).toBe(1);
      expect((await f.notifications()).filter((n) => n.kind === 'approval_request' && n.address === f.pmo.address)).toHaveLength(1);
    });

    it('sends a request for changes back to the member with the comment, and a stale card cannot decide', async () => {
      const { outcomeId } = await submit();
      expect(await decide(outcomeId, f.manager, 'request_changes', { comment: 'Add the survey data' })).toEqual({ status: 'changes_requested', stage: 'manager' });
      expect(await code(decide(outcomeId, f.manager, 'approve', { round: 0 }))).toBe('already_decided');
      expect(await code(decide(outcomeId, f.manager, 'approve'))).toBe('illegal_transition');
    });

    it('restarts the review at the manager when the member resubmits after changes were requested', async () => {
      const { outcomeId } = await submit();
      await decide(outcomeId, f.manager, 'request_changes', { comment: 'Add the survey data' });
      const resubmit = (actor: PersonRef) =>
        resubmitOutcome({ ctx: f.ctx, input: { workspace: f.workspace, outcomeId, actor, reviewer: f.manager, draft: validDraft(f, { title: 'Shorter waiting time, with survey data' }) } });
      expect(await code(resubmit(f.stranger))).toBe('forbidden');
      expect(await resubmit(f.member)).toEqual({ outcomeId, round: 2 });
      expect(await f.ctx.outcomes.get(f.workspace.id, outcomeId)).toMatchObject({ status: 'submitted', round: 2, reviewerId: f.manager.id, title: 'Shorter waiting time, with survey data' });
      expect((await f.notifications()).filter((n) => n.kind === 'approval_request' && n.address === f.manager.address)).toHaveLength(2);
      expect(await code(resubmit(f.member))).toBe('illegal_transition');
      // The round-1 card is stale; the round-2 decision works.
      expect(await code(decide(outcomeId, f.manager, 'approve', { round: 1 }))).toBe('already_decided');
      expect(await decide(outcomeId, f.manager, 'approve', { round: 2 })).toEqual({ status: 'manager_approved', stage: 'manager' });
    });

    it('lets only admins change settings, and validates each value', async () => {
      const admin = { id: f.stranger.id, address: f.stranger.address, isPlatformAdmin: false };
      const change = (actor: typeof admin, patch: Parameters<typeof updateSettings>[0]['input']['patch']) =>
        updateSettings({ ctx: f.ctx, input: { workspace: f.workspace, installedBy: f.manager.address, actor, patch } });
      const before = await f.counts();
      expect(await code(change(admin, { reviewOffsetDays: 60 }))).toBe('forbidden');
      expect(await code(change({ ...admin, address: f.manager.address }, { reviewOffsetDays: 0, timeZone: 'Nowhere/Zone' }))).toBe('validation_failed');
      expect(await f.counts()).toEqual(before);
      expect(await change({ ...admin, isPlatformAdmin: true }, { reviewOffsetDays: 60, shortfallThreshold: 0.2 })).toMatchObject({ reviewOffsetDays: 60, shortfallThreshold: 0.2 });
      expect((await f.counts()).audit).toBe(before.audit + 1);
    });

    it('ends at reject, a terminal state', async () => {
      const { outcomeId } = await submit();
      await decide(outcomeId, f.manager, 'reject', { comment: 'Duplicate of another outcome' });
      expect((await f.ctx.outcomes.get(f.workspace.id, outcomeId))?.status).toBe('rejected');
      expect(await code(decide(outcomeId, f.manager, 'approve'))).toBe('illegal_transition');
    });

    it('does not let a manager approve while no PMO reviewer is configured, even with a PMO channel', async () => {
      const { outcomeId } = await submit();
      f.workspace.settings.pmoReviewers = [];
      expect(await code(decide(outcomeId, f.manager, 'approve'))).toBe('forbidden');
      f.workspace.settings.pmoChannel = 'CPMO';
      expect(await code(decide(outcomeId, f.manager, 'approve'))).toBe('forbidden');
      expect((await f.ctx.outcomes.get(f.workspace.id, outcomeId))?.status).toBe('submitted');
    });
  });
}
