import { statusLine } from '../forecast-text.ts';
import { encodeAction } from '../actions.ts';
import type { CardContext, ReviewDueView, ShortfallView } from '../view.ts';
import { actions, button, clip, context, esc, header, section, type SlackBlock, type SlackMessage } from './blocks.ts';

/** action_id of the "record actual values" button (card and Home tab). */
export const REVIEW_RECORD_ACTION = 'review_record';

export interface ReviewCardProps {
  view: ReviewDueView;
  /** The one reminder (same card, with a line saying so). */
  reminder: boolean;
  /** Metrics short of target beyond the threshold, once recorded. */
  alerts: ShortfallView[];
  /** The workspace's shortfall threshold (fraction). */
  threshold: number;
}

/** One line per metric of the shortfall alert, using the shared formula text. */
export function shortfallLines(ctx: CardContext, metrics: ShortfallView[]): string {
  const withUnit = (n: number, unit: string) => (unit ? `${ctx.num(n)} ${esc(unit)}` : ctx.num(n));
  return metrics
    .map((m) =>
      ctx.t('alert.shortfall', {
        metric: `*${esc(m.name)}*`,
        baseline: withUnit(m.baseline, m.unit),
        target: withUnit(m.target, m.unit),
        actual: withUnit(m.actual, m.unit),
        progress: ctx.pct(m.progress),
        shortfall: ctx.pct(m.shortfall),
      }),
    )
    .map((line) => `• ${line}`)
    .join('\n');
}

function metricLines(ctx: CardContext, view: ReviewDueView, recorded: boolean): string {
  return view.metrics
    .map((m) => {
      const params = { name: `*${esc(m.name)}*`, baseline: ctx.num(m.baseline), target: ctx.num(m.target), unit: esc(m.unit), actual: ctx.num(m.actual) };
      const forecast = m.forecast ? ` · _${statusLine(ctx, m.forecast, m.unit, esc)}_` : '';
      return `• ${ctx.t(recorded && m.actual !== null ? 'slack.review.metric_line_recorded' : 'slack.review.metric_line', params)}${forecast}`;
    })
    .join('\n');
}

/** What the card says once the review is recorded: done, and the alert if any. */
function outcomeOfReview(ctx: CardContext, p: ReviewCardProps): string {
  const threshold = ctx.pct(p.threshold);
  if (!p.alerts.length) return `${ctx.t('slack.review.done')} ${ctx.t('slack.review.no_alert', { threshold })}`;
  return `${ctx.t('slack.review.done')}\n${ctx.t('slack.review.alert_intro', { threshold })}\n${shortfallLines(ctx, p.alerts)}`;
}

/**
 * The owner's follow-up review card: each metric's baseline and target and a button that
 * opens the form for the actual values. Once recorded, the same message shows the values
 * and whether a deviation alert went out.
 */
export function renderReviewCard(ctx: CardContext, p: ReviewCardProps): SlackMessage {
  const { view } = p;
  const title = ctx.t(`slack.review.title.${view.kind}`, { title: clip(view.title, 100) });
  const open = view.status === 'scheduled' || view.status === 'notified';
  const blocks: SlackBlock[] = [header(title), section(`*<${view.url}|${esc(clip(view.title, 150))}>*\n${(view.due.overdue ? ctx.t('slack.review.intro_overdue', { due: view.due.text, days: view.due.days }) : ctx.t('slack.review.intro', { due: view.due.text }))}`)];
  if (p.reminder && open) blocks.push(section(ctx.t('slack.review.reminder')));
  blocks.push(section(`*${ctx.t('card.metrics')}*\n${metricLines(ctx, view, view.status === 'done')}`));
  if (open) blocks.push(actions(`review:${view.scheduleId}`, [button(REVIEW_RECORD_ACTION, ctx.t('slack.review.record'), { value: encodeAction({ a: 'review', r: view.scheduleId }), style: 'primary' })]));
  else if (view.status === 'done') blocks.push(section(outcomeOfReview(ctx, p)));
  else blocks.push(section(ctx.t('slack.review.cancelled')));
  blocks.push(context([`<${view.url}|${esc(ctx.t('card.open_dashboard'))}>`]));
  return { text: title, blocks };
}
