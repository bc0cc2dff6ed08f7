import { INDICATOR_CLASSES } from '../../domain/types.ts';
import type { FieldError } from '../../domain/errors.ts';
import { LIST_SORTS } from '../../db/queries/outcome-list.ts';
import type { Filters } from '../queries/filters.ts';
import { STATUSES } from '../queries/filters.ts';
import type { MatrixCell, PortfolioData } from '../queries/portfolio.ts';
import { attainmentText, heatShade } from '../render/attainment.ts';
import { empty, outcomeLink, scrollTable, statusPill } from '../render/bits.ts';
import { forecastPill } from '../render/forecast.ts';
import { h, type Html } from '../render/html.ts';
import { waitText, type Kit } from '../render/kit.ts';

/** The portfolio's address with these filters (and a sort / cursor), for sort and pager links. */
function portfolioHref(f: Filters, extra: Record<string, string | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ project: f.project, status: f.status, from: f.from, to: f.to, ...extra })) if (v) q.set(k, v);
  const s = q.toString();
  return `/app/portfolio${s ? `?${s}` : ''}`;
}

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
  <label>${kit.t('web.list.sort')}
    <select name="sort">${LIST_SORTS.map((s) => h`<option value="${s}"${selected(s === data.sort)}>${kit.t(`web.list.sort.${s}`)}</option>`)}</select>${problem('sort')}${problem('after')}</label>
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

const matrixCell = (kit: Kit, c: MatrixCell, cls = ''): Html =>
  c.verified ? h`<td${cls ? h` class="${cls}"` : ''}><span class="count">${c.verified}</span>${attainmentText(kit, c.attainment)}</td>` : h`<td class="muted${cls ? ` ${cls}` : ''}">·</td>`;

function matrix(kit: Kit, data: PortfolioData): Html {
  if (!data.matrix.length) return empty(kit.t('web.portfolio.matrix_empty'));
  const head = h`<tr><th>${kit.t('card.project')}</th>${INDICATOR_CLASSES.map((k) => h`<th>${kit.t(`indicator.${k}`)}</th>`)}<th class="hide-sm">${kit.t('web.total')}</th></tr>`;
  const rows = data.matrix.map((r) => h`<tr><td>${r.projectName ?? kit.t('web.portfolio.no_project')}</td>${INDICATOR_CLASSES.map((k) => matrixCell(kit, r.cells[k]))}${matrixCell(kit, r.total, 'hide-sm')}</tr>`);
  const total = h`<tr class="total"><th>${kit.t('web.total')}</th>${INDICATOR_CLASSES.map((k) => matrixCell(kit, data.classTotals[k]))}<td class="hide-sm"></td></tr>`;
  return h`<div class="matrix">${scrollTable(head, [...rows, total], 'matrix')}</div><p class="muted small">${kit.t('web.portfolio.attainment_note')}</p>`;
}

function heatMap(kit: Kit, data: PortfolioData): Html {
  if (!data.heat.rows.length) return empty(kit.t('web.portfolio.heat_empty'));
  // On a phone the last six months show (the older ones are class "old").
  const old = (i: number) => (i < data.heat.months.length - 6 ? ' old' : '');
  const head = h`<tr><th>${kit.t('card.project')}</th>${data.heat.months.map((m, i) => h`<th class="num${old(i)}" title="${m}">${m.endsWith('-01') || i === 0 ? m.slice(2) : m.slice(5)}</th>`)}</tr>`;
  const rows = data.heat.rows.map(
    (r) => h`<tr><td>${r.projectName ?? kit.t('web.portfolio.no_project')}</td>${r.cells.map((c, i) => {
      const title = c.verified ? `${data.heat.months[i]}: ${kit.t('web.portfolio.heat_cell', { n: c.verified, attainment: c.attainment === null ? '—' : kit.pct(c.attainment) })}` : data.heat.months[i]!;
      return h`<td class="num heat-${heatShade(c.attainment, c.verified)}${old(i)}" title="${title}">${c.verified || ''}</td>`;
    })}</tr>`,
  );
  return h`<div class="heat">${scrollTable(head, rows, 'heatmap')}</div><p class="muted small">${kit.t('web.portfolio.heat_note')}</p>`;
}

function list(kit: Kit, data: PortfolioData, f: Filters): Html {
  if (!data.outcomes.length) return empty(kit.t('web.portfolio.list_empty'));
  const sortLink = (sort: (typeof LIST_SORTS)[number], label: string) =>
    data.sort === sort ? h`<span aria-sort="${sort === 'title' ? 'ascending' : 'descending'}">${label} ▾</span>` : h`<a href="${portfolioHref(f, { sort })}" data-testid="sort-${sort}">${label}</a>`;
  const head = h`<tr><th>${sortLink('title', kit.t('card.outcome'))}</th><th class="hide-sm">${kit.t('card.project')}</th><th class="hide-sm">${kit.t('card.indicator_class')}</th><th class="hide-sm">${kit.t('card.status')}</th><th>${kit.t('forecast.label')}</th><th class="hide-sm">${kit.t('card.submitter')}</th><th class="num">${sortLink('attainment', kit.t('web.attainment'))}</th><th class="hide-sm">${sortLink('newest', kit.t('web.list.sort.newest'))}</th></tr>`;
  const rows = data.outcomes.map(
    (o) => h`<tr><td>${outcomeLink(o)}</td><td class="hide-sm">${o.projectName ?? '—'}</td><td class="hide-sm">${o.indicatorClass ? kit.t(`indicator.${o.indicatorClass}`) : '—'}</td><td class="hide-sm">${statusPill(kit, o.status)}</td><td data-testid="forecast">${forecastPill(kit, o.forecast)}</td><td class="hide-sm">${o.submitterName}</td><td class="num" data-testid="attainment">${attainmentText(kit, o.attainment)}</td><td class="small muted hide-sm">${kit.date(o.updatedAt)}</td></tr>`,
  );
  const pager = h`<nav class="pager">${f.after ? h`<a href="${portfolioHref(f, { sort: data.sort })}" data-testid="first-page">${kit.t('web.list.first')}</a>` : ''}${
    data.next ? h`<a href="${portfolioHref(f, { sort: data.sort, after: data.next })}" data-testid="next-page">${kit.t('web.list.next')}</a>` : ''
  }</nav>`;
  return h`${scrollTable(head, rows, 'outcome-list')}${pager}`;
}

/** The portfolio page body. */
export function portfolioBody(kit: Kit, data: PortfolioData, f: Filters, problems: FieldError[] = []): Html {
  return h`${filterForm(kit, data, f, problems)}
${counts(kit, data)}
<section class="card"><h2>${kit.t('web.portfolio.matrix')}</h2>${matrix(kit, data)}</section>
<section class="card"><h2>${kit.t('web.portfolio.heat')}</h2>${heatMap(kit, data)}</section>
<section class="card"><h2>${kit.t('web.portfolio.outcomes')}</h2>${list(kit, data, f)}</section>`;
}
