import type { PersonView } from '../../../cards/view.ts';
import { stageWaitingSince } from '../../db/queries/approvals-waiting.ts';
import { personById } from '../../db/queries/people.ts';
import { workdayZoneOf, workingDaysWaited } from '../../domain/approval-rules.ts';
import { stageOf } from '../../domain/outcome-lifecycle.ts';
import { stageRefOf, type StageRef } from './approval-request.ts';
import { defineKind, read } from './types.ts';
import type { ApprovalNoticeView } from './views.ts';

type Variant = ApprovalNoticeView['variant'];
const VARIANTS = new Set<Variant>(['reminder', 'escalation', 'nudge', 'delegated']);

interface NoticeRef extends StageRef {
  variant: Variant;
  by: string | null;
  from: string | null;
  reason: string | null;
}

function parse(payload: Record<string, unknown>): NoticeRef | null {
  const ref = stageRefOf(payload);
  const variant = payload.variant as Variant;
  if (!ref || !VARIANTS.has(variant)) return null;
  return { ...ref, variant, by: read.str(payload.by), from: read.str(payload.from), reason: read.str(payload.reason) };
}

/**
 * approval_notice: a pending approval chased (催办) — the reviewer reminded by the scheduler or
 * nudged by the submitter, the reviewer's manager (or the PMO) told it waits too long — or
 * the new reviewer told it was handed to them (转交), which also updates the cards already
 * sent so the old reviewer's says to whom it went. Skipped once the stage was decided or the
 * round moved on, and a reviewer's own notice once the review is no longer theirs.
 */
export const approvalNotice = defineKind<NoticeRef>({
  kind: 'approval_notice',
  parse: (row) => parse(row.payload),
  audience: 'person',
  async load(ctx, p, to) {
    const ws = to.workspace.id;
    const person = async (id: string | null): Promise<PersonView | null> => {
      const row = id ? await personById(ctx.db, ws, id) : null;
      return row ? { address: row.platformUserId, name: row.name } : null;
    };
    const [outcome, since, by, from] = await Promise.all([ctx.outcome(ws, p.outcomeId, to.timeZone), stageWaitingSince(ctx.db, ws, p.outcomeId), person(p.by), person(p.from)]);
    if (!outcome) return null;
    const pending = outcome.round === p.round && stageOf(outcome.status) === p.stage;
    // Reminders, nudges and hand-over notices are for the reviewer: not once it went to someone else.
    const theirs = p.variant === 'escalation' || p.stage === 'pmo' || !to.person || outcome.reviewer?.address === to.address;
    return {
      type: 'approval_notice',
      variant: p.variant,
      title: outcome.title,
      stage: p.stage,
      submitter: outcome.submitter,
      reviewer: p.stage === 'manager' ? outcome.reviewer : null,
      by,
      from,
      reason: p.reason,
      // Counted on the workspace's calendar, as the job decides: the same number for every reader.
      days: since ? workingDaysWaited(since, ctx.clock.now(), workdayZoneOf(to.workspace.settings)) : 0,
      open: pending && theirs,
      url: outcome.url,
    };
  },
  skipWhen: (v) => (v.type === 'approval_notice' && !v.open ? 'the approval was decided, moved on or handed to someone else' : null),
  // Only the previous reviewer's cards: the new reviewer's card is queued behind this notice.
  refreshes: (p) => (p.variant === 'delegated' && p.from ? [{ kind: 'approval_request', keyPattern: `approval_request:${p.outcomeId}:${p.round}:${p.stage}:${p.from}%` }] : []),
  posts: true,
});
