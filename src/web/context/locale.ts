import type { Context } from 'hono';
import type { Locale } from '../../domain/types.ts';
import { resolveLocale } from '../../i18n/index.ts';
import { readCookie } from '../../security/session.ts';

/** Remembers an explicit ?lang= choice across pages. */
export const LANG_COOKIE = 'outcome_lang';

const explicit = (value: string | undefined | null): Locale | null => (value === 'en' || value === 'zh-CN' ? value : null);

/**
 * The reader's locale: ?lang= (remembered in a cookie), then the person's stored locale,
 * then the browser's Accept-Language (first language it names), then the server default.
 */
export function pickLocale(c: Context, stored: string | null | undefined, fallback: Locale): Locale {
  const chosen = explicit(c.req.query('lang')) ?? explicit(readCookie(c.req.header('cookie'), LANG_COOKIE));
  if (chosen) return chosen;
  const mine = explicit(stored);
  if (mine) return mine;
  const first = c.req.header('accept-language')?.split(',')[0]?.split(';')[0];
  return resolveLocale(first, fallback);
}

/** Set-Cookie value remembering ?lang= (readable by nothing but the server; a year). */
export function langCookie(c: Context): string | null {
  const lang = explicit(c.req.query('lang'));
  return lang ? `${LANG_COOKIE}=${lang}; Path=/; SameSite=Lax; Max-Age=31536000` : null;
}
