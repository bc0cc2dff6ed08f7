import type { CardAction } from '../../../../cards/actions.ts';
import type { FormError } from '../../../../cards/feishu/form-card.ts';
import { actualField, REVIEW_FIELDS } from '../../../../cards/feishu/review-card.ts';
import type { ReviewDueView } from '../../../../cards/view.ts';
import { kickOutbox } from '../../../delivery/kick.ts';
import { DomainError, type FieldError } from '../../../domain/errors.ts';
import { parseDecimal } from '../../../domain/metrics.ts';
import type { PersonRef } from '../../../domain/ports.ts';
import { recordReview } from '../../../domain/record-review.ts';
import type { Locale } from '../../../domain/types.ts';
import type { CardResponse } from '../../inbound/card-response.ts';
import { timeZoneOf, type FeishuCtx } from '../../context.ts';
import { formText } from '../submit/parse-form.ts';
import { reviewRender, reviewView } from './review-data.ts';
import { errorToast, renderCard, toastOf } from '../../render.ts';

/** What the owner typed: values to show again, numbers per metric id, and what is not a number. */
function readForm(view: ReviewDueView, formValue: Record<string, unknown>) {
  const values: Record<string, string> = {};
  const numbers: Record<string, number | null> = {};
  const notNumbers: FormError[] = [];
  view.metrics.forEach((m, i) => {
    const raw = (values[actualField(i)] = formText(formValue[actualField(i)]));
    const n = parseDecimal(raw);
    if (Number.isNaN(n)) notNumbers.push({ name: actualField(i), key: 'feishu.review.not_a_number', params: { metric: m.name } });
    numbers[m.id] = n;
  });
  for (const name of [REVIEW_FIELDS.evidence, REVIEW_FIELDS.comment]) values[name] = formText(formValue[name]);
  return { values, numbers, notNumbers };
}

/** The verb's field problems beside the card's fields; a field that is not a number keeps that, more precise, note. */
function toReviewErrors(view: ReviewDueView, fields: FieldError[], notNumbers: FormError[]): FormError[] {
  const fieldOf = (f: FieldError) => (f.field === 'evidenceUrl' ? REVIEW_FIELDS.evidence : actualField(view.metrics.findIndex((m) => `values.${m.id}` === f.field)));
  const mapped = fields.map((f) => ({ name: fieldOf(f), key: f.key, ...(f.params ? { params: f.params } : {}) }));
  return [...notNumbers, ...mapped.filter((e) => !notNumbers.some((n) => n.name === e.name))];
}

async function card(ctx: FeishuCtx, scheduleId: string, member: PersonRef, locale: Locale, opts: { values?: Record<string, string>; errors?: FormError[] } = {}): Promise<CardResponse['card']> {
  const current = await reviewRender(ctx.deps, ctx.workspace, scheduleId, timeZoneOf(member, ctx.workspace), { reminder: false, ...opts });
  return current ? { type: 'raw', data: renderCard(current.render, locale, ctx.deps.config.publicUrl) } : undefined;
}

/**
 * The owner submits the review card: invalid values → the card again with a note beside
 * each field and nothing stored; valid → the readings are stored, the receipt and any
 * shortfall alert go out through the outbox, and the card shows what was recorded.
 */
export async function recordReviewFromCard(ctx: FeishuCtx, a: Extract<CardAction, { a: 'review' }>, member: PersonRef, formValue: Record<string, unknown>, locale: Locale): Promise<CardResponse> {
  const { deps, workspace } = ctx;
  const view = await reviewView(deps, workspace, a.r, timeZoneOf(member, workspace));
  if (!view) throw new DomainError('not_found', 'error.not_found');
  const { values, numbers, notNumbers } = readForm(view, formValue);
  try {
    await recordReview({
      ctx: { clock: deps.clock, reviews: deps.repos.reviews, people: deps.repos.people, via: deps.verbs.via },
      input: { workspace, scheduleId: a.r, actor: member, values: numbers, evidenceUrl: values[REVIEW_FIELDS.evidence] || null, comment: values[REVIEW_FIELDS.comment] || null },
    });
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    if (err.code === 'validation_failed') {
      const again = await card(ctx, a.r, member, locale, { values, errors: toReviewErrors(view, err.fields, notNumbers) });
      return { toast: toastOf('error', 'error.validation_failed', {}, locale), ...(again ? { card: again } : {}) };
    }
    // Recorded already (a double click, or another copy of the card): show what was recorded.
    if (err.code === 'closed') {
      const current = await card(ctx, a.r, member, locale);
      return { toast: errorToast(err, locale).toast, ...(current ? { card: current } : {}) };
    }
    throw err;
  }
  kickOutbox(deps, ctx.defer);
  const recorded = await card(ctx, a.r, member, locale);
  return { toast: toastOf('success', 'feishu.toast.review_recorded', {}, locale), ...(recorded ? { card: recorded } : {}) };
}
