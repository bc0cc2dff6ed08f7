import { SMART_CRITERIA, type CardContext, type OutcomeView, type ReviewView } from '../view.ts';
import { statusLine } from '../forecast-text.ts';
import { clip, context, esc, fields, mention, section, slackDate, type SlackBlock } from './blocks.ts';

/** The metrics table as mrkdwn lines: baseline → target (target change %), actual (change %). */
export function metricLines(ctx: CardContext, view: Pick<OutcomeView, 'metrics'>): string {
  return view.metrics
    .map((m) =>
      [ctx.t('card.metric_line', {
        name: `*${esc(m.name)}*`,
        baseline: ctx.num(m.baseline),
        target: ctx.num(m.target),
        unit: esc(m.unit),
        targetChange: ctx.pct(m.targetChangePct),
        actual: m.actual === null ? ctx.t('card.no_actual') : ctx.num(m.actual),
        change: ctx.pct(m.changePct),
      }), ...(m.forecast ? [`_${statusLine(ctx, m.forecast, m.unit, esc)}_`] : [])].join('\n   '),
    )
    .map((line) => `• ${line}`)
    .join('\n');
}

/** Longer URLs are shown as text: 3 of them must still fit one 3000-character section. */
const MAX_LINK_URL = 600;
/** What the evidence lines may take of their section (3000 characters with the heading). */
const EVIDENCE_TEXT_BUDGET = 2_900;

/**
 * Evidence as links: URLs, and Slack files by their permalink where it is stored (a reviewer
 * with access opens it), else by name. Links are kept in order while they fit the section;
 * the rest show their names (the dashboard lists every link).
 */
export function evidenceLines(ctx: CardContext, view: Pick<OutcomeView, 'evidence'>): string {
  if (view.evidence.length === 0) return ctx.t('card.no_evidence');
  const lines = view.evidence.map((e) => {
    const label = esc(clip(e.title ?? e.url ?? e.fileRef ?? '', 80));
    const icon = e.kind === 'link' ? '🔗' : '📎';
    const linkable = e.url !== null && e.url.length <= MAX_LINK_URL;
    return { plain: `• ${icon} ${label}`, linked: linkable ? `• ${e.kind === 'link' ? '' : `${icon} `}<${e.url}|${label}>` : null };
  });
  let total = lines.reduce((n, l) => n + l.plain.length + 1, 0);
  return lines
    .map((l) => {
      if (!l.linked || total + l.linked.length - l.plain.length > EVIDENCE_TEXT_BUDGET) return l.plain;
      total += l.linked.length - l.plain.length;
      return l.linked;
    })
    .join('\n');
}

/** SMART badges: ✅ met, ⚠️ not met. */
export function smartBadges(ctx: CardContext, view: Pick<OutcomeView, 'smart'>): string {
  return `*${ctx.t('card.smart')}*  ${SMART_CRITERIA.map(([k, key]) => `${view.smart[k] ? '✅' : '⚠️'} ${ctx.t(key)}`).join('  ')}`;
}

const DECISION_ICON = { approve: '✅', request_changes: '✏️', reject: '⛔' } as const;

/** One decision: what, who, when, the scores and the comment. */
export function decisionLine(ctx: CardContext, r: ReviewView): string {
  const what = ctx.t('card.decided', { decision: `*${ctx.t(`decision.${r.decision}`)}*`, name: mention(r.reviewer), time: slackDate(r.decidedAt, r.decidedAtText) });
  const scores = r.scores
    ? `\n${ctx.t('card.score.impact')} ${r.scores.impact} · ${ctx.t('card.score.difficulty')} ${r.scores.difficulty} · ${ctx.t('card.score.innovation')} ${r.scores.innovation}`
    : '';
  const comment = r.comment ? `\n> ${esc(clip(r.comment, 1500)).replace(/\n/g, '\n> ')}` : '';
  return `${DECISION_ICON[r.decision]} ${ctx.t(`stage.${r.stage}`)}: ${what}${scores}${comment}`;
}

/**
 * What every card shows about an outcome: title and description, the facts, the metrics,
 * the evidence and the SMART badges (7 blocks at most).
 */
export function outcomeSummaryBlocks(ctx: CardContext, view: OutcomeView): SlackBlock[] {
  const facts = [
    `*${ctx.t('card.project')}*\n${view.project ? esc(view.project.name) + (view.project.goLiveText ? ` (${view.project.goLiveText})` : '') : '—'}`,
    `*${ctx.t('card.indicator_class')}*\n${view.indicatorClass ? ctx.t(`indicator.${view.indicatorClass}`) : '—'}`,
    `*${ctx.t('card.submitter')}*\n${mention(view.submitter)}`,
    `*${ctx.t('card.due_date')}*\n${view.dueText ?? '—'}`,
    `*${ctx.t('card.status')}*\n${ctx.t(`status.${view.status}`)} · ${ctx.t('card.round', { round: view.round })}`,
  ];
  return [
    section(`*<${view.url}|${esc(clip(view.title, 150))}>*\n${esc(clip(view.description, 1200))}`),
    fields(facts),
    section(`*${ctx.t('card.metrics')}*\n${metricLines(ctx, view)}`),
    section(`*${ctx.t('card.evidence')}*\n${evidenceLines(ctx, view)}`),
    context([smartBadges(ctx, view)]),
  ];
}
