import type { webApi } from '@slack/bolt';
import type { SlackMessage } from '../../../cards/slack/blocks.ts';
import type { DepsCore } from '../../deps.ts';
import type { SendResult } from '../../delivery/types.ts';
import type { SentCard } from '../data/sent-cards.ts';
import { asBlocks } from '../reply.ts';
import { slackFailure } from './slack-failure.ts';

/** How long to wait when a card to update is itself still being posted. */
export const CARD_IN_FLIGHT_RETRY_MS = 5_000;

/**
 * Updates sent cards in place (chat.update) with what `render` makes of each now. A card not
 * yet posted needs nothing: it renders the current state when it goes out; one still being
 * posted asks for a retry. Updating is idempotent, so a transient failure retries the whole
 * set; a message that is gone is skipped.
 */
export async function updateSentCards(deps: DepsCore, client: webApi.WebClient, cards: SentCard[], render: (card: SentCard) => Promise<SlackMessage | null>): Promise<SendResult> {
  if (cards.some((c) => c.status === 'sending')) return { ok: false, error: 'a card is still being posted', retryAfterMs: CARD_IN_FLIGHT_RETRY_MS };
  let updated = 0;
  for (const card of cards) {
    if (card.status !== 'sent' || !card.channel || !card.ts) continue;
    const message = await render(card);
    if (!message) return { ok: false, error: 'the card’s subject no longer exists', permanent: true };
    try {
      await client.chat.update({ channel: card.channel, ts: card.ts, text: message.text, blocks: asBlocks(message.blocks) });
      updated++;
    } catch (err) {
      const failure = slackFailure(err);
      if (!failure.permanent) return failure;
      deps.log('warn', 'a card could not be updated', { kind: card.kind, channel: card.channel, ts: card.ts, error: failure.error });
    }
  }
  return { ok: true, result: { updated } };
}
