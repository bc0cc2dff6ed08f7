/**
 * Message lookup and locale-aware number formatting. Pure: no platform or runtime imports,
 * so cards, domain errors and jobs can all render text the same way.
 */
import type { Locale } from '../domain/types.ts';
import { chatEn, chatZh } from './chat.ts';
import { feishuEn, feishuZh } from './feishu.ts';
import { webEn, webZh } from './web.ts';
import { followupEn, followupZh } from './followup.ts';
import { en as coreEn } from './messages.en.ts';
import { zhCN as coreZh } from './messages.zh-CN.ts';
import { slackEn, slackZh } from './slack.ts';
import { surveysEn, surveysZh } from './surveys.ts';

// Feature catalogues merged into one per locale; each feature file types its zh-CN half
// against its en keys, so a missing translation fails the type check.
const en = { ...coreEn, ...chatEn, ...slackEn, ...feishuEn, ...followupEn, ...surveysEn, ...webEn };
const zhCN: Record<keyof typeof en, string> = { ...coreZh, ...chatZh, ...slackZh, ...feishuZh, ...followupZh, ...surveysZh, ...webZh };

export type MessageKey = keyof typeof en;
export type MessageParams = Record<string, string | number>;

const catalogues: Record<Locale, Record<string, string>> = { en, 'zh-CN': zhCN };

/** Catalogue of one locale (read-only use: tests and renderers that list keys). */
export const messages: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { en, 'zh-CN': zhCN };

// `string & {}` keeps editor completion for MessageKey while still accepting keys that
// arrive as plain strings (FieldError.key, DomainError.messageKey).
/**
 * Text of `key` in `locale`, falling back to English and then to the key itself (a visible
 * key beats a blank message). `{name}` placeholders are replaced from `params`; unknown
 * placeholders are left as they are so a missing param is noticed rather than hidden.
 */
export function t(locale: Locale, key: MessageKey | (string & {}), params?: MessageParams): string {
  const text = lookup(catalogues[locale], key) ?? lookup(en, key) ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

// hasOwn so that keys such as "toString" never resolve to Object.prototype members.
function lookup(catalogue: Record<string, string> | undefined, key: string): string | undefined {
  return catalogue && Object.hasOwn(catalogue, key) ? catalogue[key] : undefined;
}

/**
 * Maps a platform locale (Slack `en-US`, Feishu `zh_cn`, …) to a supported locale:
 * any zh* → zh-CN (we ship Simplified only), any en* → en, anything else → `fallback`.
 */
export function resolveLocale(platformLocale: string | undefined | null, fallback: Locale): Locale {
  const tag = (platformLocale ?? '').trim().toLowerCase().replace(/_/g, '-');
  if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  return fallback;
}

/** A fraction as a percent, e.g. −0.378 → "-37.8%"; null (undefined ratio) → "—". */
export function formatPct(fraction: number | null, locale: Locale, maxFractionDigits = 1): string {
  if (fraction === null || !Number.isFinite(fraction)) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: maxFractionDigits }).format(fraction);
}

/** A number with locale grouping and at most `maxFractionDigits` decimals; non-finite → "—". */
export function formatNumber(n: number, locale: Locale, maxFractionDigits = 2): string {
  if (!Number.isFinite(n)) return '—';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: maxFractionDigits }).format(n);
}
