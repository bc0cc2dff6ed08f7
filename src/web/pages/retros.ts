import type { FieldError } from '../../domain/errors.ts';
import { dayOf } from '../../domain/calendar-date.ts';
import { packLines } from '../../views/retro-pack.ts';
import type { RetroPageData } from '../queries/retro.ts';
import { empty, scrollTable } from '../render/bits.ts';
import { h, type Html } from '../render/html.ts';
import type { Kit } from '../render/kit.ts';

/** Empty action rows the conclusions form offers at a time. */
export const NEW_ACTION_ROWS = 5;

/** The list of retrospectives, latest period first. */
export function retroListBody(kit: Kit, rows: { id: string; periodKey: string; periodStart: Date; periodEnd: Date; recordedAt: Date | null }[]): Html {
  if (!rows.length) return h`<section class="card">${empty(kit.t('web.retro.none'))}</section>`;
  const head = h`<tr><th>${kit.t('web.retro.period')}</th><th></th><th>${kit.t('web.retro.conclusions')}</th></tr>`;
  const body = rows.map(
    (r) => h`<tr><td><a href="/app/retros/${encodeURIComponent(r.id)}">${r.periodKey}</a></td><td class="small muted">${dayOf(r.periodStart)} – ${dayOf(r.periodEnd)}</td><td class="small">${r.recordedAt ? kit.date(r.recordedAt) : '—'}</td></tr>`,
  );
  return h`<section class="card">${scrollTable(head, body, 'retros')}</section>`;
}

/** The pack as the card has it: headings and lines. */
function pack(lines: string[]): Html {
  const parts: Html[] = [];
  let items: string[] = [];
  const flush = () => {
    if (items.length) parts.push(h`<ul>${items.map((i) => h`<li>${i}</li>`)}</ul>`);
    items = [];
  };
  for (const l of lines) {
    if (l.startsWith('## ')) {
      flush();
      parts.push(h`<h3 class="small">${l.slice(3)}</h3>`);
    } else items.push(l);
  }
  flush();
  return h`<section class="card" data-testid="retro-pack">${parts}</section>`;
}

function actionsTable(kit: Kit, d: RetroPageData, viewerId: string): Html {
  if (!d.actions.length) return empty(kit.t('web.retro.no_actions'));
  const head = h`<tr><th>${kit.t('web.retro.action')}</th><th>${kit.t('web.retro.owner')}</th><th>${kit.t('web.retro.due')}</th><th>${kit.t('web.retro.status')}</th><th></th></tr>`;
  const rows = d.actions.map((a) => {
    const mayClose = a.status === 'open' && (d.pmo || a.ownerId === viewerId);
    const done = mayClose ? h`<form method="post" action="/app/retros/actions/${encodeURIComponent(a.id)}/done"><button type="submit">${kit.t('retro.action.mark_done')}</button></form>` : '';
    return h`<tr data-testid="retro-action"><td>${a.title}</td><td>${a.ownerName || a.ownerAddress}</td><td>${dayOf(a.dueAt)}</td><td><span class="pill ${a.status === 'done' ? 'verified' : ''}">${kit.t(a.status === 'done' ? 'web.retro.done' : 'web.retro.open')}</span></td><td>${done}</td></tr>`;
  });
  return scrollTable(head, rows, 'retro-actions');
}

function conclusionsForm(kit: Kit, d: RetroPageData, problems: FieldError[], typed: { conclusions?: string }): Html {
  const notes = (field: string) => problems.filter((p) => p.field === field).map((p) => h`<span class="error" role="alert">${kit.t(p.key, p.params)}</span>`);
  const options = h`<option value=""></option>${d.people.map((p) => h`<option value="${p.id}">${p.name}</option>`)}`;
  const rows = Array.from({ length: NEW_ACTION_ROWS }, (_, i) =>
    h`<tr><td><input name="action.title.${i}" maxlength="300" aria-label="${kit.t('web.retro.action')}">${notes(`actions.${i}.title`)}</td><td><select name="action.owner.${i}" aria-label="${kit.t('web.retro.owner')}">${options}</select>${notes(`actions.${i}.ownerId`)}</td><td><input type="date" name="action.due.${i}" aria-label="${kit.t('web.retro.due')}">${notes(`actions.${i}.dueOn`)}</td></tr>`,
  );
  return h`<form method="post" action="/app/retros/${encodeURIComponent(d.retro.id)}" class="card" data-testid="conclusions-form">
${problems.length ? h`<div class="alert error" role="alert">${kit.t('error.validation_failed')}</div>` : ''}
<div class="field"><label for="conclusions">${kit.t('web.retro.conclusions')}</label><textarea id="conclusions" name="conclusions" rows="5" maxlength="10000">${typed.conclusions ?? d.retro.conclusions}</textarea>${notes('conclusions')}</div>
<h3 class="small">${kit.t('web.retro.new_actions')}</h3>
<table><tbody>${rows}</tbody></table>${notes('actions')}
<button type="submit">${kit.t('web.retro.save')}</button></form>`;
}

/** One retrospective: the pack (PMO), the conclusions (a form for the PMO), and the actions. */
export function retroBody(kit: Kit, d: RetroPageData, viewerId: string, opts: { saved?: boolean; problems?: FieldError[]; typed?: { conclusions?: string } } = {}): Html {
  const recorded = d.retro.recordedAt ? h`<p class="muted small">${kit.t('web.retro.recorded_by', { name: d.recordedByName ?? '—', date: kit.date(d.retro.recordedAt) })}</p>` : '';
  const conclusions = d.pmo
    ? conclusionsForm(kit, d, opts.problems ?? [], opts.typed ?? {})
    : h`<section class="card"><h2>${kit.t('web.retro.conclusions')}</h2><p class="desc">${d.retro.conclusions || '—'}</p></section>`;
  return h`${opts.saved ? h`<div class="alert ok" role="status" data-testid="saved">${kit.t('web.retro.saved')}</div>` : ''}
<p class="muted small">${dayOf(d.retro.periodStart)} – ${dayOf(d.retro.periodEnd)}</p>
${d.pack ? pack(packLines(d.pack, kit.locale)) : ''}
${conclusions}${recorded}
<section class="card"><h2>${kit.t('web.retro.actions')}</h2>${actionsTable(kit, d, viewerId)}</section>`;
}
