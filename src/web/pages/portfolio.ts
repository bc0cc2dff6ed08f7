import { INDICATOR_CLASSES } from '../../domain/types.ts';
import type { FieldError } from '../../domain/errors.ts';
import type { Filters } from '../queries/filters.ts';
import { STATUSES } from '../queries/filters.ts';
import type { PortfolioData } from '../queries/portfolio.ts';
import { changeText, empty, outcomeLink, scrollTable, statusPill } from '../render/bits.ts';
import { forecastPill } from '../render/forecast.ts';
import { h, type Html } from '../render/html.ts';
import { waitText, type Kit } from '../render/kit.ts';

function filterForm(kit: Kit, data: PortfolioData, f: Filters, problems: FieldError[]): Html {
  const problem = (field: string) => problems.filter((p) => p.field === field).map((p) => h`<span class="error">${kit.t(p.key, p.params)}</span>`);
  const selected = (on: boolean) => (on ? h` selected` : '');
  return h`<form class="filters card" method="get" action="/app/portfolio" data-testid="filters">
  <label>${kit.t('web.filter.project')}
    <select name="project"><option value="">${kit.t('web.filter.all')}</option>${data.projects.map((p) => h`<option value="${p.id}"${selected(p.id === f.project)}>${p.name}</option>`)}</select></label>
  <label>${kit.t('web.filter.status')}
    <select name="status"><option value="">${kit.t('web.filter.all')}</option>${STATUSES.map((s) => h`<option value="${s}"${selected(s === f.status)}>${kit.t(`status.${s}`)}</option>`)}</select>${problem('status')}</label>
  <label>${kit.t('web.filter.from')}<input type="date" name="from" value="${f.from ?? ''}">${problem('from')}</label>
  <label>${kit.t('web.filter.to')}<input type="date" name="to" value="${f.to ?? ''}">${problem('to')}</label>
  <button type="submit">${kit.t('web.filter.apply')}</button>
  <a class="button secondary" href="/app/portfolio">${kit.t('web.filter.reset')}</a>
</form>`;
}

function counts(kit: Kit, data: PortfolioData): Html {
  return h`<section class="stats" aria-label="${kit.t('web.portfolio.counts')}" data-testid="status-counts">${data.counts.map(
    (c) => h`<div class="stat" data-group="${c.group}"><div class="value">${c.count}</div><div class="label">${kit.t(`web.group.${c.group}`)}</div>${
      c.medianWaitMs !== null ? h`<div class="wait">${kit.t('web.portfolio.wait', { median: waitText(kit, c.medianWaitMs), oldest: waitText(kit, c.oldestWaitMs) })}</div>` : ''
    }</div>`,
  )}</section>`;
}

function matrix(kit: Kit, data: PortfolioData): Html {
  if (!data.matrix.length) return empty(kit.t('web.portfolio.matrix_empty'));
  const head = h`<tr><th>${kit.t('card.project')}</th>${INDICATOR_CLASSES.map((k) => h`<th>${kit.t(`indicator.${k}`)}</th>`)}</tr>`;
  const rows = data.matrix.map(
    (r) => h`<tr><td>${r.projectName ?? kit.t('web.portfolio.no_project')}</td>${INDICATOR_CLASSES.map((k) => {
      const cell = r.cells[k];
      return cell.verified ? h`<td><span class="count">${cell.verified}</span>${changeText(kit, cell.meanChange)}</td>` : h`<td class="muted">·</td>`;
    })}</tr>`,
  );
  return h`<div class="matrix">${scrollTable(head, rows, 'matrix')}</div><p class="muted small">${kit.t('web.portfolio.matrix_note')}</p>`;
}

function list(kit: Kit, data: PortfolioData): Html {
  if (!data.outcomes.length) return empty(kit.t('web.portfolio.list_empty'));
  const head = h`<tr><th>${kit.t('card.outcome')}</th><th>${kit.t('card.project')}</th><th class="hide-sm">${kit.t('card.indicator_class')}</th><th>${kit.t('card.status')}</th><th>${kit.t('forecast.label')}</th><th class="hide-sm">${kit.t('card.submitter')}</th><th class="num">${kit.t('web.improvement')}</th><th class="hide-sm">${kit.t('web.updated')}</th></tr>`;
  const rows = data.outcomes.map(
    (o) => h`<tr><td>${outcomeLink(o)}</td><td>${o.projectName ?? '—'}</td><td class="hide-sm">${o.indicatorClass ? kit.t(`indicator.${o.indicatorClass}`) : '—'}</td><td>${statusPill(kit, o.status)}</td><td data-testid="forecast">${forecastPill(kit, o.forecast)}</td><td class="hide-sm">${o.submitterName}</td><td class="num">${changeText(kit, o.improvement)}</td><td class="small muted hide-sm">${kit.date(o.updatedAt)}</td></tr>`,
  );
  return scrollTable(head, rows, 'outcome-list');
}

/** The portfolio page body. */
export function portfolioBody(kit: Kit, data: PortfolioData, f: Filters, problems: FieldError[] = []): Html {
  return h`${filterForm(kit, data, f, problems)}
${counts(kit, data)}
<section class="card"><h2>${kit.t('web.portfolio.matrix')}</h2>${matrix(kit, data)}</section>
<section class="card"><h2>${kit.t('web.portfolio.outcomes')}</h2>${list(kit, data)}</section>`;
}
