import { z } from '@hono/zod-openapi';
import { MAX_QUERY_CHARS } from '../../domain/kb-query.ts';
import { INDICATOR_CLASSES, type IndicatorClass, type OutcomeStatus } from '../../domain/types.ts';
import { STATUSES } from '../../web/queries/filters.ts';

const Segment = z.object({ text: z.string(), hit: z.boolean() }).openapi('TextSegment', { description: 'A piece of text; `hit` marks where the query matched (show it highlighted).' });

export const SearchQuery = z.object({
  q: z.string().max(MAX_QUERY_CHARS).default('').openapi({ description: 'Words (Chinese or English), all must match; 1–2 character words are matched as substrings. Empty: the filtered outcomes, newest first.' }),
  class: z.enum(INDICATOR_CLASSES as [IndicatorClass, ...IndicatorClass[]]).optional().openapi({ description: 'Indicator class' }),
  project: z.string().max(100).optional().openapi({ description: 'Project id' }),
  status: z.enum(STATUSES as [OutcomeStatus, ...OutcomeStatus[]]).optional(),
  tag: z.string().max(100).optional().openapi({ description: 'A lesson tag: outcomes with a lesson carrying it' }),
  template: z.string().max(100).optional().openapi({ description: 'A metric template key (e.g. builtin.retention_rate): outcomes with a metric made from it' }),
});

export const SearchHit = z
  .object({
    kind: z.enum(['outcome', 'lesson']),
    id: z.string().openapi({ description: 'The outcome’s or the lesson’s id' }),
    outcome_id: z.string(),
    title: z.array(Segment),
    snippet: z.array(Segment),
    status: z.enum(STATUSES as [OutcomeStatus, ...OutcomeStatus[]]),
    indicator_class: z.enum(INDICATOR_CLASSES as [IndicatorClass, ...IndicatorClass[]]).nullable(),
    project: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    attainment: z.number().nullable().openapi({ description: 'Mean progress of the outcome’s measured metrics towards their targets, each clipped to 0–1 (1 = reached)' }),
  })
  .openapi('SearchHit');

export const SearchPage = z.object({ results: z.array(SearchHit), next_cursor: z.string().nullable() }).openapi('SearchPage');
