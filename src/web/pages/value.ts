import type { ScoreCard } from '../../domain/types.ts';
import type { ValueData } from '../queries/value.ts';
import { changeText, empty, outcomeLink, scrollTable } from '../render/bits.ts';
import { attainmentText } from '../render/attainment.ts';
import { chart, COLORS } from '../render/chart.ts';
import { money } from '../render/money.ts';
import { h, type Html } from '../render/html.ts';
import type { Kit } from '../render/kit.ts';
import { insightsSection } from '../render/insights.ts';

function improvements(kit: Kit, d: ValueData): Html {
  const unverified = d.unverified ? h` ${kit.t('web.value.unverified_count', { n: d.unverified })}` : '';
  const note = h`<p class="muted small" data-testid="verified-only">${kit.t('web.value.verified_only')}${unverified}</p>`;
  if (!d.improvements.length) return h`${empty(kit.t('web.value.no_improvements'))}${note}`;
  const head = h`<tr><th>${kit.t('card.outcome')}</th><th class="hide-sm">${kit.t('card.metric')}</th><th class="num hide-sm">${kit.t('web.value.before_after')}</th><th class="num hide-sm">${kit.t('web.value.target')}</th><th class="num">${kit.t('web.improvement')}</th><th class="num">${kit.t('web.attainment')}</th></tr>`;
  const rows = d.improvements.map((m) => {
    const u = m.unit ? ` ${m.unit}` : '';
    return h`<tr><td>${outcomeLink({ id: m.outcomeId, title: m.title })}<div class="muted small">${m.projectName ?? ''}<span class="show-sm"> · ${m.metric}</span></div></td><td class="hide-sm">${m.metric}</td><td class="num hide-sm">${kit.num(m.baseline)}${u} → ${kit.num(m.actual)}${u}</td><td class="num hide-sm">${kit.num(m.target)}${u}</td><td class="num">${changeText(kit, m.improvement)}</td><td class="num" data-testid="attainment">${attainmentText(kit, m.progress)}</td></tr>`;
  });
  const top = d.improvements.filter((m) => m.progress !== null).slice(0, 8);
  const bars = top.length
    ? chart('improvements', kit.t('web.value.chart_label'), {
        kind: 'bars',
        x: top.map((_, i) => i),
        labels: top.map((m) => (m.metric.length > 14 ? `${m.metric.slice(0, 13)}…` : m.metric)),
        series: [{ label: kit.t('web.attainment'), values: top.map((m) => Math.round(m.progress! * 1000) / 10), color: COLORS.brand }],
      })
    : '';
  return h`${bars}${scrollTable(head, rows, 'improvements')}${note}<p class="muted small">${kit.t('web.value.improvement_note')}</p>`;
}

function roi(kit: Kit, d: ValueData): Html {
  if (!d.roi.length) return empty(kit.t('web.value.no_roi'));
  const m = (n: number) => money(kit, n, d.currency);
  const head = h`<tr><th>${kit.t('card.outcome')}</th><th class="num hide-sm">${kit.t('web.value.cost')}</th><th class="num">${kit.t('web.value.benefit')}</th><th class="num">ROI</th></tr>`;
  const rows = d.roi.map((r) => h`<tr><td>${outcomeLink({ id: r.outcomeId, title: r.title })}</td><td class="num hide-sm">${m(r.cost)}</td><td class="num">${m(r.benefit)}</td><td class="num">${changeText(kit, r.roi)}</td></tr>`);
  const total = d.roiTotal ? h`<tr><th>${kit.t('web.total')}</th><th class="num hide-sm">${m(d.roiTotal.cost)}</th><th class="num">${m(d.roiTotal.benefit)}</th><th class="num">${changeText(kit, d.roiTotal.roi)}</th></tr>` : h``;
  return h`${scrollTable(head, [...rows, total], 'roi')}<p class="muted small">${kit.t('web.value.roi_formula')}</p>`;
}

const scoreCells = (kit: Kit, s: ScoreCard | null): Html =>
  s ? h`<td class="num">${kit.num(s.impact)}</td><td class="num">${kit.num(s.difficulty)}</td><td class="num">${kit.num(s.innovation)}</td>` : h`<td>—</td><td>—</td><td>—</td>`;

function scores(kit: Kit, d: ValueData): Html {
  if (!d.scores.n) return empty(kit.t('web.value.no_scores'));
  const head = h`<tr><th></th><th class="num">${kit.t('card.score.impact')}</th><th class="num">${kit.t('card.score.difficulty')}</th><th class="num">${kit.t('card.score.innovation')}</th><th class="num">n</th></tr>`;
  const rows = [
    h`<tr><th>${kit.t('web.value.all_outcomes')}</th>${scoreCells(kit, d.scores.overall)}<td class="num">${d.scores.n}</td></tr>`,
    ...d.scores.byProject.map((p) => h`<tr><td>${p.name}</td>${scoreCells(kit, p.scores)}<td class="num">${p.n}</td></tr>`),
    ...d.scores.byClass.map((c) => h`<tr><td>${kit.t(`indicator.${c.indicatorClass}`)}</td>${scoreCells(kit, c.scores)}<td class="num">${c.n}</td></tr>`),
  ];
  return h`${scrollTable(head, rows, 'scores')}<p class="muted small">${kit.t('web.value.scores_note')}</p>`;
}

/** The value page body. */
export function valueBody(kit: Kit, d: ValueData): Html {
  return h`<section class="card"><h2>${kit.t('web.value.top_attainment')}</h2>${improvements(kit, d)}</section>
<div class="grid two">
<section class="card"><h2>${kit.t('web.value.roi')}</h2>${roi(kit, d)}</section>
<section class="card"><h2>${kit.t('web.value.scores')}</h2>${scores(kit, d)}</section>
</div>
${insightsSection(kit, d.insights)}`;
}
