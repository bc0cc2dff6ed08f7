import type { SimilarOutcome } from '../queries/knowledge.ts';
import { empty, outcomeLink, scrollTable, statusPill } from './bits.ts';
import { h, type Html } from './html.ts';
import type { Kit } from './kit.ts';

/** The outcome page's "similar past outcomes": the viewer's most similar outcomes with their status and attainment. */
export function similarOutcomesSection(kit: Kit, similar: readonly SimilarOutcome[]): Html {
  const head = h`<tr><th>${kit.t('card.outcome')}</th><th>${kit.t('card.status')}</th><th class="num">${kit.t('web.similar.attainment')}</th></tr>`;
  const rows = similar.map((o) => h`<tr><td>${outcomeLink(o)}</td><td>${statusPill(kit, o.status)}</td><td class="num">${o.attainment === null ? '—' : kit.pct(o.attainment)}</td></tr>`);
  return h`<section class="card" data-testid="similar-outcomes"><h2>${kit.t('web.similar.title')}</h2>${similar.length ? scrollTable(head, rows) : empty(kit.t('web.similar.none'))}</section>`;
}
