/**
 * Message lookup and locale-aware number formatting. Pure: no platform or runtime imports,
 * so cards, domain errors and jobs can all render text the same way.
 */
import type { Locale } from '../domain/types.ts';
import { activityEn, activityZh } from './activity.ts';
import { apiEn, apiZh } from './api.ts';
import { chatEn, chatZh } from './chat.ts';
import { feishuEn, feishuZh } from './feishu.ts';
import { webEn, webZh } from './web.ts';
import { webActEn, webActZh } from './web-act.ts';
import { dashboardEn, dashboardZh } from './dashboard.ts';
import { followupEn, followupZh } from './followup.ts';
import { knowledgeEn, knowledgeZh } from './knowledge.ts';
import { en as coreEn } from './messages.en.ts';
import { zhCN as coreZh } from './messages.zh-CN.ts';
import { slackEn, slackZh } from './slack.ts';
import { sourcesEn, sourcesZh } from './sources.ts';
import { surveysEn, surveysZh } from './surveys.ts';
import { okrEn, okrZh } from './okr.ts';
import { retroEn, retroZh } from './retro.ts';
import { templatesEn, templatesZh } from './templates.ts';

// Feature catalogues merged into one per locale; each feature file types its zh-CN half
// against its en keys, so a missing translation fails the type check.
const en = { ...coreEn, ...chatEn, ...slackEn, ...feishuEn, ...followupEn, ...surveysEn, ...webEn, ...apiEn, ...sourcesEn, ...templatesEn, ...webActEn, ...activityEn, ...retroEn, ...knowledgeEn, ...dashboardEn, ...okrEn };
const zhCN: Record<keyof typeof en, string> = { ...coreZh, ...chatZh, ...slackZh, ...feishuZh, ...followupZh, ...surveysZh, ...webZh, ...apiZh, ...sourcesZh, ...templatesZh, ...webActZh, ...activityZh, ...retroZh, ...knowledgeZh, ...dashboardZh, ...okrZh };

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
  const found = lookup(catalogues[locale], key);
  const text = found ?? lookup(en, key) ?? key;
  if (!params) return text;
  return plurals(text, found === undefined ? 'en' : locale, params).replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

const PLURAL_START = /\{(\w+), plural,/g;
const pluralRules = new Map<Locale, Intl.PluralRules>();

/**
 * Resolves `{n, plural, one {# outcome was} other {# outcomes were}}` with the locale's
 * `Intl.PluralRules` (ICU message syntax, the subset we use: `=N`, the CLDR categories,
 * `#` for the number). Chinese texts need none: they count with measure words (项, 个).
 */
function plurals(text: string, locale: Locale, params: MessageParams): string {
  let out = '';
  let from = 0;
  for (const m of text.matchAll(PLURAL_START)) {
    if (m.index < from) continue;
    const end = closingBrace(text, m.index);
    if (end < 0) break;
    const name = m[1]!;
    const n = Number(params[name]);
    const options = pluralOptions(text.slice(m.index + m[0].length, end));
    const rules = pluralRules.get(locale) ?? pluralRules.set(locale, new Intl.PluralRules(locale)).get(locale)!;
    const body = (Number.isFinite(n) ? (options.get(`=${n}`) ?? options.get(rules.select(n))) : undefined) ?? options.get('other') ?? '';
    out += text.slice(from, m.index) + body.replace(/#/g, Object.hasOwn(params, name) ? String(params[name]) : '#');
    from = end + 1;
  }
  return out + text.slice(from);
}

/** Index of the brace closing the one opened at `open`, or −1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** `one {…} other {…}` → selector → body. */
function pluralOptions(spec: string): Map<string, string> {
  const options = new Map<string, string>();
  let i = 0;
  while (i < spec.length) {
    const open = spec.indexOf('{', i);
    if (open < 0) break;
    const close = closingBrace(spec, open);
    if (close < 0) break;
    options.set(spec.slice(i, open).trim(), spec.slice(open + 1, close));
    i = close + 1;
  }
  return options;
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
  return numberFormat(locale, maxFractionDigits, 'percent').format(fraction);
}

/** A number with locale grouping and at most `maxFractionDigits` decimals; non-finite → "—". */
export function formatNumber(n: number, locale: Locale, maxFractionDigits = 2): string {
  if (!Number.isFinite(n)) return '—';
  return numberFormat(locale, maxFractionDigits, 'decimal').format(n);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** One formatter per locale, digits and style: building one costs more than formatting with it (a card formats dozens of numbers). */
function numberFormat(locale: Locale, maxFractionDigits: number, style: 'percent' | 'decimal'): Intl.NumberFormat {
  const key = `${locale}|${maxFractionDigits}|${style}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, { style, maximumFractionDigits: maxFractionDigits })));
  return f;
}
