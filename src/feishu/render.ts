import { bilingual, toast } from '../../cards/feishu/bilingual.ts';
import type { Json } from '../../cards/feishu/kit.ts';
import { fitCard } from '../../cards/feishu/limits.ts';
import { TRIMS, type Trim } from '../../cards/feishu/outcome-section.ts';
import type { CardContext } from '../../cards/view.ts';
import type { Locale } from '../domain/types.ts';
import { describeError, type ErrorView } from '../errors.ts';
import { t } from '../i18n/index.ts';
import { cardContext } from '../views/card-context.ts';

/** Card contexts for both languages. */
function contexts(publicUrl: string): Record<Locale, CardContext> {
  return { 'zh-CN': cardContext('zh-CN', publicUrl), en: cardContext('en', publicUrl) };
}

/** A card in both languages, `primary` shown where only one text fits (see bilingual.ts). */
export function renderCard(render: (ctx: CardContext) => Json, primary: Locale, publicUrl: string): Json {
  return bilingual(render, contexts(publicUrl), primary);
}

/**
 * An outcome card trimmed until it fits Feishu's limits (30 KB, 200 components), or
 * null when nothing fits — such a card is never sent.
 */
export function renderFitted(render: (ctx: CardContext, trim: Trim) => Json, primary: Locale, publicUrl: string): Json | null {
  const ctxs = contexts(publicUrl);
  return fitCard((level) => bilingual((ctx) => render(ctx, TRIMS[level]!), ctxs, primary), TRIMS.length)?.card ?? null;
}

/** A toast from a message key, in both languages. */
export function toastOf(type: 'success' | 'info' | 'warning' | 'error', key: string, params: Record<string, string | number>, primary: Locale): Json {
  return toast(type, { 'zh-CN': t('zh-CN', key, params), en: t('en', key, params) }, primary);
}

/** The error toast for anything a card handler threw: the one error mapping, each field's note included. */
export function errorToast(err: unknown, primary: Locale): { toast: Json; ref?: string } {
  const zh = describeError(err, 'zh-CN');
  // An unexpected error gets one reference, quoted the same in both languages.
  const en = zh.ref ? { ...zh, message: t('en', 'error.internal', { ref: zh.ref }) } : describeError(err, 'en');
  const text = (v: ErrorView) => (v.fields?.length ? v.fields.map((f) => f.message).join(' ') : v.message);
  return { toast: toast('error', { 'zh-CN': text(zh), en: text(en) }, primary), ...(zh.ref ? { ref: zh.ref } : {}) };
}
