import type { AuditPage, AuditRow } from '../../db/queries/audit-trail.ts';
import { COMMENT_MAX } from '../../domain/add-comment.ts';
import { encodeCursor } from '../../views/page-cursor.ts';
import type { OutcomeActivity } from '../queries/activity.ts';
import { empty, scrollTable } from './bits.ts';
import { h, type Html } from './html.ts';
import type { Kit } from './kit.ts';

/** An audit action as words: `settings:timeZone,locale` reads as "Changed settings". */
const actionText = (kit: Kit, action: string): string => {
  const key = `audit.action.${action.split(':')[0]}`;
  const text = kit.t(key);
  return text === key ? action : text;
};

const viaText = (kit: Kit, via: AuditRow['via']): string => kit.t(`web.audit.via.${via ?? 'unknown'}`);

/** What an entry is about, for the workspace-wide trail (an outcome links to its page). */
function subject(kit: Kit, r: AuditRow): Html | string {
  if (r.entity === 'outcome') return r.outcomeTitle ? h`<a href="/app/outcomes/${encodeURIComponent(r.entityId)}">${r.outcomeTitle}</a>` : r.entityId;
  return kit.t(`web.audit.entity.${r.entity}`);
}

/** The trail as a table, newest first; `withSubject` adds the column saying what each entry is about. */
export function auditTable(kit: Kit, page: AuditPage, opts: { withSubject: boolean; moreHref?: (cursor: string) => string }): Html {
  if (!page.rows.length) return empty(kit.t('web.audit.none'));
  // Three columns that fit a phone (what and about what, who, when and from where); the details beside them on wider screens.
  const head = h`<tr><th>${kit.t('web.audit.what')}</th><th>${kit.t('web.audit.who')}</th><th>${kit.t('web.when')} · ${kit.t('web.audit.from')}</th><th class="hide-sm">${kit.t('web.audit.details')}</th></tr>`;
  const rows = page.rows.map(
    (r) => h`<tr data-action="${r.action}" data-via="${r.via ?? ''}"><td>${actionText(kit, r.action)}${
      r.toStatus && r.toStatus !== r.fromStatus ? h` <span class="muted small">→ ${kit.t(`status.${r.toStatus}`)}</span>` : ''
    }${opts.withSubject ? h`<br><span class="small">${subject(kit, r)}</span>` : ''}</td><td>${r.actorName ?? kit.t('web.audit.system')}</td><td class="small">${kit.dateTime(r.at)}<br><span class="pill">${viaText(kit, r.via)}</span></td><td class="small hide-sm">${r.comment ?? ''}</td></tr>`,
  );
  const more = page.next && opts.moreHref ? h`<p><a href="${opts.moreHref(encodeCursor(page.next))}" data-testid="audit-more">${kit.t('web.audit.more')}</a></p>` : '';
  return h`${scrollTable(head, rows, 'audit-trail')}${more}`;
}

/** The comment list and form. */
function comments(kit: Kit, a: OutcomeActivity): Html {
  const list = a.comments.length
    ? h`<ol class="comments" data-testid="comments">${a.comments.map(
        (c) => h`<li data-comment="${c.id}"><div class="small muted"><strong>${c.authorName}</strong> · ${kit.dateTime(c.createdAt)}</div><p class="desc">${c.body}</p></li>`,
      )}</ol>`
    : empty(kit.t('web.comments.none'));
  const older = a.moreComments ? h`<p class="small muted">${kit.t('web.comments.older', { id: a.outcomeId })}</p>` : '';
  const form = h`<form method="post" action="/app/outcomes/${encodeURIComponent(a.outcomeId)}/comments" data-testid="comment-form">
<input type="hidden" name="key" value="${a.formKey}">
<div class="field"><label for="comment-body">${kit.t('web.comments.label')}</label><textarea id="comment-body" name="body" rows="3" maxlength="${COMMENT_MAX}" required></textarea><span class="hint">${kit.t('web.comments.hint')}</span></div>
<button type="submit">${kit.t('web.comments.submit')}</button></form>`;
  return h`${older}${list}${form}`;
}

/** The outcome page's comments and its latest audit entries, with a link to the whole trail. */
export function activitySections(kit: Kit, a: OutcomeActivity): Html {
  const full = a.audit.next ? h`<p><a href="/app/outcomes/${encodeURIComponent(a.outcomeId)}/audit" data-testid="audit-full">${kit.t('web.audit.full')}</a></p>` : '';
  return h`<section class="card" id="comments"><h2>${kit.t('web.comments.title')}</h2>${comments(kit, a)}</section>
<section class="card" id="audit" data-testid="outcome-audit"><h2>${kit.t('web.audit.title')}</h2>${auditTable(kit, { rows: a.audit.rows, next: null }, { withSubject: false })}${full}</section>`;
}
