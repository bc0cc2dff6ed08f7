import type { FieldError } from '../../domain/errors.ts';
import { h, type Html } from '../render/html.ts';
import type { Kit } from '../render/kit.ts';

/** Field problems translated, keyed by field (`title`, `metrics.0.target`, …). */
export type FieldMessages = Map<string, string>;

/** The verb's field errors in the reader's language: the first message per field wins. */
export function messagesOf(kit: Kit, fields: readonly FieldError[]): FieldMessages {
  const out: FieldMessages = new Map();
  for (const f of fields) if (!out.has(f.field)) out.set(f.field, kit.t(f.key, f.params));
  return out;
}

/** A problem beside its input (nothing when the field is fine). */
export const fieldError = (m: FieldMessages, field: string): Html | string => {
  const text = m.get(field);
  return text ? h`<span class="error" data-testid="error-${field}">${text}</span>` : '';
};

/** Everything that is wrong, at the top of a form. */
export const problemList = (messages: readonly string[]): Html | string =>
  messages.length ? h`<div class="alert error" role="alert" data-testid="problems"><ul>${messages.map((m) => h`<li>${m}</li>`)}</ul></div>` : '';

/** Metrics as one line each: "Waiting time: 45 → 28 min (decrease)". */
export function metricLines(kit: Kit, metrics: readonly { name: string; unit: string; direction: string; baseline: number; target: number; actual: number | null }[]): Html {
  return h`<ul class="small">${metrics.map(
    (m) => h`<li><strong>${m.name}</strong>: ${kit.num(m.baseline)} → ${kit.num(m.target)} ${m.unit} (${kit.t(`direction.${m.direction}`)})${m.actual !== null ? h` · ${kit.t('card.actual')} ${kit.num(m.actual)}` : ''}</li>`,
  )}</ul>`;
}

/** A form value as one trimmed string (a repeated or file value reads as empty). */
export const one = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
