import { OUTBOX_STATES } from '../../db/queries/delivery.ts';
import { encodeCursor } from '../../views/page-cursor.ts';
import type { DeliveryPage } from '../queries/delivery.ts';
import { empty, scrollTable } from '../render/bits.ts';
import { h, type Html } from '../render/html.ts';
import type { Kit } from '../render/kit.ts';

/** The state column: a row no platform can send says so, whatever its state. */
const stateCell = (kit: Kit, r: DeliveryPage['rows'][number]): Html =>
  h`${r.noPlatform ? h`<strong class="down" data-testid="no-platform">${kit.t('web.delivery.no_platform')}</strong>` : kit.t(`web.delivery.state.${r.status}`)}${r.lastError ? h`<br><span class="small muted">${r.lastError}</span>` : ''}`;

/** The admins' delivery page: one state at a time (tabs), newest first, a retry button on dead rows. */
export function deliveryBody(kit: Kit, d: DeliveryPage, retried: boolean): Html {
  const tabs = h`<nav class="tabs" aria-label="${kit.t('web.delivery.status')}">${OUTBOX_STATES.map(
    (s) => h`<a class="button${s === d.state ? '' : ' secondary'}" href="/app/delivery?state=${s}"${s === d.state ? h` aria-current="page"` : ''} data-state="${s}">${kit.t(`web.delivery.state.${s}`)}</a> `,
  )}</nav>`;
  // Three columns that fit a phone (the message and its reader, its state with the last error, the retry); counts and times beside them on wider screens.
  const head = h`<tr><th>${kit.t('web.delivery.kind')} · ${kit.t('web.delivery.to')}</th><th>${kit.t('web.delivery.status')} · ${kit.t('web.delivery.last_error')}</th><th class="num hide-sm">${kit.t('web.delivery.attempts')}</th><th class="hide-sm">${kit.t('web.delivery.created')}</th><th></th></tr>`;
  const rows = d.rows.map(
    (r) => h`<tr data-row="${r.id}"><td>${r.kind} <span class="muted small">${r.platform}</span><br><span class="small">${r.recipientName ?? r.destination}</span></td><td>${stateCell(kit, r)}</td><td class="num hide-sm">${r.attempts}</td><td class="small hide-sm">${kit.dateTime(r.createdAt)}</td><td>${
      r.status === 'dead' ? h`<form method="post" action="/app/delivery/${encodeURIComponent(r.id)}/retry"><button type="submit" data-testid="retry">${kit.t('web.delivery.retry')}</button></form>` : ''
    }</td></tr>`,
  );
  const more = d.next ? h`<p><a href="/app/delivery?state=${d.state}&amp;cursor=${encodeCursor(d.next)}" data-testid="delivery-more">${kit.t('web.delivery.more')}</a></p>` : '';
  const note = retried ? h`<div class="alert ok" role="status" data-testid="retried">${kit.t('web.delivery.retried')}</div>` : '';
  return h`${note}<p class="small muted">${kit.t('web.delivery.intro')}</p><p>${tabs}</p>
<section class="card">${d.rows.length ? scrollTable(head, rows, 'delivery') : empty(kit.t('web.delivery.none'))}${more}</section>`;
}
