/**
 * Feishu's card limits (platform-facts §2.3, §2.5): message content ≤ 30 KB (error 230025),
 * ≤ 200 components, `element_id` ≤ 20 chars `[A-Za-z][A-Za-z0-9_]*` and unique, forms only
 * at the root, without tables, charts or nested forms, every interactive child named
 * uniquely, and a submit button.
 */
import type { Json } from './kit.ts';

export const MAX_CARD_BYTES = 30 * 1024;
export const MAX_COMPONENTS = 200;

const ELEMENT_ID = /^[A-Za-z][A-Za-z0-9_]{0,19}$/;
const LISTS = new Set(['elements', 'columns', 'actions']);
const INTERACTIVE = new Set(['input', 'select_static', 'multi_select_static', 'select_person', 'multi_select_person', 'date_picker', 'picker_time', 'picker_datetime', 'checker', 'button', 'overflow', 'select_img']);
const NOT_IN_FORM = new Set(['form', 'table', 'chart']);

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** UTF-8 bytes of a string, counted without encoding it (a lone surrogate counts as U+FFFD's 3, as TextEncoder writes it). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a pair: 4 bytes for its 2 code units
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** Size of the card as message content: UTF-8 bytes of its JSON. */
export function cardBytes(card: unknown): number {
  return utf8Length(JSON.stringify(card));
}

/** Visits every component (an object with a `tag` inside an element list), with its form ancestor if any. */
function walk(node: unknown, inList: boolean, form: Json | null, root: boolean, visit: (c: Json, form: Json | null, atRoot: boolean) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, inList, form, root, visit);
    return;
  }
  if (!isObj(node)) return;
  const isComponent = inList && typeof node.tag === 'string';
  if (isComponent) visit(node, form, root);
  const childForm = isComponent && node.tag === 'form' ? node : form;
  for (const key in node) walk(node[key], LISTS.has(key), childForm, root && !isComponent && key === 'elements', visit);
}

/** Number of components, counted like the platform counts them. */
export function countComponents(card: unknown): number {
  let n = 0;
  walk(card, false, null, false, () => n++);
  return n;
}

/** Every rule the card breaks (empty when Feishu would accept it). */
export function cardProblems(card: Json): string[] {
  const problems: string[] = [];
  const bytes = cardBytes(card);
  if (bytes > MAX_CARD_BYTES) problems.push(`card is ${bytes} bytes, over ${MAX_CARD_BYTES}`);
  const ids = new Set<string>();
  const names = new Set<string>();
  const formsWithSubmit = new Map<Json, boolean>();
  let components = 0;
  const body = isObj(card.body) ? card.body : {};
  walk(body.elements, true, null, true, (c, form, atRoot) => {
    components++;
    const tag = String(c.tag);
    if (c.element_id !== undefined && (typeof c.element_id !== 'string' || !ELEMENT_ID.test(c.element_id))) problems.push(`bad element_id ${String(c.element_id)}`);
    if (typeof c.element_id === 'string') {
      if (ids.has(c.element_id)) problems.push(`duplicate element_id ${c.element_id}`);
      ids.add(c.element_id);
    }
    if (tag === 'form') {
      formsWithSubmit.set(c, false);
      if (!atRoot) problems.push('form not at the root of the body');
    }
    if (form && NOT_IN_FORM.has(tag)) problems.push(`${tag} inside a form`);
    if (form && INTERACTIVE.has(tag)) {
      if (typeof c.name !== 'string' || c.name === '') problems.push(`${tag} in a form without a name`);
      else if (names.has(c.name)) problems.push(`duplicate name ${c.name}`);
      else names.add(c.name);
      if (tag === 'button' && c.form_action_type === 'submit') formsWithSubmit.set(form, true);
    }
  });
  if (components > MAX_COMPONENTS) problems.push(`${components} components, over ${MAX_COMPONENTS}`);
  for (const [, hasSubmit] of formsWithSubmit) if (!hasSubmit) problems.push('form without a submit button');
  return problems;
}

/** True when the card fits the size and component limits. */
export const fits = (card: Json): boolean => cardBytes(card) <= MAX_CARD_BYTES && countComponents(card) <= MAX_COMPONENTS;

/**
 * The first of `levels` renders that fits (level 0 = everything, higher = trimmed more),
 * or null when even the most trimmed one does not: such a card is never sent.
 */
export function fitCard(render: (level: number) => Json, levels: number): { card: Json; level: number } | null {
  for (let level = 0; level < levels; level++) {
    const card = render(level);
    if (fits(card)) return { card, level };
  }
  return null;
}
