import { cleanText } from './clean-text.ts';
import type { FieldError } from './errors.ts';
import { isCalendarDay } from './working-calendar.ts';

export const CONCLUSIONS_MAX = 10_000;
export const ACTION_TITLE_MAX = 300;
/** Actions recorded in one save (a meeting agrees a handful, not hundreds). */
export const ACTIONS_PER_SAVE_MAX = 30;

/** An action as typed on the page or sent to the API, untrusted. */
export interface ActionInput {
  title?: unknown;
  ownerId?: unknown;
  dueOn?: unknown;
}

/**
 * The conclusions and actions of a retrospective as they are stored, with their problems:
 * each action needs a title, an owner among `people` (ids of the workspace) and a real due
 * day; rows left wholly empty on the page are dropped before this.
 */
export function checkConclusions(input: { conclusions?: unknown; actions?: readonly ActionInput[] }, people: ReadonlySet<string>) {
  const problems: FieldError[] = [];
  const conclusions = cleanText(typeof input.conclusions === 'string' ? input.conclusions : '').trim();
  if (conclusions.length > CONCLUSIONS_MAX) problems.push({ field: 'conclusions', key: 'retro.conclusions_too_long', params: { max: CONCLUSIONS_MAX } });
  const list = input.actions ?? [];
  if (list.length > ACTIONS_PER_SAVE_MAX) problems.push({ field: 'actions', key: 'retro.action.too_many', params: { max: ACTIONS_PER_SAVE_MAX } });
  const actions = list.slice(0, ACTIONS_PER_SAVE_MAX).map((a, i) => {
    const title = cleanText(typeof a.title === 'string' ? a.title : '').trim();
    const ownerId = typeof a.ownerId === 'string' ? a.ownerId : '';
    const dueOn = typeof a.dueOn === 'string' ? a.dueOn.trim() : '';
    if (!title || title.length > ACTION_TITLE_MAX) problems.push({ field: `actions.${i}.title`, key: title ? 'smart.title_too_long' : 'retro.action.title_required', params: { max: ACTION_TITLE_MAX } });
    if (!people.has(ownerId)) problems.push({ field: `actions.${i}.ownerId`, key: 'retro.action.owner_required' });
    if (!isCalendarDay(dueOn)) problems.push({ field: `actions.${i}.dueOn`, key: 'retro.action.due_required' });
    return { title, ownerId, dueOn };
  });
  return { conclusions, actions, problems };
}
