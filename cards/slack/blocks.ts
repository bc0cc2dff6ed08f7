/**
 * Small Block Kit builders shared by the Slack renderers. Pure: no SDK types (cards import
 * nothing from src/ or @slack/), just the JSON Slack documents, with its length limits
 * applied where people's text goes in (platform-facts §1.7).
 */

/** One Block Kit block or element: plain JSON. */
export type SlackBlock = Record<string, unknown>;

/** A message body: fallback `text` (notifications, screen readers) plus blocks. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Cuts `s` to `max` characters (code points), marking the cut with an ellipsis. */
export function clip(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

/** Escapes text a person typed so Slack's mrkdwn shows it literally (no forged mentions or links). */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const plain = (text: string, max = 3000) => ({ type: 'plain_text', text: clip(text, max), emoji: true });
export const mrkdwn = (text: string, max = 3000) => ({ type: 'mrkdwn', text: clip(text, max) });

export const header = (text: string): SlackBlock => ({ type: 'header', text: plain(text, 150) });
export const section = (text: string, extra: SlackBlock = {}): SlackBlock => ({ type: 'section', text: mrkdwn(text), ...extra });
export const fields = (items: string[]): SlackBlock => ({ type: 'section', fields: items.slice(0, 10).map((f) => mrkdwn(f, 2000)) });
export const context = (texts: string[]): SlackBlock => ({ type: 'context', elements: texts.slice(0, 10).map((x) => mrkdwn(x, 2000)) });
export const divider = (): SlackBlock => ({ type: 'divider' });
export const actions = (blockId: string, elements: SlackBlock[]): SlackBlock => ({ type: 'actions', block_id: blockId, elements: elements.slice(0, 25) });

/** A button; `style` primary/danger; `value` is an encoded card action. */
export function button(actionId: string, text: string, opts: { value?: string; url?: string; style?: 'primary' | 'danger' } = {}): SlackBlock {
  return { type: 'button', action_id: actionId, text: plain(text, 75), ...(opts.value ? { value: opts.value } : {}), ...(opts.url ? { url: opts.url } : {}), ...(opts.style ? { style: opts.style } : {}) };
}

/** A select option; Slack allows 75 characters of text and of value. */
export const option = (text: string, value: string) => ({ text: plain(text, 75), value: value.slice(0, 75) });

/** Slack's date token: shown in each reader's own zone, with `fallback` for old clients. */
export function slackDate(iso: string, fallback: string): string {
  const sec = Math.floor(new Date(iso).getTime() / 1000);
  return `<!date^${sec}^{date_short_pretty} {time}|${esc(fallback)}>`;
}

/** A user mention, or the plain name when there is no Slack id. */
export const mention = (p: { address: string; name: string }) => (/^[UW][A-Z0-9]+$/.test(p.address) ? `<@${p.address}>` : esc(p.name));

/**
 * A modal view: Slack caps title, submit and close at 24 characters. `submit` is required
 * once the modal has an input block; `privateMetadata` travels back with the submission.
 */
export function modal(p: { callbackId?: string; title: string; submit?: string; close: string; privateMetadata?: string; blocks: SlackBlock[] }): SlackBlock {
  return {
    type: 'modal',
    ...(p.callbackId ? { callback_id: p.callbackId } : {}),
    ...(p.privateMetadata !== undefined ? { private_metadata: p.privateMetadata } : {}),
    title: plain(p.title, 24),
    ...(p.submit ? { submit: plain(p.submit, 24) } : {}),
    close: plain(p.close, 24),
    blocks: p.blocks,
  };
}
