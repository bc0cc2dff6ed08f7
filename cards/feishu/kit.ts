/**
 * Building blocks of Feishu/Lark card JSON 2.0 (platform-facts §2.3). Pure: plain objects
 * in, plain objects out. Person-written text goes into `plain_text` (never interpreted);
 * markdown only carries our own texts plus escaped values.
 */

export type Json = Record<string, unknown>;

export type HeaderTemplate = 'blue' | 'green' | 'orange' | 'red' | 'grey' | 'turquoise';

/** A `plain_text` text object (labels, placeholders, options, button texts). */
export const plain = (content: string): Json => ({ tag: 'plain_text', content });

/** A markdown component. */
export const md = (content: string): Json => ({ tag: 'markdown', content });

/** A text component showing `content` verbatim (for anything a person typed). */
export const div = (content: string): Json => ({ tag: 'div', text: plain(content) });

export const hr = (): Json => ({ tag: 'hr' });

// Characters the card markdown interprets; HTML entities show them literally.
const MD_SPECIAL: Record<string, string> = { '&': '&#38;', '<': '&#60;', '>': '&#62;', '*': '&#42;', _: '&#95;', '~': '&#126;', '`': '&#96;', '[': '&#91;', ']': '&#93;', '#': '&#35;' };

/** Escapes person-written text for use inside markdown (no links, mentions or emphasis slip through). */
export function escapeMd(s: string): string {
  return s.replace(/[&<>*_~`[\]#]/g, (ch) => MD_SPECIAL[ch]!).replace(/\r?\n/g, ' ');
}

const OPEN_ID = /^ou_[A-Za-z0-9_-]{1,64}$/;

/** A mention of a Feishu user (the client shows their name), or the escaped name for anything else. */
export function mention(person: { address: string; name: string }): string {
  return OPEN_ID.test(person.address) ? `<at id=${person.address}></at>` : escapeMd(person.name || person.address);
}

/** A markdown link, only for http(s) URLs; anything else is shown as escaped text. */
export function link(label: string, url: string | null): string {
  const safe = url && /^https?:\/\/[^\s()<>]+$/.test(url) ? url : null;
  return safe ? `[${escapeMd(label)}](${safe})` : escapeMd(label);
}

/** Cuts `s` to at most `max` characters (code points), marking the cut. */
export function clip(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** The card header: title, optional subtitle and colour. */
export function header(title: string, template: HeaderTemplate, subtitle?: string): Json {
  return { title: plain(title), ...(subtitle ? { subtitle: plain(subtitle) } : {}), template };
}

/** A whole card. `update_multi` is the only value 2.0 allows, and it lets us PATCH the card later. */
export function card(head: Json, elements: Json[], summary?: string): Json {
  return {
    schema: '2.0',
    config: { update_multi: true, width_mode: 'fill', ...(summary ? { summary: { content: summary } } : {}) },
    header: head,
    body: { elements },
  };
}

export interface ButtonSpec {
  label: string;
  type?: 'primary' | 'default' | 'danger' | 'primary_filled' | 'danger_filled';
  /** Card-unique name; required inside a form. */
  name?: string;
  /** Callback value (an encoded action). */
  value?: string;
  /** Opens a URL instead of calling back. */
  url?: string;
  /** Submits the enclosing form. */
  submit?: boolean;
}

/** A button that calls back with `value`, submits its form, or opens `url`. */
export function button(b: ButtonSpec): Json {
  const behaviors = b.url ? [{ type: 'open_url', default_url: b.url }] : b.value !== undefined ? [{ type: 'callback', value: b.value }] : [];
  return {
    tag: 'button',
    ...(b.name ? { name: b.name } : {}),
    text: plain(b.label),
    type: b.type ?? 'default',
    ...(b.submit ? { form_action_type: 'submit' } : {}),
    ...(behaviors.length ? { behaviors } : {}),
  };
}

/**
 * Elements side by side (2.0 has no `action` module: buttons sit in columns). `flow` with
 * `auto` widths wraps onto more lines where the screen is narrow (a row of 0–10 buttons).
 */
export function columns(cells: Json[][], opts: { flexMode?: 'none' | 'stretch' | 'flow' | 'bisect' | 'trisect'; width?: 'weighted' | 'auto' } = {}): Json {
  const width = opts.width === 'auto' ? { width: 'auto' } : { width: 'weighted', weight: 1 };
  return {
    tag: 'column_set',
    flex_mode: opts.flexMode ?? 'stretch',
    horizontal_spacing: '8px',
    columns: cells.map((elements) => ({ tag: 'column', ...width, vertical_align: 'top', elements })),
  };
}

/** Red note under a form field. */
export const fieldError = (message: string): Json => md(`<font color='red'>${escapeMd(message)}</font>`);
