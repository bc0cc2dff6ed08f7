import type { MyData, Todo } from '../queries/my.ts';
import { empty, outcomeLink, scrollTable, statusPill } from '../render/bits.ts';
import { h, type Html } from '../render/html.ts';
import type { Kit } from '../render/kit.ts';

function todo(kit: Kit, t: Todo): Html {
  switch (t.kind) {
    case 'resubmit':
      return h`<li>${kit.t('web.my.todo.resubmit')}: ${outcomeLink({ id: t.outcomeId, title: t.title })}</li>`;
    case 'review':
      return h`<li>${kit.t('web.my.todo.review')}: ${outcomeLink({ id: t.outcomeId, title: t.title })} ${statusPill(kit, t.status)}</li>`;
    case 'record_actuals':
      return h`<li>${kit.t(t.overdue ? 'web.my.todo.actuals_overdue' : 'web.my.todo.actuals', { date: kit.date(t.dueAt) })}: ${outcomeLink({ id: t.outcomeId, title: t.title })}</li>`;
    case 'answer_survey':
      return h`<li>${kit.t('web.my.todo.survey', { project: t.projectName })}: <span class="muted">${t.question}</span></li>`;
  }
}

/** The member's page body. */
export function myBody(kit: Kit, d: MyData): Html {
  const todos = d.todos.length ? h`<ul class="todo" data-testid="todos">${d.todos.map((t) => todo(kit, t))}</ul><p class="muted small">${kit.t('web.my.chat_hint')}</p>` : empty(kit.t('web.my.nothing_to_do'));
  const head = h`<tr><th>${kit.t('card.outcome')}</th><th>${kit.t('card.project')}</th><th>${kit.t('card.status')}</th><th>${kit.t('web.updated')}</th></tr>`;
  const rows = d.outcomes.map((o) => h`<tr><td>${outcomeLink(o)}</td><td>${o.projectName ?? '—'}</td><td>${statusPill(kit, o.status)}</td><td class="small muted">${kit.date(o.updatedAt)}</td></tr>`);
  return h`<section class="card"><h2>${kit.t('web.my.next')}</h2>${todos}</section>
<section class="card"><h2>${kit.t('card.list.title')}</h2>${d.outcomes.length ? scrollTable(head, rows, 'my-outcomes') : empty(kit.t('web.my.no_outcomes'))}</section>`;
}
