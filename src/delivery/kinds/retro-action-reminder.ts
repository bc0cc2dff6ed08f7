import { actionById } from '../../db/queries/retro.ts';
import { dayOf } from '../../domain/calendar-date.ts';
import { daysPast } from '../../domain/retro-period.ts';
import { dateText } from '../../views/dates.ts';
import { payloadId } from './payload-id.ts';
import { defineKind } from './types.ts';

/**
 * retro_action_reminder: a retrospective action is due (or overdue), to its owner, at most
 * once a day (the job's dedupe key has the day). Skipped when it was done meanwhile.
 */
export const retroActionReminder = defineKind<{ actionId: string }>({
  kind: 'retro_action_reminder',
  parse: payloadId('actionId'),
  audience: 'person',
  async load(ctx, p, to) {
    const a = await actionById(ctx.db, to.workspace.id, p.actionId);
    if (!a) return null;
    const due = dayOf(a.dueAt);
    const overdueDays = Math.max(0, daysPast(due, dateText(ctx.clock.now(), to.timeZone)));
    return { type: 'retro_action_reminder', actionId: a.id, title: a.title, dueText: due, overdueDays, done: a.status === 'done', url: `${ctx.publicUrl}/app/retros/${a.retrospectiveId}` };
  },
  skipWhen: (view) => (view.type === 'retro_action_reminder' && view.done ? 'the action is done' : null),
  posts: true,
});
