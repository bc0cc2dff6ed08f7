import type { ReviewDueView } from '../../../cards/view.ts';
import { h, type Html } from '../render/html.ts';
import type { Kit } from '../render/kit.ts';
import { fieldError, problemList, type FieldMessages } from './form-bits.ts';

/** The follow-up review form: the actual value of each metric (baseline and target beside it), a link, a comment. */
export function reviewFormBody(kit: Kit, r: ReviewDueView, typed: Record<string, string>, messages: FieldMessages): Html {
  const rows = r.metrics.map((m) => {
    const name = `values.${m.id}`;
    return h`<div class="field"><label for="f-${m.id}">${m.name} (${m.unit})</label>
<span class="hint">${kit.t('card.baseline')} ${kit.num(m.baseline)} → ${kit.t('card.target')} ${kit.num(m.target)} (${kit.t(`direction.${m.direction}`)})</span>
<input id="f-${m.id}" name="${name}" inputmode="decimal" value="${typed[name] ?? ''}" data-testid="actual">${fieldError(messages, name)}</div>`;
  });
  return h`<form method="post" action="/app/reviews/${encodeURIComponent(r.scheduleId)}/record" class="card" data-testid="review-form">
<p><a href="/app/outcomes/${encodeURIComponent(r.outcomeId)}">${r.title}</a> · ${kit.t(`web.review.kind.${r.kind}`)} · ${r.dueText}</p>
${problemList([...messages.values()])}${rows}
<div class="field"><label for="f-evidenceUrl">${kit.t('webact.review_link')}</label><input id="f-evidenceUrl" name="evidenceUrl" type="url" maxlength="2000" placeholder="https://" value="${typed.evidenceUrl ?? ''}">${fieldError(messages, 'evidenceUrl')}</div>
<div class="field"><label for="f-comment">${kit.t('card.comment')}</label><textarea id="f-comment" name="comment" rows="3" maxlength="2000">${typed.comment ?? ''}</textarea></div>
<p><button type="submit" data-testid="save-review">${kit.t('webact.record')}</button> <a href="/app/approvals">${kit.t('slack.modal.cancel')}</a></p></form>`;
}
