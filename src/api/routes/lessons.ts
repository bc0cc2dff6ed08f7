import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { lessonById, lessonsOfOutcome, lessonSubject, listLessons, type LessonRow } from '../../db/queries/lessons.ts';
import { DomainError } from '../../domain/errors.ts';
import { recordLesson } from '../../retro/record-lesson.ts';
import { readerOfPrincipal } from '../access.ts';
import { needs } from '../auth/authenticate.ts';
import type { ApiEnv } from '../env.ts';
import { cursorParam, decodeCursor, encodeCursor, ERRORS, pageLimit, security } from '../schemas/common.ts';
import { LessonInput, LessonsPage, LessonView } from '../schemas/retro.ts';
import { validationHook } from '../validation.ts';

const outcomeParam = z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' } }) });

const listOfOutcome = createRoute({
  method: 'get',
  path: '/outcomes/{id}/lessons',
  summary: 'List an outcome’s lessons, newest first',
  security: security('lessons:read'),
  middleware: [needs('lessons:read')] as const,
  request: { params: outcomeParam },
  responses: { 200: { description: 'The lessons', content: { 'application/json': { schema: z.object({ lessons: z.array(LessonView) }) } } }, ...ERRORS },
});

const post = createRoute({
  method: 'post',
  path: '/outcomes/{id}/lessons',
  summary: 'Add a lesson to an outcome',
  description: 'A person may write about outcomes they see or whose project they own; a token about any outcome of its workspace. With the same `Idempotency-Key` a retry returns the first lesson (200) and stores nothing.',
  security: security('lessons:write'),
  middleware: [needs('lessons:write')] as const,
  request: {
    params: outcomeParam,
    headers: z.object({ 'idempotency-key': z.string().min(8).max(100).optional() }),
    body: { required: true, content: { 'application/json': { schema: LessonInput } } },
  },
  responses: {
    201: { description: 'Stored', content: { 'application/json': { schema: LessonView } } },
    200: { description: 'Stored before with this Idempotency-Key', content: { 'application/json': { schema: LessonView } } },
    ...ERRORS,
  },
});

const list = createRoute({
  method: 'get',
  path: '/lessons',
  summary: 'List lessons of the outcomes the caller may see, newest first',
  security: security('lessons:read'),
  middleware: [needs('lessons:read')] as const,
  request: {
    query: z.object({
      from: z.string().datetime({ offset: true }).optional().openapi({ description: 'Written at or after' }),
      to: z.string().datetime({ offset: true }).optional().openapi({ description: 'Written before' }),
      limit: pageLimit(200, 50),
      cursor: cursorParam,
    }),
  },
  responses: { 200: { description: 'One page of lessons', content: { 'application/json': { schema: LessonsPage } } }, ...ERRORS },
});

const view = (l: LessonRow): z.infer<typeof LessonView> => ({
  id: l.id,
  outcome_id: l.outcomeId,
  outcome_title: l.outcomeTitle,
  author_id: l.authorId,
  author_name: l.authorName,
  what_worked: l.whatWorked,
  what_didnt: l.whatDidnt,
  what_to_repeat: l.whatToRepeat,
  tags: l.tags,
  source: l.source,
  created_at: l.createdAt.toISOString(),
});

/** A cursor this API made: an instant a Date can hold and an id. */
const isBefore = (v: unknown): v is { at: number; id: string } => {
  const x = v as { at?: unknown; id?: unknown } | null;
  return typeof x === 'object' && x !== null && typeof x.at === 'number' && Number.isFinite(new Date(x.at).getTime()) && typeof x.id === 'string';
};

/** Lessons (复盘) in the API: per outcome (GET, POST) and across the workspace (GET). */
export function lessonRoutes() {
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });

  app.openapi(listOfOutcome, async (c) => {
    const { deps, principal } = c.var;
    const { id } = c.req.valid('param');
    if (!(await lessonSubject(deps.db, principal.workspaceId, readerOfPrincipal(principal), id))) throw new DomainError('not_found', 'error.not_found');
    return c.json({ lessons: (await lessonsOfOutcome(deps.db, principal.workspaceId, id)).map(view) }, 200);
  });

  app.openapi(post, async (c) => {
    const { deps, principal } = c.var;
    const { id } = c.req.valid('param');
    const key = c.req.valid('header')['idempotency-key'];
    const body = c.req.valid('json');
    const stored = await recordLesson(deps, {
      workspaceId: principal.workspaceId,
      outcomeId: id,
      author: readerOfPrincipal(principal),
      source: 'api',
      clientKey: key ? `api:${principal.kind === 'token' ? principal.tokenId : principal.viewer.person.id}:${key}` : null,
      answers: { whatWorked: body.what_worked, whatDidnt: body.what_didnt, whatToRepeat: body.what_to_repeat, tags: body.tags },
    }).catch((err: unknown) => {
      // The service names fields as the domain does; the API's body names them in snake case.
      if (err instanceof DomainError && err.fields.length) throw new DomainError(err.code, err.messageKey, err.params, err.fields.map((f) => ({ ...f, field: `${f.field.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)}` })));
      throw err;
    });
    const lesson = (await lessonById(deps.db, principal.workspaceId, stored.id))!;
    return stored.created ? c.json(view(lesson), 201) : c.json(view(lesson), 200);
  });

  app.openapi(list, async (c) => {
    const { deps, principal } = c.var;
    const q = c.req.valid('query');
    const before = decodeCursor(q.cursor, isBefore);
    const rows = await listLessons(deps.db, principal.workspaceId, readerOfPrincipal(principal), {
      from: q.from ? new Date(q.from) : null,
      to: q.to ? new Date(q.to) : null,
      before: before ? { at: new Date(before.at), id: before.id } : null,
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return c.json({ lessons: page.map(view), next_cursor: rows.length > q.limit && last ? encodeCursor({ at: last.createdAt.getTime(), id: last.id }) : null }, 200);
  });

  return app;
}
