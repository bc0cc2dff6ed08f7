import type { webApi } from '@slack/bolt';
import type { DepsCore } from '../deps.ts';
import type { WorkspaceRow } from '../db/repos/workspace-repo.ts';
import type { OutboxRow, Sender, SendResult } from '../delivery/types.ts';
import { approvalCardsOf } from './data/sent-cards.ts';
import { workspaceById } from './data/workspaces.ts';
import { botTokenOf } from './installation.ts';
import { asBlocks } from './reply.ts';
import { FOLLOWUP_KINDS, renderFollowupRow } from './send/render-followup.ts';
import { renderApproval, renderRow } from './send/render-row.ts';
import { updateReviewCards } from './send/review-messages.ts';
import { slackFailure } from './send/slack-failure.ts';
import { updateSentCards } from './send/update-cards.ts';
import { createWebClient } from './web-client.ts';

const OUTCOME_KINDS = new Set(['approval_request', 'card_decided', 'decision_notice', 'submission_receipt']);

/**
 * `card_decided`: every approval card of that outcome, round and stage is updated in place
 * (chat.update) to show the decision without controls.
 */
async function updateApprovalCards(deps: DepsCore, client: webApi.WebClient, ws: WorkspaceRow, row: OutboxRow): Promise<SendResult> {
  const { outcomeId, round, stage } = row.payload as { outcomeId: string; round: number; stage: 'manager' | 'pmo' };
  const cards = await approvalCardsOf(deps.db, ws.id, outcomeId, round, stage);
  return updateSentCards(deps, client, cards, (card) => renderApproval(deps, ws, outcomeId, round, stage, card.personId));
}

/**
 * The outbox sender for Slack: approval requests, receipts, decision notices and the
 * follow-up messages (survey cards and results, review cards, reminders, escalations,
 * alerts, the digest) with chat.postMessage (result {channel, ts} for later updates);
 * decided approval cards and recorded review cards with chat.update.
 * It never sleeps or retries itself; the drainer does, from what this reports.
 */
export function createSlackSender(deps: DepsCore): Sender | undefined {
  const slack = deps.config.slack;
  if (!slack) return undefined;
  const clients = new Map<string, webApi.WebClient>();
  const clientFor = (token: string) => {
    let client = clients.get(token);
    if (!client) clients.set(token, (client = createWebClient(token, slack, deps.log)));
    return client;
  };
  return {
    async send(row) {
      if (!OUTCOME_KINDS.has(row.kind) && !FOLLOWUP_KINDS.has(row.kind)) return { ok: false, error: `the Slack sender does not know "${row.kind}"`, permanent: true };
      const ws = await workspaceById(deps.db, row.workspaceId);
      if (!ws) return { ok: false, error: 'workspace not found', permanent: true };
      const token = await botTokenOf(deps, ws);
      if (!token) return { ok: false, error: 'no Slack bot token for this workspace; reinstall the app', permanent: true };
      const client = clientFor(token);
      try {
        if (row.kind === 'card_decided') return await updateApprovalCards(deps, client, ws, row);
        if (row.kind === 'review_recorded') {
          // The owner's due card shows what was recorded before the receipt goes out.
          const updated = await updateReviewCards(deps, client, ws, String(row.payload.scheduleId ?? ''));
          if (!updated.ok) return updated;
        }
        const message = OUTCOME_KINDS.has(row.kind) ? await renderRow(deps, ws, row) : await renderFollowupRow(deps, client, ws, row);
        if (!message) return { ok: false, error: 'what this message is about no longer exists', permanent: true };
        const res = await client.chat.postMessage({ channel: row.destination, text: message.text, blocks: asBlocks(message.blocks), unfurl_links: false });
        return { ok: true, result: { channel: res.channel ?? row.destination, ts: res.ts ?? null } };
      } catch (err) {
        return slackFailure(err);
      }
    },
  };
}
