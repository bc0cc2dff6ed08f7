import { SMART_CRITERIA, type OutcomeView } from '../../../cards/view.ts';
import { isReviewOverdue } from '../../domain/followup-rules.ts';
import { clippedProgress } from '../../domain/metrics.ts';
import type { OutcomePageData } from '../queries/outcome.ts';
import { changeText, empty, scrollTable, statusPill } from '../render/bits.ts';
import { chart, COLORS } from '../render/chart.ts';
import { evidenceItem, type ChatContext } from '../render/evidence.ts';
import { evidenceUploadForm } from '../render/evidence-upload.ts';
import { forecastCell } from '../render/forecast.ts';
import { h, type Html } from '../render/html.ts';
import type { Kit } from '../render/kit.ts';
import { sourcesTable } from '../render/source-health.ts';
import { activitySections } from '../render/activity.ts';
import { similarOutcomesSection } from '../render/similar-outcomes.ts';
import { lessonsSection } from '../render/lessons.ts';
import { okrLinkSection } from '../render/okr-link.ts';


function facts(kit: Kit, v: OutcomeView): Html {
  const row = (label: string, value: Html | string) => h`<dt>${label}</dt><dd>${value}</dd>`;
  return h`<dl class="facts">
${row(kit.t('card.status'), h`${statusPill(kit, v.status)} <span class="muted small">${kit.t('card.round', { round: v.round })}</span>`)}
${row(kit.t('card.project'), v.project?.name ?? '—')}
${row(kit.t('card.indicator_class'), v.indicatorClass ? kit.t(`indicator.${v.indicatorClass}`) : '—')}
${row(kit.t('card.submitter'), v.submitter.name)}
${row(kit.t('card.owner'), v.owner?.name ?? '—')}
${v.reviewer ? row(kit.t('card.reviewer'), v.reviewer.name) : ''}
${row(kit.t('card.due_date'), v.dueText ?? '—')}
${v.project?.goLiveText ? row(kit.t('web.outcome.go_live'), v.project.goLiveText) : ''}
</dl>`;
}

function smart(kit: Kit, v: OutcomeView): Html {
  return h`<div class="smart" data-testid="smart">${SMART_CRITERIA.map(([k, key]) => h`<span class="pill ${v.smart[k] ? 'verified' : 'no'}">${v.smart[k] ? '✓' : '✗'} ${kit.t(key)}</span>`)}</div>
<p class="desc">${v.description || kit.t('web.outcome.no_description')}</p>`;
}

function metricsTable(kit: Kit, v: OutcomeView): Html {
  if (!v.metrics.length) return empty(kit.t('web.outcome.no_metrics'));
  const head = h`<tr><th>${kit.t('card.metric')}</th><th class="num">${kit.t('card.baseline')}</th><th class="num">${kit.t('card.target')}</th><th class="num">${kit.t('card.actual')}</th><th class="num">${kit.t('card.change')}</th><th>${kit.t('web.progress')}</th><th>${kit.t('forecast.label')}</th></tr>`;
  const rows = v.metrics.map((m) => {
    const unit = m.unit ? ` ${m.unit}` : '';
    return h`<tr><td>${m.name} <span class="muted small">${kit.t(`direction.${m.direction}`)}</span></td><td class="num">${kit.num(m.baseline)}${unit}</td><td class="num">${kit.num(m.target)}${unit} <span class="muted small">(${kit.pct(m.targetChangePct)})</span></td><td class="num">${m.actual === null ? kit.t('card.no_actual') : `${kit.num(m.actual)}${unit}`}</td><td class="num">${m.changePct === null ? '—' : kit.pct(m.changePct)}</td><td>${
      m.progress === null ? '—' : h`<meter min="0" max="1" value="${clippedProgress(m.progress)}"></meter> <span class="small">${kit.pct(m.progress)}</span>`
    }</td><td data-testid="forecast">${forecastCell(kit, m.forecast, m.unit)}</td></tr>`;
  });
  return scrollTable(head, rows, 'metrics');
}

function readingsCharts(kit: Kit, d: OutcomePageData): Html {
  const parts = d.view.metrics.map((m, i) => {
    const readings = d.readings[i] ?? [];
    if (!readings.length) return h`<h3 class="small">${m.name}</h3>${empty(kit.t('web.outcome.no_readings'))}`;
    const x = readings.map((r) => Math.floor(r.measuredAt.getTime() / 1000));
    const unit = m.unit ? ` (${m.unit})` : '';
    return h`<h3 class="small">${m.name}${unit}</h3>${chart(`metric-${i}`, kit.t('web.outcome.chart_label', { metric: m.name }), {
      kind: 'line',
      time: true,
      tz: kit.timeZone,
      x,
      series: [
        { label: kit.t('card.actual'), values: readings.map((r) => r.value), color: COLORS.brand },
        { label: kit.t('card.baseline'), values: x.map(() => m.baseline), color: COLORS.baseline, dash: true },
        { label: kit.t('card.target'), values: x.map(() => m.target), color: COLORS.target, dash: true },
      ],
    })}${readingsTable(kit, m.name, m.unit, readings, new Set(m.forecast?.flaggedIds ?? []))}`;
  });
  return h`${parts}`;
}

/** Each reading with its source; an outlier the forecast left out is marked (newest first, at most 20). */
function readingsTable(kit: Kit, metric: string, unit: string, readings: OutcomePageData['readings'][number], flagged: ReadonlySet<string>): Html {
  const head = h`<tr><th>${kit.t('web.when')}</th><th class="num">${kit.t('card.actual')}</th><th>${kit.t('forecast.reading_source')}</th><th></th></tr>`;
  const rows = readings
    .slice(-20)
    .reverse()
    .map(
      (r) => h`<tr${flagged.has(r.id) ? h` class="outlier" data-outlier="true"` : ''}><td class="small">${kit.date(r.measuredAt)}</td><td class="num">${kit.num(r.value)}${unit ? ` ${unit}` : ''}</td><td>${kit.t(`forecast.source.${r.source}`)}</td><td class="small">${
        flagged.has(r.id) ? h`<span class="pill rejected">${kit.t('forecast.outlier')}</span>` : ''
      }</td></tr>`,
    );
  // Open when something was left out, so an outlier is seen, not only counted.
  return h`<details${flagged.size ? h` open` : ''}><summary class="small">${kit.t('forecast.readings_table', { metric })}</summary>${scrollTable(head, rows, 'readings')}</details>`;
}

function trail(kit: Kit, d: OutcomePageData): Html {
  const v = d.view;
  if (!v.reviews.length) return empty(kit.t('web.outcome.no_reviews'));
  const head = h`<tr><th>${kit.t('web.when')}</th><th>${kit.t('web.stage')}</th><th>${kit.t('card.reviewer')}</th><th>${kit.t('web.decision')}</th><th>${kit.t('card.scores')}</th><th>${kit.t('card.comment')}</th></tr>`;
  const rows = v.reviews.map(
    (r) => h`<tr><td class="small">${r.decidedAtText}</td><td>${kit.t(`stage.${r.stage}`)}</td><td>${r.reviewer.name}</td><td>${kit.t(`decision.${r.decision}`)}</td><td class="small">${
      r.scores ? kit.t('web.scores.line', { impact: r.scores.impact, difficulty: r.scores.difficulty, innovation: r.scores.innovation }) : '—'
    }</td><td>${r.comment ?? ''}</td></tr>`,
  );
  const mean = d.scores ? h`<p class="small">${kit.t('web.scores.mean', { impact: kit.num(d.scores.impact), difficulty: kit.num(d.scores.difficulty), innovation: kit.num(d.scores.innovation) })}</p>` : '';
  return h`${scrollTable(head, rows, 'review-trail')}${mean}`;
}

function followUp(kit: Kit, d: OutcomePageData, now: Date): Html {
  const schedules = d.schedules.length
    ? h`<ul>${d.schedules.map((s) => {
        const overdue = isReviewOverdue(s, now);
        return h`<li>${kit.t(`web.review.kind.${s.kind}`)}: ${kit.date(s.dueAt)} — <span class="pill ${overdue ? 'overdue' : s.status === 'done' ? 'verified' : ''}">${kit.t(overdue ? 'web.review.overdue' : `web.review.status.${s.status}`)}</span>${
          s.completedAt ? h` <span class="muted small">${kit.t('web.review.completed_at', { date: kit.date(s.completedAt) })}</span>` : ''
        }</li>`;
      })}</ul>`
    : empty(kit.t('web.review.none'));
  const alerts = d.alerts.map((a) => {
    const u = a.unit ? ` ${a.unit}` : '';
    return h`<div class="alert" role="alert" data-testid="shortfall-alert"><strong>${kit.t('web.alert.title', { threshold: kit.pct(d.threshold) })}</strong><br>${kit.t('alert.shortfall', {
      metric: a.name,
      baseline: `${kit.num(a.baseline)}${u}`,
      target: `${kit.num(a.target)}${u}`,
      actual: `${kit.num(a.actual)}${u}`,
      progress: kit.pct(a.progress),
      shortfall: kit.pct(a.shortfall),
    })}<br><span class="small muted">${kit.t('web.alert.formula')}</span></div>`;
  });
  return h`${schedules}${alerts}`;
}

/** The outcome page body. */
export function outcomeBody(kit: Kit, d: OutcomePageData, chat: ChatContext, now: Date): Html {
  const v = d.view;
  const value =
    d.cost !== null || d.benefit !== null
      ? h`<section class="card"><h2>${kit.t('web.value.roi')}</h2><p>${kit.t('web.value.cost')}: ${kit.num(d.cost)} · ${kit.t('web.value.benefit')}: ${kit.num(d.benefit)} · ROI: ${changeText(kit, d.roi)}</p></section>`
      : '';
  return h`<div class="grid two">
<section class="card">${facts(kit, v)}</section>
<section class="card"><h2>${kit.t('card.smart')}</h2>${smart(kit, v)}</section>
</div>
<section class="card"><h2>${kit.t('card.metrics')}</h2>${metricsTable(kit, v)}${d.sources.length ? h`<h3 class="small">${kit.t('web.sources.title')}</h3>${sourcesTable(kit, d.sources, { testId: 'metric-sources' })}` : ''}</section>
<section class="card"><h2>${kit.t('web.outcome.readings')}</h2>${readingsCharts(kit, d)}</section>
<section class="card" data-testid="follow-up"><h2>${kit.t('web.outcome.follow_up')}</h2>${followUp(kit, d, now)}</section>
<section class="card" id="evidence"><h2>${kit.t('card.evidence')}</h2>${v.evidence.length ? h`<ul data-testid="evidence">${v.evidence.map((e) => evidenceItem(kit, e, chat))}</ul>` : empty(kit.t('card.no_evidence'))}${evidenceUploadForm(kit, d.upload)}</section>
<section class="card"><h2>${kit.t('card.review_trail')}</h2>${trail(kit, d)}</section>
${lessonsSection(kit, v.id, d.lessons, d.lessonForm)}
${value}${okrLinkSection(kit, d.okr)}
${d.activity ? activitySections(kit, d.activity) : ''}
${similarOutcomesSection(kit, d.similar)}`;
}
