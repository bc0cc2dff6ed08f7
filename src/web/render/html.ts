/**
 * Server-rendered HTML with escaping by default: every interpolated string goes through
 * Hono's escaper (text and quoted attributes alike); only values built by `h` itself, or
 * by the two helpers below that make their own safety argument, are inserted as they are.
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export type Html = HtmlEscapedString;
/** What may be interpolated: text (escaped), numbers, nothing, or already-safe HTML. */
export type Child = string | number | boolean | null | undefined | Html | readonly Child[];

/** The `html` tag, synchronous: we never interpolate promises, so the result is a string. */
export const h = (strings: TemplateStringsArray, ...values: Child[]): Html => html(strings, ...(values as unknown[])) as Html;

/** Joins fragments (for `.map()` results). */
export const join = (parts: readonly Child[]): Html => h`${parts}`;

/**
 * JSON for a `<script type="application/json">` block (data for charts). Browsers do not
 * decode entities inside <script>, so HTML-escaping would corrupt the JSON; instead every
 * character that could end the element or open a comment is written as a JSON \u escape.
 */
export function jsonScript(id: string, value: unknown): Html {
  const text = JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return h`<script type="application/json" id="${id}">${raw(text)}</script>`;
}

/**
 * A URL that is safe in an href: only absolute http(s) URLs pass (escaping alone does not
 * stop `javascript:` links); anything else is null and shown as text instead.
 */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}
