import { statusLine } from '../forecast-text.ts';
import type { CardContext, ForecastView, SurveyResultsView } from '../view.ts';
import { actions, button, clip, context, divider, esc, header, section, type SlackBlock } from './blocks.ts';
import { encodeAction } from '../actions.ts';
import { decisionButtons, scoreAnchors, scoreSelects, scoresBlockId } from './approval-card.ts';
import { REVIEW_RECORD_ACTION } from './review-card.ts';

/** action_id of the Home tab's "record an outcome" button. */
export const HOME_SUBMIT_ACTION = 'home_submit';
/** action_id of the dashboard link button (Slack still sends a click for URL buttons). */
export const HOME_DASHBOARD_ACTION = 'home_dashboard';
/** Items per list on the Home tab (keeps it far below Slack's 100 blocks). */
export const HOME_LIST_MAX = 10;

export interface HomeProps {
  /** `metrics`: each metric's forecast (status and projection at the review), when loaded. */
  mine: { id: string; title: string; status: string; projectName: string | null; metrics?: { name: string; unit: string; forecast: ForecastView }[] }[];
  awaiting: { id: string; title: string; round: number; stage: 'manager' | 'pmo'; projectName: string | null }[];
  /** `scheduleId` with `recordable` (the review's day has come) adds the record button. */
  /** `overdue` from the one definition (src/domain/followup-rules.ts): a past date reads as overdue. */
  dueReviews: { outcomeId: string; title: string; dueText: string; overdue?: boolean; scheduleId?: string; recordable?: boolean }[];
  /** The latest closed NPS survey the viewer may see; no section when null or absent. */
  latestNps?: Pick<SurveyResultsView, 'survey' | 'summary' | 'minResponses'> | null;
  dashboardUrl: string;
}

const link = (ctx: CardContext, id: string, title: string) => `<${ctx.publicUrl}/app/outcomes/${id}|${esc(clip(title, 150))}>`;
const project = (name: string | null) => (name ? ` · ${esc(name)}` : '');

/** "Latest NPS": project, kind and n, then the score with its interval, or why it is hidden. */
function latestNpsBlocks(ctx: CardContext, r: NonNullable<HomeProps['latestNps']>): SlackBlock[] {
  const { survey, summary: s } = r;
  const about = `${esc(clip(survey.projectName, 150))} · ${ctx.t(`survey.kind.${survey.kind}`)} · ${ctx.t('slack.results.answers', { n: s.n })}`;
  const score = s.hidden || s.nps === null || !s.interval ? ctx.t('nps.hidden_below_min', { min: r.minResponses }) : ctx.t('slack.results.score', { nps: s.nps, low: s.interval.low, high: s.interval.high });
  return [divider(), section(`*${ctx.t('slack.home.latest_nps')}*\n${about}\n${score}`)];
}

/**
 * The App Home tab: my outcomes with their status, what awaits my review (with the score
 * card and buttons, so a reviewer can decide right here), my due follow-up reviews (with the
 * record button once due), the latest NPS the viewer may see, and the dashboard.
 */
export function renderHome(ctx: CardContext, p: HomeProps): SlackBlock {
  const blocks: SlackBlock[] = [
    header(ctx.t('slack.app_name')),
    actions('home', [button(HOME_SUBMIT_ACTION, ctx.t('slack.home.submit'), { style: 'primary' }), button(HOME_DASHBOARD_ACTION, ctx.t('card.open_dashboard'), { url: p.dashboardUrl })]),
    divider(),
    section(`*${ctx.t('card.list.title')}*`),
  ];
  const mine = p.mine.slice(0, HOME_LIST_MAX);
  if (!mine.length) blocks.push(context([ctx.t('card.list.empty')]));
  for (const o of mine) {
    blocks.push(section(`${link(ctx, o.id, o.title)}\n${ctx.t(`status.${o.status}`)}${project(o.projectName)}`));
    const forecasts = (o.metrics ?? []).map((m) => `${esc(clip(m.name, 80))}: ${statusLine(ctx, m.forecast, clip(m.unit, 20), esc)}`);
    if (forecasts.length) blocks.push(context(forecasts));
  }

  blocks.push(divider(), section(`*${ctx.t('card.awaiting.title')}*`));
  const awaiting = p.awaiting.slice(0, HOME_LIST_MAX);
  blocks.push(context(awaiting.length ? scoreAnchors(ctx) : [ctx.t('card.awaiting.empty')]));
  for (const o of awaiting)
    blocks.push(
      section(`${link(ctx, o.id, o.title)}\n${ctx.t(`stage.${o.stage}`)}${project(o.projectName)}`),
      actions(scoresBlockId(o.id), [...scoreSelects(ctx), ...decisionButtons(ctx, o.id, o.round, o.stage)]),
    );

  blocks.push(divider(), section(`*${ctx.t('slack.home.due_reviews')}*`));
  const due = p.dueReviews.slice(0, HOME_LIST_MAX);
  if (!due.length) blocks.push(context([ctx.t('slack.home.no_due_reviews')]));
  for (const r of due) {
    const record = r.recordable && r.scheduleId ? { accessory: button(REVIEW_RECORD_ACTION, ctx.t('slack.review.record'), { value: encodeAction({ a: 'review', r: r.scheduleId }), style: 'primary' }) } : {};
    blocks.push(section(ctx.t(r.overdue ? 'slack.home.due_review_line_overdue' : 'slack.home.due_review_line', { title: link(ctx, r.outcomeId, r.title), due: r.dueText }), record));
  }
  if (p.latestNps) blocks.push(...latestNpsBlocks(ctx, p.latestNps));
  return { type: 'home', blocks };
}
