import type { CardContext } from '../../cards/view.ts';
import type { Locale } from '../domain/types.ts';
import { formatNumber, formatPct, t } from '../i18n/index.ts';

/** The translate/format helpers cards take, bound to one reader's locale. */
export function cardContext(locale: Locale, publicUrl: string): CardContext {
  return {
    locale,
    t: (key, params) => t(locale, key, params),
    pct: (f) => formatPct(f, locale),
    num: (n, digits) => (n === null ? '—' : formatNumber(n, locale, digits)),
    publicUrl,
  };
}
