import type { OwnerReviews } from '../queries/reviews.ts';
import { DUE_WINDOW_DAYS } from '../queries/reviews.ts';
import { empty, outcomeLink, scrollTable } from '../render/bits.ts';
import { h, type Html } from '../render/html.ts';
import type { Kit } from '../render/kit.ts';

/** The due-reviews page body: one table per owner. */
export function reviewsBody(kit: Kit, d: { owners: OwnerReviews[]; later: number; notListed: number }): Html {
  const intro = h`<p class="muted">${kit.t('web.reviews.intro', { days: DUE_WINDOW_DAYS })}</p>`;
  if (!d.owners.length) return h`${intro}<section class="card">${empty(kit.t('web.reviews.none'))}</section>`;
  const head = h`<tr><th>${kit.t('card.outcome')}</th><th>${kit.t('web.review.kind')}</th><th>${kit.t('web.review.due')}</th><th>${kit.t('card.status')}</th></tr>`;
  return h`${intro}${d.owners.map((o) => {
    const overdue = o.reviews.filter((r) => r.overdue).length;
    const rows = o.reviews.map(
      (r) => h`<tr><td>${outcomeLink({ id: r.outcomeId, title: r.title })}<div class="muted small">${r.projectName ?? ''}</div></td><td>${kit.t(`web.review.kind.${r.kind}`)}</td><td>${kit.date(r.dueAt)}</td><td>${
        r.overdue ? h`<span class="pill overdue">${kit.t('web.review.overdue')}</span>` : h`<span class="pill">${kit.t(`web.review.status.${r.status}`)}</span>`
      }</td></tr>`,
    );
    return h`<section class="card" data-testid="owner-reviews"><h2>${o.ownerName} <span class="muted small">${kit.t('web.reviews.counts', { due: o.reviews.length, overdue })}</span></h2>${scrollTable(head, rows)}</section>`;
  })}${d.notListed ? h`<p class="muted small" data-testid="not-listed">${kit.t('web.reviews.not_listed', { n: d.notListed })}</p>` : ''}${d.later ? h`<p class="muted small">${kit.t('web.reviews.later', { n: d.later })}</p>` : ''}`;
}
