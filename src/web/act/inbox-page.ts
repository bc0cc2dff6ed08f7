import { SCORE_DIMENSIONS } from '../../domain/scores.ts';
import { WEB_SUBMIT_PATH } from '../../views/web-links.ts';
import { outcomeLink, empty } from '../render/bits.ts';
import { h, safeHref, type Html } from '../render/html.ts';
import { waitText, type Kit } from '../render/kit.ts';
import type { Inbox, WaitingDecision } from './inbox-query.ts';
import { metricLines, problemList } from './form-bits.ts';

/** A refused decision, shown beside the outcome it was about. */
export interface InboxProblem {
  outcomeId: string;
  messages: string[];
}

/** The three 1–5 selects with what 1 and 5 mean, as the chat cards offer them. */
function scoreCard(kit: Kit): Html {
  const selects = SCORE_DIMENSIONS.map(
    (dim) => h`<label class="field"><span>${kit.t(`card.score.${dim}`)} <span class="hint">${kit.t('card.score.anchors', { low: kit.t(`card.score.low.${dim}`), high: kit.t(`card.score.high.${dim}`) })}</span></span>
<select name="${dim}" data-testid="score-${dim}"><option value="">${kit.t('card.score.placeholder')}</option>${[1, 2, 3, 4, 5].map((n) => h`<option value="${n}">${n}</option>`)}</select></label>`,
  );
  return h`<fieldset><legend>${kit.t('card.scores')}</legend>${selects}</fieldset>`;
}

function decisionCard(kit: Kit, d: WaitingDecision, now: Date, problem: InboxProblem | null): Html {
  const o = d.view;
  const earlier = o.reviews.filter((r) => r.round === o.round && r.scores);
  const links = o.evidence.flatMap((e) => {
    const href = safeHref(e.url);
    return href ? [h`<li><a href="${href}" rel="noopener noreferrer">${e.title || href}</a></li>`] : [];
  });
  return h`<section class="card" id="decide-${o.id}" data-testid="decide-${o.id}"><h2>${outcomeLink(o)}</h2>
<p class="muted small">${kit.t(`stage.${d.stage}`)} · ${kit.t('card.round', { round: o.round })} · ${kit.t('card.submitter')}: ${o.submitter.name} · ${o.project?.name ?? ''} · ${kit.t('webact.waiting', { wait: waitText(kit, now.getTime() - d.since.getTime()) })}</p>
<p class="desc">${o.description}</p>${metricLines(kit, o.metrics)}
${links.length ? h`<h3 class="small">${kit.t('card.evidence')}</h3><ul>${links}</ul>` : ''}
${earlier.map((r) => h`<p class="small muted">${kit.t(`stage.${r.stage}`)} ${r.reviewer.name}: ${SCORE_DIMENSIONS.map((dim) => `${kit.t(`card.score.${dim}`)} ${r.scores![dim]}`).join(' · ')}${r.comment ? ` — ${r.comment}` : ''}</p>`)}
${problem ? problemList(problem.messages) : ''}
<form method="post" action="/app/approvals/${encodeURIComponent(o.id)}/decide" data-testid="decide-form">
<input type="hidden" name="round" value="${o.round}"><input type="hidden" name="stage" value="${d.stage}">
${scoreCard(kit)}
<label class="field">${kit.t('card.comment')} <span class="hint">${kit.t('webact.comment_hint')}</span><textarea name="comment" rows="2" maxlength="2000" placeholder="${kit.t('card.comment_placeholder')}"></textarea></label>
<p><button type="submit" name="decision" value="approve" data-testid="approve">${kit.t('decision.approve')}</button>
<button type="submit" name="decision" value="request_changes" class="secondary" data-testid="request-changes">${kit.t('decision.request_changes')}</button>
<button type="submit" name="decision" value="reject" class="secondary" data-testid="reject">${kit.t('decision.reject')}</button></p>
</form></section>`;
}

/** The approvals inbox: what waits on the viewer, oldest first, each with the score card and the three decisions. */
export function inboxBody(kit: Kit, d: Inbox, now: Date, done: string | null, problem: InboxProblem | null = null): Html {
  const notice = done ? h`<p class="alert ok" role="status" data-testid="act-done">${kit.t(`webact.done.${done}`)}</p>` : '';
  const changes = d.changes.length
    ? h`<section class="card" data-testid="changes"><h2>${kit.t('webact.changes_title')}</h2><ul class="todo">${d.changes.map(
        (c) => h`<li>${outcomeLink(c)}${c.comment ? h` <span class="muted small">“${c.comment}”</span>` : ''} <a class="button secondary" href="/app/outcomes/${encodeURIComponent(c.id)}/edit" data-testid="edit-${c.id}">${kit.t('card.edit')}</a></li>`,
      )}</ul></section>`
    : '';
  const reviews = d.reviews.length
    ? h`<section class="card" data-testid="my-reviews"><h2>${kit.t('webact.reviews_title')}</h2><ul class="todo">${d.reviews.map(
        (r) => h`<li>${outcomeLink({ id: r.outcomeId, title: r.title })} <span class="muted small">${kit.t(`web.review.kind.${r.kind}`)} · ${kit.date(r.dueAt)}</span> <a class="button secondary" href="/app/reviews/${encodeURIComponent(r.scheduleId)}/record" data-testid="record-${r.outcomeId}">${kit.t('webact.record')}</a></li>`,
      )}</ul></section>`
    : '';
  const decide = d.decide.length ? d.decide.map((w) => decisionCard(kit, w, now, problem?.outcomeId === w.view.id ? problem : null)) : h`<section class="card">${empty(kit.t('card.awaiting.empty'))}</section>`;
  return h`${notice}<p><a class="button" href="${WEB_SUBMIT_PATH}" data-testid="new-outcome">${kit.t('webact.new')}</a></p>
<h2>${kit.t('card.awaiting.title')}</h2>${decide}${changes}${reviews}
<p class="muted small"><a href="/app/my#approvals">${kit.t('webact.handover_link')}</a></p>`;
}
