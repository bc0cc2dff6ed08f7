/**
 * Feishu shows a card in each reader's client language when its texts carry
 * `i18n_content` (card "local multi-language", which JSON 2.0 supports). The events
 * never tell us a person's language, so every card is rendered once per locale and the
 * two renders are merged: identical structure, texts that differ get both languages.
 */
import type { Json } from './kit.ts';

export type CardLocale = 'zh-CN' | 'en';

/** Feishu's locale codes. */
export const FEISHU_LOCALE: Record<CardLocale, 'zh_cn' | 'en_us'> = { 'zh-CN': 'zh_cn', en: 'en_us' };

const TEXT_TAGS = new Set(['plain_text', 'lark_md', 'markdown']);

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Merges two renders of the same card. `primary` wins wherever they differ outside a text
 * object (for example chart labels, which have no i18n field); text objects whose content
 * differs keep the primary content and gain `i18n_content` with both.
 */
export function mergeLocales(primary: unknown, other: unknown, primaryLocale: CardLocale, otherLocale: CardLocale): unknown {
  if (Array.isArray(primary)) {
    if (!Array.isArray(other) || other.length !== primary.length) return primary;
    return primary.map((p, i) => mergeLocales(p, other[i], primaryLocale, otherLocale));
  }
  if (!isObj(primary) || !isObj(other)) return primary;
  const out: Json = {};
  for (const k in primary) out[k] = mergeLocales(primary[k], other[k], primaryLocale, otherLocale);
  if (typeof primary.tag === 'string' && TEXT_TAGS.has(primary.tag) && typeof primary.content === 'string' && typeof other.content === 'string' && primary.content !== other.content) {
    out.i18n_content = { [FEISHU_LOCALE[primaryLocale]]: primary.content, [FEISHU_LOCALE[otherLocale]]: other.content };
  }
  return out;
}

/** Renders `render` in both locales and merges them, `primary` first. */
export function bilingual<C extends { locale: CardLocale }>(render: (ctx: C) => Json, contexts: Record<CardLocale, C>, primary: CardLocale): Json {
  const other: CardLocale = primary === 'en' ? 'zh-CN' : 'en';
  return mergeLocales(render(contexts[primary]), render(contexts[other]), primary, other) as Json;
}

/** A callback toast in both languages (`i18n` is how toasts carry languages). */
export function toast(type: 'success' | 'info' | 'warning' | 'error', texts: Record<CardLocale, string>, primary: CardLocale): Json {
  return { type, content: texts[primary], i18n: { zh_cn: texts['zh-CN'], en_us: texts.en } };
}
