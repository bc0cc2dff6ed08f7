import { renderApprovalCard } from '../../../cards/slack/approval-card.ts';
import type { SlackMessage } from '../../../cards/slack/blocks.ts';
import { renderDecisionNotice, renderReceipt } from '../../../cards/slack/notices.ts';
import type { DepsCore } from '../../deps.ts';
import type { WorkspaceRow } from '../../db/repos/workspace-repo.ts';
import type { OutboxRow } from '../../delivery/types.ts';
import { stageOf } from '../../domain/outcome-lifecycle.ts';
import { loadOutcomeView, loadStageDecision } from '../../views/outcome-view.ts';
import { personById } from '../data/people.ts';
import { readerOf } from './reader.ts';
import { firstReviewDue } from '../data/reviews.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const stageIn = (v: unknown) => (v === 'pmo' ? 'pmo' : 'manager');

/**
 * Renders an approval card for one reader from the outcome as it is now, so a card
 * delivered late (or updated after a decision) shows the current state.
 */
export async function renderApproval(deps: DepsCore, ws: WorkspaceRow, outcomeId: string, round: number, stage: 'manager' | 'pmo', personId: string | null): Promise<SlackMessage | null> {
  const r = await readerOf(deps, ws, { personId, address: null });
  const view = await loadOutcomeView(deps.db, ws.id, outcomeId, { timeZone: r.timeZone, publicUrl: deps.config.publicUrl });
  if (!view) return null;
  const decision = await loadStageDecision(deps.db, ws.id, outcomeId, round, stage, r.timeZone);
  const open = !decision && view.round === round && stageOf(view.status) === stage;
  return renderApprovalCard(r.cards, { view, stage, round, open, decision });
}

/** The message an outbox row posts (approval request, receipt, decision notice); null when its outcome is gone. */
export async function renderRow(deps: DepsCore, ws: WorkspaceRow, row: OutboxRow): Promise<SlackMessage | null> {
  const p = row.payload;
  const outcomeId = str(p.outcomeId) ?? '';
  const round = Number(p.round) || 1;
  const personId = str(p.personId);
  if (row.kind === 'approval_request') return renderApproval(deps, ws, outcomeId, round, stageIn(p.stage), personId);
  const r = await readerOf(deps, ws, { personId, address: null });
  const view = await loadOutcomeView(deps.db, ws.id, outcomeId, { timeZone: r.timeZone, publicUrl: deps.config.publicUrl });
  if (!view) return null;
  if (row.kind === 'submission_receipt') return renderReceipt(r.cards, view);
  const by = await personById(deps.db, ws.id, str(p.by) ?? '');
  const decision = p.decision === 'reject' || p.decision === 'request_changes' ? p.decision : 'approve';
  const stage = stageIn(p.stage);
  return renderDecisionNotice(r.cards, {
    view,
    stage,
    round,
    decision,
    comment: str(p.comment),
    by: { address: by?.platformUserId ?? '', name: by?.name || by?.platformUserId || '—' },
    reviewDueText: decision === 'approve' && stage === 'pmo' ? await firstReviewDue(deps.db, outcomeId, r.timeZone) : null,
  });
}
