import type { Locale } from '../../domain/types.ts';
import { formatNumber, formatPct, t, type MessageParams } from '../../i18n/index.ts';
import { dateText, dateTimeText } from '../../views/dates.ts';

/** Translate and format helpers bound to one reader (locale and time zone). */
export interface Kit {
  locale: Locale;
  timeZone: string;
  t(key: string, params?: MessageParams): string;
  /** Fraction → "−37.8%"; null → "—". */
  pct(fraction: number | null): string;
  num(n: number | null | undefined): string;
  date(d: Date | null | undefined): string;
  dateTime(d: Date | null | undefined): string;
}

/** Builds the helpers for a locale and time zone. */
export function createKit(locale: Locale, timeZone: string): Kit {
  return {
    locale,
    timeZone,
    t: (key, params) => t(locale, key, params),
    pct: (f) => formatPct(f, locale),
    num: (n) => (n === null || n === undefined ? '—' : formatNumber(n, locale)),
    date: (d) => (d ? dateText(d, timeZone) : '—'),
    dateTime: (d) => (d ? dateTimeText(d, timeZone) : '—'),
  };
}

/** A duration in whole days, or hours below a day ("3 d", "5 h"), localised. */
export function waitText(kit: Kit, ms: number | null): string {
  if (ms === null) return '—';
  const hours = Math.max(0, Math.round(ms / 3600_000));
  return hours < 24 ? kit.t('web.duration.hours', { n: hours }) : kit.t('web.duration.days', { n: Math.round(hours / 24) });
}
