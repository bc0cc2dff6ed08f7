/**
 * Where to go after signing in: only paths inside the mini-app, so a crafted link cannot
 * turn the sign-in into a redirect to another site (no scheme, no //host, no backslashes).
 */
export function safeNext(next: string | undefined | null): string {
  if (!next || !next.startsWith('/app') || next.startsWith('//') || /[\\\r\n]/.test(next)) return '/app';
  return next;
}
