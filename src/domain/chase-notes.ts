import { needsFreshCard } from './approval-rules.ts';
import type { ApprovalStore } from './approval-store.ts';
import type { Notification, Recipient, WorkspaceContext } from './ports.ts';

/**
 * The messages of one chase (a reminder or a nudge) of a pending stage: the notice to each
 * reviewer, and on Feishu a fresh interactive approval card for a reviewer whose card is
 * older than 13 days (its buttons no longer work). The fresh card is an approval_request
 * like the first, so a decision updates it too.
 */
export async function chaseNotes(
  store: Pick<ApprovalStore, 'lastCardSentAt'>,
  workspace: Pick<WorkspaceContext, 'id' | 'platform'>,
  ref: { outcomeId: string; round: number; stage: 'manager' | 'pmo' },
  to: Recipient[],
  notice: { data: Record<string, unknown>; dedupeKey: (t: Recipient) => string },
  now: Date,
): Promise<Notification[]> {
  const notes: Notification[] = [];
  for (const t of to) {
    notes.push({ kind: 'approval_notice', to: t, data: { ...ref, ...notice.data }, dedupeKey: notice.dedupeKey(t) });
    const sentAt = workspace.platform === 'feishu' ? await store.lastCardSentAt(workspace.id, ref.outcomeId, ref.round, ref.stage, t.address) : null;
    if (needsFreshCard(workspace.platform, sentAt, now))
      notes.push({ kind: 'approval_request', to: t, data: ref, dedupeKey: `approval_request:${ref.outcomeId}:${ref.round}:${ref.stage}:${t.personId ?? t.address}:fresh${now.getTime()}` });
  }
  return notes;
}
