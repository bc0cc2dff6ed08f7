import { DomainError } from '../domain/errors.ts';
import { fromBase64Url, toBase64Url } from '../security/secret-box.ts';

/** Opaque keyset cursors (the API's `next_cursor`, the web's "older" links): base64url JSON. */
export const encodeCursor = (value: unknown): string => toBase64Url(new TextEncoder().encode(JSON.stringify(value)));

/** Reads a cursor made by {@link encodeCursor}, checked by `isValid`; a bad one is a 400, never a driver error. */
export function decodeCursor<T>(text: string | undefined, isValid: (v: unknown) => v is T): T | null {
  if (text === undefined) return null;
  try {
    const v = JSON.parse(new TextDecoder().decode(fromBase64Url(text))) as unknown;
    if (isValid(v)) return v;
  } catch {
    // fall through to the refusal
  }
  throw new DomainError('validation_failed', 'error.validation_failed', { count: 1 }, [{ field: 'cursor', key: 'api.bad_cursor' }]);
}
