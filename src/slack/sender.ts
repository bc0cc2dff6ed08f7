import type { webApi } from '@slack/bolt';
import type { DepsCore } from '../deps.ts';
import type { WorkspaceRow } from '../db/repos/workspace-repo.ts';
import type { OutboxRow, Sender, SendResult } from '../delivery/types.ts';
import { approvalCardsOf } from './data/sent-cards.ts';
import { workspaceById } from './data/workspaces.ts';
import { botTokenOf } from './installation.ts';
import { asBlocks } from './reply.ts';
import { renderApproval, renderRow } from './send/render-row.ts';
import { slackFailure } from './send/slack-failure.ts';
import { createWebClient } from './web-client.ts';

const KINDS = new Set(['approval_request', 'card_decided', 'decision_notice', 'submission_receipt']);

/** How long to wait when the card to update is itself still being posted. */
const CARD_IN_FLIGHT_RETRY_MS = 5_000;

/**
 * `card_decided`: every approval card of that outcome, round and stage is updated in place
 * (chat.update) to show the decision without controls. A card not yet posted needs nothing:
 * it renders the current state when it goes out.
 */
async function updateCards(deps: DepsCore, client: webApi.WebClient, ws: WorkspaceRow, row: OutboxRow): Promise<SendResult> {
  const { outcomeId, round, stage } = row.payload as { outcomeId: string; round: number; stage: 'manager' | 'pmo' };
  const cards = await approvalCardsOf(deps.db, ws.id, outcomeId, round, stage);
  if (cards.some((c) => c.status === 'sending')) return { ok: false, error: 'an approval card is still being posted', retryAfterMs: CARD_IN_FLIGHT_RETRY_MS };
  let updated = 0;
  for (const card of cards) {
    if (card.status !== 'sent' || !card.channel || !card.ts) continue;
    const message = await renderApproval(deps, ws, outcomeId, round, stage, card.personId);
    if (!message) return { ok: false, error: 'outcome not found', permanent: true };
    try {
      await client.chat.update({ channel: card.channel, ts: card.ts, text: message.text, blocks: asBlocks(message.blocks) });
      updated++;
    } catch (err) {
      const failure = slackFailure(err);
      // Updating is idempotent: a transient failure retries the whole row; a gone message is skipped.
      if (!failure.permanent) return failure;
      deps.log('warn', 'approval card could not be updated', { channel: card.channel, ts: card.ts, error: failure.error });
    }
  }
  return { ok: true, result: { updated } };
}

/**
 * The outbox sender for Slack: approval requests, receipts and decision notices with
 * chat.postMessage (result {channel, ts} for later updates), decided cards with chat.update.
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
      if (!KINDS.has(row.kind)) return { ok: false, error: `the Slack sender does not know "${row.kind}"`, permanent: true };
      const ws = await workspaceById(deps.db, row.workspaceId);
      if (!ws) return { ok: false, error: 'workspace not found', permanent: true };
      const token = await botTokenOf(deps, ws);
      if (!token) return { ok: false, error: 'no Slack bot token for this workspace; reinstall the app', permanent: true };
      const client = clientFor(token);
      try {
        if (row.kind === 'card_decided') return await updateCards(deps, client, ws, row);
        const message = await renderRow(deps, ws, row);
        if (!message) return { ok: false, error: 'outcome not found', permanent: true };
        const res = await client.chat.postMessage({ channel: row.destination, text: message.text, blocks: asBlocks(message.blocks), unfurl_links: false });
        return { ok: true, result: { channel: res.channel ?? row.destination, ts: res.ts ?? null } };
      } catch (err) {
        return slackFailure(err);
      }
    },
  };
}
