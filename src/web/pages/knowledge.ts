import type { FieldError } from '../../domain/errors.ts';
import { INDICATOR_CLASSES } from '../../domain/types.ts';
import { STATUSES } from '../queries/filters.ts';
import type { KbQuery, KnowledgeData } from '../queries/knowledge.ts';
import type { KbResult } from '../../views/kb-results.ts';
import { empty, statusPill } from '../render/bits.ts';
import { h, type Html } from '../render/html.ts';
import type { Kit } from '../render/kit.ts';
import { segmentsHtml } from '../render/snippet.ts';

/** The page's URL for a query (paging links keep the words and filters). */
export function knowledgeHref(q: KbQuery, offset: number): string {
  const p = new URLSearchParams();
  if (q.q) p.set('q', q.q);
  if (q.indicatorClass) p.set('class', q.indicatorClass);
  if (q.projectId) p.set('project', q.projectId);
  if (q.status) p.set('status', q.status);
  if (q.tag) p.set('tag', q.tag);
  if (q.template) p.set('template', q.template);
  if (offset) p.set('offset', String(offset));
  const s = p.toString();
  return `/app/knowledge${s ? `?${s}` : ''}`;
}

function searchForm(kit: Kit, d: KnowledgeData, problems: FieldError[]): Html {
  const q = d.query;
  const problem = (field: string) => problems.filter((p) => p.field === field).map((p) => h`<span class="error">${kit.t(p.key, p.params)}</span>`);
  const selected = (on: boolean) => (on ? h` selected` : '');
  const all = h`<option value="">${kit.t('web.filter.all')}</option>`;
  return h`<form class="filters card" method="get" action="/app/knowledge" role="search" data-testid="kb-search">
  <label>${kit.t('web.kb.query')}<input type="search" name="q" value="${q.q}" placeholder="${kit.t('web.kb.placeholder')}" maxlength="200" data-testid="kb-q"></label>
  <label>${kit.t('web.kb.class')}<select name="class">${all}${INDICATOR_CLASSES.map((c) => h`<option value="${c}"${selected(c === q.indicatorClass)}>${kit.t(`indicator.${c}`)}</option>`)}</select>${problem('class')}</label>
  <label>${kit.t('web.filter.project')}<select name="project">${all}${d.projects.map((p) => h`<option value="${p.id}"${selected(p.id === q.projectId)}>${p.name}</option>`)}</select></label>
  <label>${kit.t('web.filter.status')}<select name="status">${all}${STATUSES.map((s) => h`<option value="${s}"${selected(s === q.status)}>${kit.t(`status.${s}`)}</option>`)}</select>${problem('status')}</label>
  <label>${kit.t('web.kb.tag')}<select name="tag">${all}${d.tags.map((t) => h`<option value="${t}"${selected(t === q.tag)}>${t}</option>`)}</select></label>
  <label>${kit.t('web.kb.template')}<select name="template">${all}${d.templates.map((t) => h`<option value="${t.key}"${selected(t.key === q.template)}>${t.name[kit.locale]}</option>`)}</select></label>
  ${problem('offset')}
  <button type="submit">${kit.t('web.kb.submit')}</button>
  <a class="button secondary" href="/app/knowledge">${kit.t('web.filter.reset')}</a>
</form>`;
}

function result(kit: Kit, r: KbResult): Html {
  const facts = [r.projectName, r.indicatorClass ? kit.t(`indicator.${r.indicatorClass}`) : null, r.attainment === null ? null : `${kit.t('web.similar.attainment')} ${kit.pct(r.attainment)}`].filter(Boolean).join(' · ');
  return h`<li data-testid="kb-hit" data-kind="${r.kind}" data-outcome="${r.outcomeId}">
  <a href="/app/outcomes/${encodeURIComponent(r.outcomeId)}">${segmentsHtml(r.title)}</a>
  ${r.kind === 'lesson' ? h`<span class="pill">${kit.t('web.kb.kind.lesson')}</span>` : ''} ${statusPill(kit, r.status)}
  <div class="small muted">${facts}</div>
  <p class="small" data-testid="kb-snippet">${segmentsHtml(r.snippet)}</p>
</li>`;
}

/** The knowledge page body: search form, hits with their marked snippets, paging. */
export function knowledgeBody(kit: Kit, d: KnowledgeData, problems: FieldError[] = []): Html {
  const q = d.query;
  const prev = q.offset > 0 ? h`<a class="button secondary" href="${knowledgeHref(q, Math.max(0, q.offset - d.pageSize))}" data-testid="kb-prev">${kit.t('web.kb.previous')}</a>` : '';
  const next = d.more ? h`<a class="button secondary" href="${knowledgeHref(q, q.offset + d.pageSize)}" data-testid="kb-next">${kit.t('web.kb.more')}</a>` : '';
  const list = d.results.length ? h`<ol class="kb-results" data-testid="kb-results" start="${q.offset + 1}">${d.results.map((r) => result(kit, r))}</ol>` : empty(kit.t('web.kb.none'));
  return h`<p class="muted">${kit.t('web.kb.intro')}</p>
${searchForm(kit, d, problems)}
<section class="card"><h2>${kit.t('web.kb.results')}</h2>${list}<p>${prev} ${next}</p></section>`;
}
