import type { OutcomeView, ReviewView } from '../../../cards/view.ts';
import { stageWaitingSince } from '../../db/queries/approvals-waiting.ts';
import { workdayZoneOf, workingDaysWaited } from '../../domain/approval-rules.ts';
import type { WorkspaceSettingsShape } from '../../domain/settings.ts';

type ZoneSettings = Pick<WorkspaceSettingsShape, 'timeZone' | 'calendar' | 'extraOffDays' | 'extraWorkDays'>;
import { stageOf } from '../../domain/outcome-lifecycle.ts';
import { decisionIn } from '../../views/outcome-view.ts';
import type { Recipient } from '../recipient.ts';
import { defineKind, read, type KindContext } from './types.ts';
import type { ApprovalView } from './views.ts';

/** The stage of one round of one outcome that an approval card is about. */
export interface StageRef {
  outcomeId: string;
  round: number;
  stage: 'manager' | 'pmo';
}

/** Reads `{outcomeId, round, stage}` from a payload. */
export function stageRefOf(payload: Record<string, unknown>): StageRef | null {
  const outcomeId = read.str(payload.outcomeId);
  const round = read.round(payload.round);
  const stage = read.stage(payload.stage);
  return outcomeId && round && stage ? { outcomeId, round, stage } : null;
}

/**
 * The approval card as it stands now for one reader: open with controls, or showing the
 * decision. Needs only the reader's workspace and zone (Feishu's card callback loads it too).
 */
export async function loadApproval(
  ctx: Pick<KindContext, 'db' | 'outcome' | 'clock'>,
  a: StageRef,
  to: Pick<Recipient, 'timeZone'> & Partial<Pick<Recipient, 'address'>> & { workspace: { id: string; settings: ZoneSettings } },
): Promise<ApprovalView | null> {
  // The stage's decision is among the outcome's decisions: one read, not two.
  const [outcome, since] = await Promise.all([ctx.outcome(to.workspace.id, a.outcomeId, to.timeZone), stageWaitingSince(ctx.db, to.workspace.id, a.outcomeId)]);
  if (!outcome) return null;
  const view = approvalViewOf(outcome, decisionIn(outcome, a.round, a.stage), a);
  return view.open ? withWaitAndHandOver(view, since, ctx.clock.now(), to) : view;
}

/**
 * The open card's wait ("waiting N working days"), and for a manager-stage reader who is no
 * longer the reviewer (handed over, 转交) the card without controls saying to whom it went.
 */
function withWaitAndHandOver(view: ApprovalView, since: Date | null, now: Date, to: { address?: string; workspace: { settings: ZoneSettings } }): ApprovalView {
  // Counted on the workspace's calendar, as the reminders are: every reader sees the same number.
  const waitedDays = since ? workingDaysWaited(since, now, workdayZoneOf(to.workspace.settings)) : null;
  const reviewer = view.outcome.reviewer;
  const handedOver = view.stage === 'manager' && reviewer && to.address && to.address !== reviewer.address;
  return handedOver ? { ...view, open: false, handedOverTo: reviewer, waitedDays } : { ...view, waitedDays };
}

/** The approval card of an outcome and its stage's decision, both already loaded: open while undecided in its round and stage. */
export function approvalViewOf(outcome: OutcomeView, decision: ReviewView | null, a: StageRef): ApprovalView {
  const open = !decision && outcome.round === a.round && stageOf(outcome.status) === a.stage;
  return { type: 'approval', outcome, stage: a.stage, round: a.round, open, decision };
}

/**
 * approval_request: a reviewer (the manager, each PMO reviewer or the PMO channel) is asked
 * to decide. Skipped when the stage no longer awaits a decision by the time it goes out
 * (decided by someone else, or the outcome moved to another round): the reviewer would get a
 * card with nothing to do. Cards already sent are updated by card_decided instead.
 */
export const approvalRequest = defineKind<StageRef>({
  kind: 'approval_request',
  parse: (row) => stageRefOf(row.payload),
  audience: 'person',
  load: loadApproval,
  skipWhen: (v) => (v.type === 'approval' && !v.open ? (v.handedOverTo ? 'the review was handed over before the request went out' : 'the stage was decided (or the round moved on) before the request went out') : null),
  posts: true,
});
