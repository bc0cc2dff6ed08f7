import { questionResultTexts, trendLines } from '../question-results.ts';
import type { CardContext, NpsSummaryView, SurveyResultsView } from '../view.ts';
import { clip, context, divider, esc, fields, header, section, type SlackBlock, type SlackMessage } from './blocks.ts';

/** Width of the longest distribution bar, in characters. */
const BAR_WIDTH = 20;

/** The score distribution as text bars (Slack has no chart element): "`10` ████████ 12". */
export function distributionBars(distribution: number[]): string {
  const max = Math.max(1, ...distribution);
  return distribution
    .map((count, score) => {
      const width = count === 0 ? 0 : Math.max(1, Math.round((count / max) * BAR_WIDTH));
      return `\`${String(score).padStart(2, ' ')}\` ${'█'.repeat(width)} ${count}`;
    })
    .join('\n');
}

function comparisonLine(ctx: CardContext, kind: 'baseline' | 'follow_up', s: NpsSummaryView | null): string {
  const label = ctx.t(`survey.kind.${kind}`);
  if (!s) return ctx.t('slack.results.compare_none', { kind: label });
  if (s.hidden || s.nps === null) return ctx.t('slack.results.compare_hidden', { kind: label, n: s.n });
  return ctx.t('slack.results.compare_line', { kind: label, nps: s.nps, n: s.n });
}

/** The project's latest closed baseline against its latest closed follow-up, with the change. */
function comparisonBlock(ctx: CardContext, r: SurveyResultsView): SlackBlock {
  const { baseline, followUp } = r.comparison;
  const lines = [comparisonLine(ctx, 'baseline', baseline), comparisonLine(ctx, 'follow_up', followUp)];
  if (baseline?.nps != null && followUp?.nps != null) {
    const change = followUp.nps - baseline.nps;
    lines.push(ctx.t('slack.results.change', { change: change > 0 ? `+${change}` : String(change) }));
  }
  return section(`*${ctx.t('slack.results.comparison')}*\n${lines.join('\n')}`);
}

/** A questionnaire's results: one section per question with its statistic and counts or comments, then a pulse's trend. */
function questionBlocks(ctx: CardContext, r: SurveyResultsView): SlackBlock[] {
  const blocks = questionResultTexts(ctx, r).map((q) => section([`*${esc(clip(q.title, 300))}*`, q.stat, ...q.details.map((d) => `• ${esc(d)}`)].join('\n')));
  const trend = trendLines(ctx, r);
  if (trend.length) blocks.push(section(`*${ctx.t('survey.results.trend')}*\n${trend.map(esc).join('\n')}`));
  return blocks;
}

/** The blocks of one survey's results (a command reply may list several). */
export function surveyResultsBlocks(ctx: CardContext, r: SurveyResultsView): SlackBlock[] {
  const { survey, summary: s } = r;
  const status = survey.status === 'open' ? ctx.t('slack.results.open', { closes: survey.closesText }) : ctx.t('slack.results.closed');
  const blocks: SlackBlock[] = [
    header(ctx.t('slack.results.title', { project: survey.projectName })),
    section(`*${esc(clip(survey.question, 300))}*`),
    context([`${ctx.t(`survey.kind.${survey.kind}`)} · ${status} · ${ctx.t('slack.results.answers', { n: s.n })}`]),
  ];
  if (survey.form) {
    blocks.push(...questionBlocks(ctx, r));
  } else if (s.hidden || s.nps === null || !s.interval || !s.distribution) {
    blocks.push(section(ctx.t('nps.hidden_below_min', { min: r.minResponses })));
  } else {
    blocks.push(
      section(ctx.t('slack.results.score', { nps: s.nps, low: s.interval.low, high: s.interval.high })),
      fields([`*${ctx.t('nps.promoters')}*\n${s.promoters ?? 0}`, `*${ctx.t('nps.passives')}*\n${s.passives ?? 0}`, `*${ctx.t('nps.detractors')}*\n${s.detractors ?? 0}`]),
      section(`*${ctx.t('slack.results.distribution')}*\n${distributionBars(s.distribution)}`),
    );
  }
  blocks.push(comparisonBlock(ctx, r));
  return blocks;
}

/**
 * The results card for the starter and the PMO: NPS with its 95 % interval, promoters,
 * passives and detractors, n, the distribution as text bars, and the project's baseline
 * vs follow-up. Below the minimum number of answers the score is hidden and the card says why.
 */
export function renderSurveyResults(ctx: CardContext, r: SurveyResultsView): SlackMessage {
  const headline = r.summary.hidden || r.summary.nps === null ? ctx.t('slack.results.answers', { n: r.summary.n }) : `NPS ${r.summary.nps}`;
  return { text: `${ctx.t('slack.results.title', { project: r.survey.projectName })} · ${headline}`, blocks: surveyResultsBlocks(ctx, r) };
}

/** `/outcome nps results`: several surveys' results in one reply (at most 4, within 50 blocks). */
export function renderResultsList(ctx: CardContext, list: SurveyResultsView[]): SlackMessage {
  if (!list.length) return { text: ctx.t('slack.results.none'), blocks: [section(ctx.t('slack.results.none'))] };
  const blocks = list.slice(0, 4).flatMap((r, i) => [...(i ? [divider()] : []), ...surveyResultsBlocks(ctx, r)]);
  return { text: list.map((r) => renderSurveyResults(ctx, r).text).join('\n'), blocks };
}
