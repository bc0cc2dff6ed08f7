import type { OkrLinkData } from '../queries/okr.ts';
import { h, type Html } from './html.ts';
import type { Kit } from './kit.ts';

/** The outcome page's key-result part: what it counts towards, and (for who may) a select to change it. */
export function okrLinkSection(kit: Kit, d: OkrLinkData | undefined): Html | '' {
  if (!d || (!d.current && (!d.canLink || !d.options.length))) return '';
  const current = d.current
    ? h`<p data-testid="okr-linked">${kit.t('okr.linked_to', { kr: d.current.title, objective: d.current.objective })} <a class="small" href="/app/okr">${kit.t('okr.see_tree')}</a></p>`
    : h`<p class="muted">${kit.t('okr.not_linked')}</p>`;
  const select = d.canLink
    ? h`<form method="post" action="/app/outcomes/${encodeURIComponent(d.outcomeId)}/key-result" data-testid="okr-link-form"><label>${kit.t('okr.field.key_result')} <select name="keyResultId"><option value="">${kit.t('okr.no_key_result')}</option>${d.options.map(
        (o) => h`<option value="${o.id}"${o.id === d.current?.id ? h` selected` : ''}>${o.objective} › ${o.title}${o.cycle ? ` (${o.cycle})` : ''}</option>`,
      )}</select></label> <button type="submit">${kit.t('okr.save')}</button></form>`
    : '';
  return h`<section class="card" id="key-result" data-testid="okr-link"><h2>${kit.t('okr.key_result')}</h2>${current}${select}</section>`;
}
