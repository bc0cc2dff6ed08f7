import { listMyOpenReviews } from '../../db/queries/my-open-reviews.ts';
import type { Deps } from '../../deps.ts';
import { h, type Html } from '../render/html.ts';
import type { Kit } from '../render/kit.ts';
import type { Viewer } from '../env.ts';

/**
 * What the viewer can do on this outcome now, as links to the forms (the outcome page is where a
 * chat card's "open in dashboard" lands): decide it, edit and resubmit it, or record its review.
 * Who may is judged again by the verb when the form is sent.
 */
export async function outcomeActions(deps: Deps, kit: Kit, v: Viewer, outcomeId: string): Promise<Html | ''> {
  const o = await deps.verbs.outcomes.get(v.workspace.id, outcomeId);
  if (!o) return '';
  const links: Html[] = [];
  const mine = o.submitterId === v.person.id;
  if ((o.status === 'submitted' && o.reviewerId === v.person.id) || (o.status === 'manager_approved' && v.roles.pmo && !mine))
    links.push(h`<a class="button" href="/app/approvals#decide-${o.id}" data-testid="act-decide">${kit.t('webact.decide')}</a>`);
  if (mine && o.status === 'changes_requested') links.push(h`<a class="button" href="/app/outcomes/${encodeURIComponent(o.id)}/edit" data-testid="act-edit">${kit.t('card.edit')}</a>`);
  for (const r of (await listMyOpenReviews(deps.db, v.workspace.id, v.person.id)).filter((r) => r.outcomeId === o.id))
    links.push(h`<a class="button" href="/app/reviews/${encodeURIComponent(r.scheduleId)}/record" data-testid="act-record">${kit.t('webact.record')}</a>`);
  return links.length ? h`<p data-testid="outcome-actions">${links}</p>` : '';
}
