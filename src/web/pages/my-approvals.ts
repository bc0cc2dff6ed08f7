import { h, type Html } from '../render/html.ts';
import type { Kit } from '../render/kit.ts';
import type { ApprovalsPanel } from '../queries/my-approvals.ts';

const peopleSelect = (name: string, people: readonly { id: string; name: string }[], selected: string | null = null) =>
  h`<select name="${name}" required><option value=""></option>${people.map((p) => h`<option value="${p.id}" ${p.id === selected ? 'selected' : ''}>${p.name}</option>`)}</select>`;

/** My page's approval actions: nudge my waiting outcomes' reviewers, hand over reviews waiting for me, out of office. */
export function myApprovalsBody(kit: Kit, d: ApprovalsPanel): Html {
  const done = d.done ? h`<p class="notice" role="status" data-testid="approval-done">${kit.t(`approval.web.done.${d.done}`)}</p>` : '';
  const nudges = d.waiting.length
    ? h`<ul data-testid="nudges">${d.waiting.map(
        (o) => h`<li>${o.title} <form method="post" action="/app/my/nudge/${o.id}" class="inline"><button type="submit">${kit.t('approval.web.nudge')}</button></form></li>`,
      )}</ul>`
    : h`<p class="muted">${kit.t('approval.nudge_none_pending')}</p>`;
  const handovers = d.reviewing.length
    ? h`<ul data-testid="handovers">${d.reviewing.map(
        (o) => h`<li>${o.title} <a href="/app/my/handover/${o.id}?round=${o.round}" data-testid="handover-link">${kit.t('approval.web.handover')}</a></li>`,
      )}</ul>`
    : h`<p class="muted">${kit.t('approval.delegate_none')}</p>`;
  const away = h`<form method="post" action="/app/my/away" data-testid="away">
<label>${kit.t('approval.web.away_from')} <input type="date" name="awayFrom" value="${d.away?.awayFrom ?? ''}"></label>
<label>${kit.t('approval.web.away_until')} <input type="date" name="awayUntil" value="${d.away?.awayUntil ?? ''}"></label>
<label>${kit.t('approval.web.stand_in')} ${peopleSelect('delegate', d.people, d.away?.delegateId ?? null)}</label>
<button type="submit">${kit.t('approval.web.away_save')}</button></form>
${d.away?.awayFrom ? h`<form method="post" action="/app/my/away"><input type="hidden" name="clear" value="1"><button type="submit">${kit.t('approval.web.away_clear')}</button></form>` : ''}`;
  return h`<section class="card" id="approvals" data-testid="approvals"><h2>${kit.t('approval.web.title')}</h2>${done}
<h3>${kit.t('approval.web.nudge_title')}</h3>${nudges}
<h3>${kit.t('approval.web.handover_title')}</h3>${handovers}
<h3>${kit.t('approval.web.away_title')}</h3>${away}</section>`;
}

/**
 * The hand-over form of one review waiting for me: one list of people for one review (listing
 * the workspace's people once per waiting review made My page megabytes at 1,000 people).
 */
export function handOverBody(kit: Kit, o: { id: string; title: string; round: number }, people: readonly { id: string; name: string }[]): Html {
  return h`<section class="card" data-testid="handover"><h2>${kit.t('approval.web.handover_title')}</h2><p>${o.title}</p>
<form method="post" action="/app/my/handover/${o.id}"><input type="hidden" name="round" value="${o.round}">
<label>${kit.t('approval.web.to')} ${peopleSelect('to', people)}</label> <label>${kit.t('approval.web.reason')} <input name="reason" required maxlength="500"></label>
<button type="submit">${kit.t('approval.web.handover')}</button></form></section>`;
}
