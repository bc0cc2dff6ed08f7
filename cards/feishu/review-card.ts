/**
 * The owner's follow-up review (and its reminder): each metric's baseline and target with
 * a field for the actual value, an evidence link and a comment, in one form. It comes back
 * with the values and a note beside each field that needs attention; once recorded it
 * shows what was recorded, each metric's progress and whether an alert went out.
 */
import { statusLine } from '../forecast-text.ts';
import { encodeAction } from '../actions.ts';
import type { CardContext, ReviewDueView, ShortfallView } from '../view.ts';
import { GENERAL, type FormError } from './form-card.ts';
import { button, card, clip, escapeMd, fieldError, header, md, plain, type Json } from './kit.ts';

export interface ReviewCardProps {
  review: ReviewDueView;
  reminder: boolean;
  /** The owner's values by field name, shown again with the errors. */
  values: Record<string, string>;
  errors: FormError[];
  /** Once recorded: each metric's raw progress (metrics order), and the metrics that fell short. */
  recorded: { progress: (number | null)[]; alerts: ShortfallView[] } | null;
  /** The workspace's shortfall threshold, as a fraction. */
  threshold: number;
}

/** Names of the form fields the callback reads; metric i's actual value is `actual_i`. */
export const REVIEW_FIELDS = { evidence: 'evidence_url', comment: 'comment' } as const;
export const actualField = (i: number) => `actual_${i}`;

const notes = (p: ReviewCardProps, name: string, ctx: CardContext): Json[] => p.errors.filter((e) => e.name === name).map((e) => fieldError(ctx.t(e.key, e.params)));

function metricLabel(m: ReviewDueView['metrics'][number], ctx: CardContext): string {
  const label = ctx.t('feishu.review.metric', { name: escapeMd(clip(m.name, 80)), unit: escapeMd(clip(m.unit, 20)), baseline: ctx.num(m.baseline), target: ctx.num(m.target) });
  // The forecast next to the target (issue 10).
  return m.forecast ? `${label} · ${statusLine(ctx, m.forecast, clip(m.unit, 20), escapeMd)}` : label;
}

function input(p: ReviewCardProps, name: string, extra: Json): Json {
  const value = p.values[name];
  return { tag: 'input', name, ...(value ? { default_value: value } : {}), ...extra };
}

function reviewForm(p: ReviewCardProps, ctx: CardContext): Json {
  const { t } = ctx;
  const metrics = p.review.metrics.flatMap((m, i) => [
    md(`**${metricLabel(m, ctx)}**`),
    input(p, actualField(i), { max_length: 30, placeholder: plain(t('feishu.review.actual_placeholder')) }),
    ...notes(p, actualField(i), ctx),
  ]);
  return {
    tag: 'form',
    name: 'review',
    elements: [
      ...metrics,
      input(p, REVIEW_FIELDS.evidence, { max_length: 1000, label: plain(t('feishu.review.evidence')), label_position: 'top', placeholder: plain(t('feishu.review.evidence_placeholder')) }),
      ...notes(p, REVIEW_FIELDS.evidence, ctx),
      input(p, REVIEW_FIELDS.comment, { input_type: 'multiline_text', rows: 2, max_length: 1000, label: plain(t('card.comment')), label_position: 'top', placeholder: plain(t('feishu.review.comment_placeholder')) }),
      button({ name: 'record', label: t('feishu.review.submit'), type: 'primary_filled', submit: true, value: encodeAction({ a: 'review', r: p.review.scheduleId }) }),
    ],
  };
}

function recordedBlock(p: ReviewCardProps, recorded: NonNullable<ReviewCardProps['recorded']>, ctx: CardContext): Json[] {
  const { t } = ctx;
  const lines = p.review.metrics.map((m, i) =>
    t('feishu.review.recorded_line', { name: escapeMd(clip(m.name, 80)), baseline: ctx.num(m.baseline), target: ctx.num(m.target), actual: ctx.num(m.actual), progress: ctx.pct(recorded.progress[i] ?? null) }),
  );
  const threshold = ctx.pct(p.threshold);
  const verdict = recorded.alerts.length ? t('feishu.review.alerts_sent', { threshold }) : t('feishu.review.on_track', { threshold });
  return [md(lines.map((l) => `- ${l}`).join('\n')), md(recorded.alerts.length ? `**${verdict}**` : verdict)];
}

/** The review card in its current state: open (form), recorded, or cancelled. */
export function reviewCard(p: ReviewCardProps, ctx: CardContext): Json {
  const { t } = ctx;
  const { review } = p;
  const title = escapeMd(clip(review.title, 100));
  const elements: Json[] = [];
  let template: 'blue' | 'orange' | 'green' | 'red' | 'grey' = p.reminder ? 'orange' : 'blue';
  if (review.status === 'done' && p.recorded) {
    template = p.recorded.alerts.length ? 'red' : 'green';
    elements.push(md(t('feishu.recorded.body', { title })), ...recordedBlock(p, p.recorded, ctx));
  } else if (review.status === 'done' || review.status === 'cancelled') {
    template = 'grey';
    elements.push(md(t(review.status === 'done' ? 'error.review_already_recorded' : 'feishu.review.cancelled')));
  } else {
    if (p.reminder) elements.push(md(`**${t('feishu.review.reminder')}**`));
    elements.push(md(review.due.overdue ? t('feishu.review.intro_overdue', { title, due: review.due.text, days: review.due.days }) : t('feishu.review.intro', { title, due: review.due.text })), ...notes(p, GENERAL, ctx), reviewForm(p, ctx));
  }
  elements.push(button({ label: t('card.open_dashboard'), url: review.url }));
  const head = review.status === 'done' ? t('feishu.review.recorded_title') : t(review.kind === 'second' ? 'feishu.review.title_second' : 'feishu.review.title_first');
  return card(header(head, template, clip(review.title, 100)), elements, review.title);
}
