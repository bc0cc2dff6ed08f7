/**
 * The words of a survey's per-question results and of a pulse's trend, shared by the Slack
 * and Feishu results cards (each adds its own markup): one line of statistic per question,
 * then the choice counts or the comments. Everything but n is hidden below the minimum.
 */
import type { CardContext, QuestionResultView, SurveyResultsView } from './view.ts';

export interface QuestionResultText {
  /** "1. How easy is … ? · Rating 1–5" */
  title: string;
  /** The statistic, or why it is hidden. */
  stat: string;
  /** Choice counts or comments, one per line. */
  details: string[];
}

const MAX_COMMENTS = 20;

function stat(ctx: CardContext, r: QuestionResultView, min: number): string {
  const { t } = ctx;
  const s = r.summary;
  if (s.hidden) return t('survey.results.hidden', { min, n: s.n });
  if (r.type === 'nps' && r.summary.nps !== null && r.summary.interval) return t('survey.results.nps', { nps: r.summary.nps, low: r.summary.interval.low, high: r.summary.interval.high, n: s.n });
  if (r.type === 'rating' && r.summary.mean !== null && r.summary.interval) return t('survey.results.rating', { mean: ctx.num(r.summary.mean), low: ctx.num(r.summary.interval.low), high: ctx.num(r.summary.interval.high), n: s.n });
  if (r.type === 'text') return t('survey.results.comments', { n: s.n });
  return `n = ${s.n}`;
}

function details(ctx: CardContext, r: QuestionResultView): string[] {
  if (r.summary.hidden) return [];
  if (r.type === 'choice') return r.question.choices.map((option, i) => ctx.t('survey.results.choice', { option, count: r.summary.counts?.[i] ?? 0 }));
  if (r.type === 'text') {
    const comments = r.summary.comments ?? [];
    return comments.length ? comments.slice(0, MAX_COMMENTS).map((c) => `“${c.replace(/\s+/g, ' ')}”`) : [ctx.t('survey.results.no_comments')];
  }
  return [];
}

/** Each question's result in words. */
export function questionResultTexts(ctx: CardContext, v: Pick<SurveyResultsView, 'questions' | 'minResponses'>): QuestionResultText[] {
  return v.questions.map((r, i) => ({ title: `${i + 1}. ${r.question.text} · ${ctx.t(`survey.type.${r.type}`)}`, stat: stat(ctx, r, v.minResponses), details: details(ctx, r) }));
}

/** A pulse's trend, one line per wave ("Wave 2 (2026-12-08): 40 · 4.2 · n = 6"); empty for a one-off survey. */
export function trendLines(ctx: CardContext, v: Pick<SurveyResultsView, 'trend' | 'questions'>): string[] {
  return (v.trend ?? []).map((w) => {
    const values = w.values
      .map((x, i) => (v.questions[i]?.type === 'nps' || v.questions[i]?.type === 'rating' ? (x === null ? ctx.t('survey.results.hidden_value') : ctx.num(x)) : null))
      .filter((x): x is string => x !== null);
    return ctx.t('survey.results.wave_line', { wave: w.wave, date: w.openedText, values: values.join(' · ') || '—', n: w.n });
  });
}
