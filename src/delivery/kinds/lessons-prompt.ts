import { hasLessonBy, outcomeTitle } from '../../db/queries/lessons.ts';
import { payloadId } from './payload-id.ts';
import { defineKind } from './types.ts';

/**
 * lessons_prompt: after the 90-day review, the owner (and with `lessonsFromTeam` the team)
 * is asked what the outcome taught. Skipped when this person already wrote a lesson about it
 * (on the web, say) before the prompt went out; the card they get thanks them once they do.
 */
export const lessonsPrompt = defineKind<{ outcomeId: string }>({
  kind: 'lessons_prompt',
  parse: payloadId('outcomeId'),
  audience: 'person',
  async load(ctx, p, to) {
    const title = await outcomeTitle(ctx.db, to.workspace.id, p.outcomeId);
    if (title === undefined) return null;
    const recorded = to.person ? await hasLessonBy(ctx.db, to.workspace.id, p.outcomeId, to.person.id) : false;
    return { type: 'lessons_prompt', outcomeId: p.outcomeId, title, url: `${ctx.publicUrl}/app/outcomes/${p.outcomeId}#lessons`, recorded };
  },
  skipWhen: (view) => (view.type === 'lessons_prompt' && view.recorded ? 'a lesson was written already' : null),
  posts: true,
});
