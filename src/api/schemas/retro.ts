import { z } from '@hono/zod-openapi';

export const LessonView = z
  .object({
    id: z.string(),
    outcome_id: z.string(),
    outcome_title: z.string(),
    author_id: z.string().nullable(),
    author_name: z.string().nullable(),
    what_worked: z.string(),
    what_didnt: z.string(),
    what_to_repeat: z.string(),
    tags: z.array(z.string()),
    source: z.enum(['prompt', 'retro', 'web', 'api']),
    created_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Lesson', { description: 'What an outcome taught (复盘): what worked, what didn’t, what to repeat, and tags.' });

export const LessonInput = z
  .object({
    what_worked: z.string().max(4000).optional(),
    what_didnt: z.string().max(4000).optional(),
    what_to_repeat: z.string().max(4000).optional(),
    tags: z.array(z.string().max(200)).max(50).optional(),
  })
  .openapi('LessonInput', { description: 'At least one of the three answers; at most 10 tags of 40 characters. Send an `Idempotency-Key` header to make a retry store once.' });

export const LessonsPage = z.object({ lessons: z.array(LessonView), next_cursor: z.string().nullable() }).openapi('LessonsPage');

export const RetroActionView = z
  .object({
    id: z.string(),
    title: z.string(),
    owner_id: z.string(),
    owner_name: z.string(),
    due_on: z.string().openapi({ format: 'date' }),
    status: z.enum(['open', 'done']),
    done_at: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('RetroAction');

export const RetrospectiveView = z
  .object({
    id: z.string(),
    period: z.string().openapi({ example: '2026-11' }),
    cadence: z.enum(['monthly', 'quarterly']),
    period_start: z.string().openapi({ format: 'date' }),
    period_end: z.string().openapi({ format: 'date' }),
    conclusions: z.string(),
    recorded_at: z.string().nullable().openapi({ format: 'date-time' }),
    actions: z.array(RetroActionView),
  })
  .openapi('Retrospective');

export const ConclusionsInput = z
  .object({
    conclusions: z.string().max(20000).optional(),
    actions: z.array(z.object({ title: z.string().max(1000), owner_id: z.string().max(100), due_on: z.string().max(20).openapi({ format: 'date' }) })).max(100).optional(),
  })
  .openapi('ConclusionsInput', { description: 'Replaces the conclusions; adds the actions (at most 30; each with an owner and a due day).' });
