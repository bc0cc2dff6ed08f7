import { and, eq, like } from 'drizzle-orm';
import { approvalCard } from '../../../cards/feishu/approval-card.ts';
import { noticeCard } from '../../../cards/feishu/notice-cards.ts';
import type { DepsCore } from '../../deps.ts';
import { outbox, reviewSchedules } from '../../db/schema/index.ts';
import type { OutboxRow, SendResult } from '../../delivery/types.ts';
import { dateText } from '../../views/dates.ts';
import { loadStageDecision } from '../../views/outcome-view.ts';
import { feishuOutcomeView } from '../outcome-data.ts';
import { renderFitted } from '../render.ts';
import { gone, malformed, patchCard, postCard, tooLarge } from './api.ts';
import { recipientOf, type Recipient } from './recipient.ts';

/** The outcome/round/stage a notification row is about. */
function about(row: OutboxRow): { outcomeId: string; round: number; stage: 'manager' | 'pmo' } | null {
  const { outcomeId, round, stage } = row.payload;
  if (typeof outcomeId !== 'string' || typeof round !== 'number' || (stage !== 'manager' && stage !== 'pmo')) return null;
  return { outcomeId, round, stage };
}

/** The approval card for one recipient, as it stands now (decided already → the decided card). */
async function approvalFor(deps: DepsCore, r: Recipient, a: NonNullable<ReturnType<typeof about>>) {
  const [outcome, decision] = await Promise.all([
    feishuOutcomeView(deps, r.workspace.id, a.outcomeId, r.timeZone),
    loadStageDecision(deps.db, r.workspace.id, a.outcomeId, a.round, a.stage, r.timeZone),
  ]);
  if (!outcome) return undefined;
  return renderFitted((c, trim) => approvalCard({ outcome, stage: a.stage, round: a.round, decision }, c, trim), r.locale, deps.config.publicUrl);
}

/** approval_request: the reviewer's card, with `uuid` = the row id so a retry never posts twice. */
export async function sendApproval(deps: DepsCore, row: OutboxRow): Promise<SendResult> {
  const a = about(row);
  const r = await recipientOf(deps, row);
  if (!a || !r) return malformed(row);
  const card = await approvalFor(deps, r, a);
  if (card === undefined) return gone('outcome');
  if (!card) return tooLarge('approval');
  return postCard(deps, row.destination, card, row.id);
}

/** card_decided: every sent approval card of that outcome/round/stage is replaced in place. */
export async function updateDecided(deps: DepsCore, row: OutboxRow): Promise<SendResult> {
  const a = about(row);
  if (!a) return malformed(row);
  const prefix = `approval_request:${a.outcomeId}:${a.round}:${a.stage}:`;
  const sent = await deps.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.workspaceId, row.workspaceId), eq(outbox.platform, 'feishu'), eq(outbox.kind, 'approval_request'), eq(outbox.status, 'sent'), like(outbox.dedupeKey, `${prefix}%`)));
  let patched = 0;
  for (const s of sent.filter((x) => x.dedupeKey?.startsWith(prefix))) {
    const messageId = s.result?.message_id;
    const r = await recipientOf(deps, { ...row, payload: s.payload });
    if (typeof messageId !== 'string' || !r) continue;
    const card = await approvalFor(deps, r, a);
    if (!card) continue;
    // PATCH is idempotent, so a retried row may safely repeat the ones already done.
    const result = await patchCard(deps, messageId, card);
    if (!result.ok) return result;
    patched++;
  }
  return { ok: true, result: { patched } };
}

/** decision_notice: the member learns what was decided (with Edit when changes were asked). */
export async function sendNotice(deps: DepsCore, row: OutboxRow): Promise<SendResult> {
  const a = about(row);
  const r = await recipientOf(deps, row);
  if (!a || !r) return malformed(row);
  const [outcome, decision] = await Promise.all([
    feishuOutcomeView(deps, r.workspace.id, a.outcomeId, r.timeZone),
    loadStageDecision(deps.db, r.workspace.id, a.outcomeId, a.round, a.stage, r.timeZone),
  ]);
  if (!outcome || !decision) return gone('outcome or decision');
  const [schedule] = await deps.db
    .select({ dueAt: reviewSchedules.dueAt })
    .from(reviewSchedules)
    .where(and(eq(reviewSchedules.outcomeId, a.outcomeId), eq(reviewSchedules.kind, 'first')));
  const dueText = schedule ? dateText(schedule.dueAt, r.timeZone) : null;
  const card = renderFitted((c) => noticeCard({ outcome, decision, round: a.round, dueText }, c), r.locale, deps.config.publicUrl);
  if (!card) return tooLarge('notice');
  return postCard(deps, row.destination, card, row.id);
}
