import type { OutcomeDraft } from './types.ts';

// C0 controls other than TAB (U+0009) and LF (U+000A), and DEL (U+007F). CR is not in the
// set because it is folded into LF first: a CRLF pasted from Windows stays one line break.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

/**
 * User text as it is stored: CRLF and lone CR become LF, and the other C0 control characters
 * (NUL, ESC, …) and DEL are removed. They are invisible in every client, break some of them
 * (a NUL ends a C string; Slack and Feishu refuse some), and nobody types them on purpose.
 * Applied by the verbs to every free-text field before validation, so the rules (required,
 * length) judge what will be stored.
 */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

/** `cleanText` for an optional field: null and undefined pass through. */
export function cleanOptional<T extends string | null | undefined>(text: T): T {
  return (typeof text === 'string' ? cleanText(text) : text) as T;
}

/** A draft with every free-text field cleaned: title, description, metric names and units, evidence titles and typed links. */
export function cleanDraft(draft: OutcomeDraft): OutcomeDraft {
  return {
    ...draft,
    title: cleanText(draft.title),
    description: cleanText(draft.description),
    metrics: draft.metrics.map((m) => ({ ...m, name: cleanText(m.name), unit: cleanText(m.unit) })),
    // A link is typed by the member; a file's ref and url come from the platform.
    evidence: draft.evidence.map((e) => ({ ...e, ...(e.kind === 'link' ? { ref: cleanText(e.ref) } : {}), ...(e.title === undefined ? {} : { title: cleanText(e.title) }) })),
  };
}
