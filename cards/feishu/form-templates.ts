import type { CardContext, TemplateChoice } from '../view.ts';
import { button, clip, columns, md, plain, type Json } from './kit.ts';

/** Name of the template select and of the button that fills a metric from it (the callback names the button). */
export const TEMPLATE_FIELD = 'template';
export const APPLY_TEMPLATE_BUTTON = 'apply_template';
/**
 * A Feishu card holds 30 KB, and the form is sent in both languages (each option twice, ~300 bytes):
 * the select offers the built-ins and the first {@link FEISHU_CUSTOM_TEMPLATES} of the workspace's
 * own, names cut to {@link TEMPLATE_NAME_CHARS}; key results likewise (the web form lists them all).
 */
export const FEISHU_CUSTOM_TEMPLATES = 8;
export const FEISHU_KEY_RESULTS = 15;
const TEMPLATE_NAME_CHARS = 28;
const KEY_RESULT_CHARS = 30;

/**
 * "Start a metric from a template": a select and a button that submits the form as it is, so the
 * server returns it with the first empty metric filled in (a form's select sends no callback of its own).
 */
export function templatePicker(ctx: CardContext, templates: TemplateChoice[], submitValue: string): Json[] {
  if (!templates.length) return [];
  const builtIn = templates.filter((t) => t.key.startsWith('builtin.'));
  const offered = [...builtIn, ...templates.filter((t) => !t.key.startsWith('builtin.')).slice(0, FEISHU_CUSTOM_TEMPLATES)];
  const label = (t: TemplateChoice) => `${ctx.t(`indicator.${t.indicatorClass}`)} · ${clip(t.name[ctx.locale], TEMPLATE_NAME_CHARS)}`;
  return [
    columns([
      [{ tag: 'select_static', name: TEMPLATE_FIELD, placeholder: plain(ctx.t('template.pick')), options: offered.map((t) => ({ text: plain(label(t)), value: t.key })) }],
      [button({ name: APPLY_TEMPLATE_BUTTON, label: ctx.t('template.apply'), submit: true, value: submitValue })],
    ]),
  ];
}

/** The key results a Feishu form offers (see {@link FEISHU_KEY_RESULTS}). */
export const feishuKeyResults = (krs: { id: string; title: string }[]) => krs.slice(0, FEISHU_KEY_RESULTS).map((k) => ({ value: k.id, text: clip(k.title, KEY_RESULT_CHARS) }));

/** The link to the full web form, under the Feishu form. */
export const webFormLink = (ctx: CardContext, url: string | null | undefined): Json[] => (url ? [md(`[${ctx.t('template.web_form')}](${url})`)] : []);
