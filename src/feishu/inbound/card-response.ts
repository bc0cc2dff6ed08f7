import type { Json } from '../../../cards/feishu/kit.ts';

/**
 * The answer to a card callback (platform-facts §2.2): an optional toast and an optional
 * card that replaces the clicked one, sent within 3 seconds. `{}` leaves the card as is.
 */
export interface CardResponse {
  toast?: Json;
  card?: { type: 'raw'; data: Json };
}
