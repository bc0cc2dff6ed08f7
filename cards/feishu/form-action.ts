/**
 * What a Feishu form's submit button carries. Decisions and "edit" go through the shared
 * codec (cards/actions.ts); these two exist only on Feishu, where the submit form is a
 * card rather than a modal. The nonce makes a double submit of one card store once.
 * Inbound values are untrusted: decode validates and returns null for anything else.
 */

export type FormAction = { a: 'submit'; n: string } | { a: 'resubmit'; o: string; r: number; n: string };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Compact JSON for the button's callback value. */
export function encodeFormAction(action: FormAction): string {
  return JSON.stringify(action);
}

/** The form action, or null for anything malformed or forged. */
export function decodeFormAction(raw: unknown): FormAction | null {
  let v: unknown = raw;
  if (typeof raw === 'string') {
    if (raw.length > 500) return null;
    try {
      v = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  if (!v || typeof v !== 'object') return null;
  const x = v as Record<string, unknown>;
  if (typeof x.n !== 'string' || !ID.test(x.n)) return null;
  if (x.a === 'submit') return { a: 'submit', n: x.n };
  if (x.a === 'resubmit' && typeof x.o === 'string' && ID.test(x.o) && typeof x.r === 'number' && Number.isInteger(x.r) && x.r >= 1)
    return { a: 'resubmit', o: x.o, r: x.r, n: x.n };
  return null;
}
