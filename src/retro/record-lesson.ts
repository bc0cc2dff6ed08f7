import type { Db } from '../db/client.ts';
import { lessonSubject } from '../db/queries/lessons.ts';
import { insertLesson } from '../db/repos/lessons-repo.ts';
import type { LessonSource } from '../db/schema/index.ts';
import { checkLesson } from '../domain/lessons.ts';
import { DomainError, assertNoFieldErrors } from '../domain/errors.ts';
import type { Clock } from '../domain/ports.ts';

/** What every surface (chat prompt, web form, API) hands over: the typed answers, untrusted. */
export interface LessonInput {
  whatWorked?: string | null;
  whatDidnt?: string | null;
  whatToRepeat?: string | null;
  tags?: string | readonly string[] | null;
}

/**
 * Stores a lesson about an outcome, the one entry for every surface: the author must be
 * allowed to write about it (else not_found, nothing said about whether it exists), the
 * answers pass `checkLesson` (else validation_failed, nothing stored), and a retried
 * submission (the same `clientKey`) is stored once.
 */
export async function recordLesson(
  deps: { db: Db; clock: Clock },
  input: { workspaceId: string; outcomeId: string; author: { personId: string; seesAll: boolean }; source: LessonSource; clientKey: string | null; answers: LessonInput },
): Promise<{ id: string; created: boolean; outcomeTitle: string }> {
  const subject = await lessonSubject(deps.db, input.workspaceId, input.author, input.outcomeId);
  if (!subject) throw new DomainError('not_found', 'error.not_found');
  const { lesson, problems } = checkLesson(input.answers);
  assertNoFieldErrors(problems);
  const stored = await insertLesson(deps.db, input.workspaceId, { ...lesson, outcomeId: subject.id, authorId: input.author.personId || null, source: input.source, clientKey: input.clientKey }, deps.clock.now());
  return { ...stored, outcomeTitle: subject.title };
}
