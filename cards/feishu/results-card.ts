/**
 * NPS results for the starter and the PMO: score with its 95 % interval and n, the three
 * groups, the score distribution as a bar chart, and the project's baseline vs follow-up.
 * Below the minimum number of answers only n is shown, with the reason (anonymity).
 */
import type { CardContext, NpsSummaryView, SurveyResultsView } from '../view.ts';
import { npsDistributionChart } from './chart.ts';
import { questionResultTexts, trendLines } from '../question-results.ts';
import { button, card, clip, div, escapeMd, header, hr, md, type Json } from './kit.ts';

function scoreBlock(s: NpsSummaryView, min: number, ctx: CardContext): Json[] {
  const { t } = ctx;
  if (s.hidden || s.nps === null) return [md(`${t('nps.hidden_below_min', { min })}\n${t('feishu.results.answers', { n: s.n })}`)];
  const groups = `${t('nps.promoters')} ${s.promoters} · ${t('nps.passives')} ${s.passives} · ${t('nps.detractors')} ${s.detractors}`;
  return [
    md(`${t('feishu.results.score', { nps: s.nps, low: s.interval?.low ?? '—', high: s.interval?.high ?? '—', n: s.n })}\n${groups}`),
    ...(s.distribution ? [npsDistributionChart(s.distribution, ctx)] : []),
  ];
}

function compared(s: NpsSummaryView | null, min: number, ctx: CardContext): string {
  if (!s) return ctx.t('feishu.results.compare_none');
  if (s.hidden || s.nps === null) return ctx.t('feishu.results.compare_hidden', { n: s.n, min });
  return ctx.t('feishu.results.compare_nps', { nps: s.nps, n: s.n });
}

/** A questionnaire's results: each question with its statistic and counts or comments, then a pulse's trend. */
function questionBlocks(v: SurveyResultsView, ctx: CardContext): Json[] {
  const blocks = questionResultTexts(ctx, v).map((q) => md([`**${escapeMd(clip(q.title, 300))}**`, q.stat, ...q.details.map((d) => `- ${escapeMd(clip(d, 500))}`)].join('\n')));
  const trend = trendLines(ctx, v);
  if (trend.length) blocks.push(md(`**${ctx.t('survey.results.trend')}**\n${trend.map(escapeMd).join('\n')}`));
  return blocks;
}

/** The results card of one survey. */
export function resultsCard(v: SurveyResultsView, ctx: CardContext): Json {
  const { t } = ctx;
  const { survey } = v;
  const status = t(survey.status === 'open' ? 'feishu.results.open' : 'feishu.results.closed', { closes: survey.closesText });
  const comparison = [
    `**${t('feishu.results.comparison')}**`,
    `${t('survey.kind.baseline')}: ${compared(v.comparison.baseline, v.minResponses, ctx)}`,
    `${t('survey.kind.follow_up')}: ${compared(v.comparison.followUp, v.minResponses, ctx)}`,
  ];
  return card(
    header(t('feishu.results.title', { project: clip(survey.projectName, 80) }), 'turquoise', `${t(`survey.kind.${survey.kind}`)} · ${status}`),
    [...(survey.form ? questionBlocks(v, ctx) : [div(clip(survey.question, 300)), ...scoreBlock(v.summary, v.minResponses, ctx)]), hr(), md(comparison.join('\n')), button({ label: t('card.open_dashboard'), url: `${ctx.publicUrl}/app` })],
    t('feishu.results.title', { project: clip(survey.projectName, 80) }),
  );
}
