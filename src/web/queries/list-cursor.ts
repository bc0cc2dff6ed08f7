import type { ListCursor, ListSort } from '../../db/queries/outcome-list.ts';

/** A list cursor as the next-page link carries it: base64url of `[value, id]`. */
export function encodeCursor(c: ListCursor): string {
  return btoa(JSON.stringify([c.value, c.id])).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The cursor of a next-page link; null when it is not one this sort could have written (a 400, not a 500). */
export function decodeCursor(text: string, sort: ListSort): ListCursor | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(atob(text.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[1] !== 'string' || parsed[1].length > 200) return null;
  const [value, id] = parsed as [unknown, string];
  const ok = sort === 'title' ? typeof value === 'string' : sort === 'newest' ? typeof value === 'number' && Number.isFinite(value) : value === null || (typeof value === 'number' && Number.isFinite(value));
  return ok ? { value: value as ListCursor['value'], id } : null;
}
