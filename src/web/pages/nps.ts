import { questionResultTexts } from '../../../cards/question-results.ts';
import type { QuestionResultView } from '../../../cards/view.ts';
import { NPS_MIN_RESPONSES } from '../../domain/nps.ts';
import { questionView } from '../../views/followup-view.ts';
import type { ProjectNps, SurveyResult } from '../queries/nps.ts';
import { empty } from '../render/bits.ts';
import { chart, COLORS } from '../render/chart.ts';
import { h, type Html } from '../render/html.ts';
import type { Kit } from '../render/kit.ts';

function result(kit: Kit, label: string, r: SurveyResult | null): Html {
  if (!r) return h`<div class="stat"><div class="label">${label}</div><div class="muted small">${kit.t('web.nps.none')}</div></div>`;
  const s = r.summary;
  if (s.hidden) return h`<div class="stat" data-testid="nps-hidden"><div class="label">${label}</div><div class="value muted">—</div><div class="wait">n = ${s.n} · ${kit.t('nps.hidden_below_min', { min: NPS_MIN_RESPONSES })}</div></div>`;
  return h`<div class="stat"><div class="label">${label} · ${kit.date(r.createdAt)}</div><div class="value" data-testid="nps-value">${s.nps}</div><div class="wait">n = ${s.n} · ${kit.t('web.nps.interval', { low: s.interval!.low, high: s.interval!.high })}</div><div class="wait">${kit.t('nps.promoters')} ${s.promoters} · ${kit.t('nps.passives')} ${s.passives} · ${kit.t('nps.detractors')} ${s.detractors}</div></div>`;
}

function distribution(kit: Kit, p: ProjectNps, i: number): Html {
  const latest = [p.followUp, p.baseline].find((r) => r && !r.summary.hidden);
  if (!latest) return h``;
  const dist = latest.summary.distribution!;
  const x = dist.map((_, score) => score);
  const only = (bucket: (s: number) => boolean) => dist.map((n, score) => (bucket(score) && n > 0 ? n : null));
  return h`<h3 class="small">${kit.t('web.nps.distribution', { survey: kit.t(`web.nps.kind.${latest.kind}`) })}</h3>${chart(`nps-dist-${i}`, kit.t('web.nps.distribution', { survey: kit.t(`web.nps.kind.${latest.kind}`) }), {
    kind: 'bars',
    x,
    labels: x.map(String),
    height: 200,
    series: [
      { label: kit.t('nps.detractors'), values: only((s) => s <= 6), color: COLORS.detractor },
      { label: kit.t('nps.passives'), values: only((s) => s === 7 || s === 8), color: COLORS.passive },
      { label: kit.t('nps.promoters'), values: only((s) => s >= 9), color: COLORS.promoter },
    ],
  })}`;
}

function trend(kit: Kit, p: ProjectNps, i: number): Html {
  const shown = p.trend.filter((r) => !r.summary.hidden);
  if (shown.length < 2) return h``;
  return h`<h3 class="small">${kit.t('web.nps.trend')}</h3>${chart(`nps-trend-${i}`, kit.t('web.nps.trend'), {
    kind: 'line',
    x: shown.map((_, j) => j),
    labels: shown.map((r) => kit.date(r.createdAt)),
    y: { min: -100, max: 100 },
    height: 200,
    series: [
      { label: 'NPS', values: shown.map((r) => r.summary.nps), color: COLORS.brand },
      { label: kit.t('web.nps.low'), values: shown.map((r) => r.summary.interval!.low), color: COLORS.baseline, dash: true },
      { label: kit.t('web.nps.high'), values: shown.map((r) => r.summary.interval!.high), color: COLORS.baseline, dash: true },
    ],
  })}`;
}

/** The latest questionnaire of the project, question by question (the same words as the results card). */
function questionnaire(kit: Kit, p: ProjectNps): Html {
  const latest = p.trend.findLast((r) => r.form);
  if (!latest) return h``;
  const results = latest.results.map((r, i) => ({ ...r, question: questionView(latest.questions[i]!, p.name, kit.locale) }) as QuestionResultView);
  const texts = questionResultTexts({ ...kit, num: (n) => kit.num(n), publicUrl: '' }, { questions: results, minResponses: NPS_MIN_RESPONSES });
  const wave = latest.wave ? ` · ${kit.t('survey.wave', { wave: latest.wave })}` : '';
  return h`<h3 class="small">${kit.t('survey.questions_label')} · ${kit.date(latest.createdAt)}${wave}</h3>
<ol data-testid="survey-questions">${texts.map((q) => h`<li><strong>${q.title}</strong><div>${q.stat}</div>${q.details.length ? h`<ul class="small">${q.details.map((d) => h`<li>${d}</li>`)}</ul>` : h``}</li>`)}</ol>`;
}

/** The NPS page body. */
export function npsBody(kit: Kit, projects: ProjectNps[]): Html {
  if (!projects.length) return h`<section class="card">${empty(kit.t('web.nps.no_surveys'))}</section>`;
  return h`${projects.map(
    (p, i) => h`<section class="card" data-testid="nps-project"><h2>${p.name}</h2>
<div class="grid two">${result(kit, kit.t('web.nps.kind.baseline'), p.baseline)}${result(kit, kit.t('web.nps.kind.follow_up'), p.followUp)}</div>
${distribution(kit, p, i)}${trend(kit, p, i)}${questionnaire(kit, p)}
<p class="muted small">${kit.t('web.nps.surveys', { n: p.trend.length })}</p></section>`,
  )}
<p class="muted small">${kit.t('web.nps.note', { min: NPS_MIN_RESPONSES })}</p>`;
}
