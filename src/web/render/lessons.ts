import type { FieldError } from '../../domain/errors.ts';
import type { LessonRow } from '../../db/queries/lessons.ts';
import { empty } from './bits.ts';
import { h, type Html } from './html.ts';
import type { Kit } from './kit.ts';

/** What the lesson form shows again after a problem: the typed values and each field's notes. */
export interface LessonFormState {
  values: Partial<Record<'whatWorked' | 'whatDidnt' | 'whatToRepeat' | 'tags', string>>;
  problems: FieldError[];
}

function lessonItem(kit: Kit, l: LessonRow): Html {
  const part = (key: string, text: string) => (text ? h`<dt>${kit.t(key)}</dt><dd>${text}</dd>` : '');
  return h`<li class="lesson" data-testid="lesson"><dl class="facts">${part('retro.lessons.worked', l.whatWorked)}${part('retro.lessons.didnt', l.whatDidnt)}${part('retro.lessons.repeat', l.whatToRepeat)}</dl>${
    l.tags.length ? h`<div class="small">${l.tags.map((t) => h`<span class="pill">#${t}</span> `)}</div>` : ''
  }<div class="muted small">${kit.t('web.lessons.by', { name: l.authorName || '—', date: kit.date(l.createdAt), source: kit.t(`lesson.source.${l.source}`) })}</div></li>`;
}

/**
 * The outcome's lessons (复盘) and the form to add one (POST, same origin). The form carries
 * a random client key so a double submit or a resent POST stores the lesson once.
 */
export function lessonsSection(kit: Kit, outcomeId: string, lessons: readonly LessonRow[] | undefined, state: LessonFormState = { values: {}, problems: [] }): Html {
  if (!lessons) return h``;
  const notes = (field: string) => state.problems.filter((p) => p.field === field).map((p) => h`<span class="error" role="alert">${kit.t(p.key, p.params)}</span>`);
  const area = (name: 'whatWorked' | 'whatDidnt' | 'whatToRepeat', label: string) =>
    h`<div class="field"><label for="lesson-${name}">${kit.t(label)}</label><textarea id="lesson-${name}" name="${name}" rows="2" maxlength="2000">${state.values[name] ?? ''}</textarea>${notes(name)}</div>`;
  const form = h`<details${state.problems.length ? h` open` : ''}><summary>${kit.t('web.lessons.add')}</summary><form method="post" action="/app/outcomes/${encodeURIComponent(outcomeId)}/lessons" data-testid="lesson-form">
<input type="hidden" name="clientKey" value="${crypto.randomUUID()}">
${area('whatWorked', 'retro.lessons.worked')}${area('whatDidnt', 'retro.lessons.didnt')}${area('whatToRepeat', 'retro.lessons.repeat')}
<div class="field"><label for="lesson-tags">${kit.t('retro.lessons.tags')}</label><input id="lesson-tags" name="tags" maxlength="400" value="${state.values.tags ?? ''}"><span class="hint">${kit.t('retro.lessons.tags_hint')}</span>${notes('tags')}</div>
<button type="submit">${kit.t('web.lessons.save')}</button></form></details>`;
  const list = lessons.length ? h`<ul class="plain" data-testid="lessons">${lessons.map((l) => lessonItem(kit, l))}</ul>` : empty(kit.t('web.lessons.none'));
  return h`<section class="card" id="lessons"><h2>${kit.t('web.lessons.title')}</h2>${list}${form}</section>`;
}
