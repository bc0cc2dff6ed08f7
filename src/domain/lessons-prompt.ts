import type { Notification, PeopleDirectory, PersonRef, ReviewRecord, WorkspaceContext } from './ports.ts';

/**
 * The lessons prompts a recorded review sends (复盘): after the first (90-day) review, its
 * owner is asked what worked, what didn't and what to repeat; with the workspace's
 * `lessonsFromTeam`, also the rest of the outcome's team. Written in the review's own batch,
 * one per person (the dedupe key), so a prompt is never lost nor sent twice.
 */
export async function lessonsPrompts(people: Pick<PeopleDirectory, 'person'>, workspace: WorkspaceContext, review: ReviewRecord, owner: PersonRef): Promise<Notification[]> {
  if (review.kind !== 'first') return [];
  const team = workspace.settings.lessonsFromTeam ? [...new Set(review.teamIds ?? [])].filter((id) => id !== owner.id) : [];
  const others = (await Promise.all(team.map((id) => people.person(workspace.id, id)))).filter((p): p is PersonRef => p !== null);
  return [owner, ...others].map((p) => ({
    kind: 'lessons_prompt' as const,
    to: { personId: p.id, address: p.address },
    data: { outcomeId: review.outcomeId, scheduleId: review.scheduleId },
    dedupeKey: `lessons_prompt:${review.scheduleId}:${p.id}`,
  }));
}
