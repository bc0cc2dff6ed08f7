/**
 * View (modal / Home tab) limits: 100 blocks, ≤ 250 kB of JSON (`view_too_large`),
 * title/submit/close ≤ 24 chars, `submit` required with input blocks, private_metadata
 * ≤ 3000, callback_id/external_id ≤ 255 (platform-facts §1.3, §1.7). Anything else
 * malformed is `invalid_arguments` with Slack-style messages, as views.* answer.
 */
import { checkBlocks } from './block-rules.ts';
import { checkLength, checkText, Problems } from './text-rules.ts';

/** The view type a method accepts: views.open/push/update take modals, views.publish takes home. */
export type ViewKind = 'modal' | 'home';

/** Result of checking a view; no `error` means valid. */
export interface ViewVerdict {
  error?: 'view_too_large' | 'invalid_arguments';
  messages: string[];
}

/** 250 kB, counted in bytes of the JSON encoding (kept strict: 250,000). */
export const MAX_VIEW_BYTES = 250_000;

/** Validates a parsed `view` argument. */
export function checkView(view: unknown, kind: ViewKind): ViewVerdict {
  if (typeof view !== 'object' || view === null || Array.isArray(view)) {
    return { error: 'invalid_arguments', messages: ['[ERROR] must provide an object [json-pointer:/view]'] };
  }
  if (Buffer.byteLength(JSON.stringify(view)) > MAX_VIEW_BYTES) return { error: 'view_too_large', messages: [] };
  const v = view as Record<string, unknown>;
  const p = new Problems();
  if (v.type !== kind) p.add(`must be ${kind}`, '/view/type');
  p.list.push(...checkBlocks(v.blocks, kind, '/view/blocks'));
  if (kind === 'modal') {
    checkText(p, v.title, '/view/title', { max: 24, plainOnly: true, required: true });
    checkText(p, v.submit, '/view/submit', { max: 24, plainOnly: true });
    checkText(p, v.close, '/view/close', { max: 24, plainOnly: true });
    const hasInput = Array.isArray(v.blocks) && v.blocks.some((b) => (b as { type?: unknown } | null)?.type === 'input');
    if (hasInput && v.submit === undefined) p.add('submit is required when an input block is present', '/view/submit');
  }
  checkLength(p, v.private_metadata, '/view/private_metadata', 3000);
  checkLength(p, v.callback_id, '/view/callback_id', 255);
  checkLength(p, v.external_id, '/view/external_id', 255);
  return p.list.length > 0 ? { error: 'invalid_arguments', messages: p.list } : { messages: [] };
}
