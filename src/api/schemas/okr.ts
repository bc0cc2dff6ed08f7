import { z } from '@hono/zod-openapi';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).openapi({ format: 'date', example: '2026-10-01' });
const band = z.enum(['green', 'yellow', 'red']).nullable().openapi({ description: 'green ≥ 0.7, yellow 0.4 to below 0.7, red < 0.4; null without a score' });
const score = z.number().min(0).max(1);

export const CycleView = z
  .object({ id: z.string(), name: z.string(), kind: z.enum(['quarter', 'half', 'year']), starts_on: day, ends_on: day, external_id: z.string().nullable().openapi({ description: 'The Feishu OKR period id, when imported' }) })
  .openapi('Cycle');
export const CycleList = z.object({ cycles: z.array(CycleView) }).openapi('CycleList');
export const CycleInput = z.object({ name: z.string().min(1).max(200), kind: z.enum(['quarter', 'half', 'year']), starts_on: day, ends_on: day }).openapi('CycleInput');
export const CyclePatch = CycleInput.partial().openapi('CyclePatch');

export const RoiView = z
  .object({ cost: z.number(), benefit: z.number(), roi: z.number().nullable(), outcomes: z.number().int() })
  .openapi('RoiRollup', { description: 'Totals over the outcomes (of its key results and of the objectives below it) that record cost and benefit; roi = (benefit − cost) / cost' });

export const ObjectiveView = z
  .object({
    id: z.string(),
    title: z.string(),
    cycle_id: z.string().nullable(),
    parent_id: z.string().nullable(),
    owner_id: z.string().nullable(),
    external_id: z.string().nullable(),
    score: score.nullable().openapi({ description: 'Mean of its key results’ scores' }),
    band,
    roi: RoiView,
    key_result_ids: z.array(z.string()),
  })
  .openapi('Objective');
export const ObjectiveList = z.object({ objectives: z.array(ObjectiveView) }).openapi('ObjectiveList');
export const ObjectiveInput = z
  .object({ title: z.string().min(1).max(300), cycle_id: z.string().nullable().default(null), parent_id: z.string().nullable().default(null), owner_id: z.string().nullable().default(null) })
  .openapi('ObjectiveInput');
export const ObjectivePatch = z
  .object({ title: z.string().min(1).max(300), cycle_id: z.string().nullable(), parent_id: z.string().nullable(), owner_id: z.string().nullable() })
  .partial()
  .openapi('ObjectivePatch');

export const KeyResultView = z
  .object({
    id: z.string(),
    objective_id: z.string(),
    title: z.string(),
    kind: z.enum(['metric', 'milestone']),
    score: score.nullable(),
    band,
    score_source: z.enum(['manual', 'derived', 'none']),
    derived_from: z.number().int().openapi({ description: 'Linked outcomes with a measured attainment the derived score is the mean of' }),
    manual_score: score.nullable(),
    external_id: z.string().nullable().openapi({ description: 'The Feishu OKR key result id, when imported (progress records go there)' }),
    outcome_ids: z.array(z.string()),
  })
  .openapi('KeyResult');
export const KeyResultList = z.object({ key_results: z.array(KeyResultView) }).openapi('KeyResultList');
export const KeyResultInput = z
  .object({ objective_id: z.string(), title: z.string().min(1).max(300), kind: z.enum(['metric', 'milestone']).default('metric'), score: score.nullable().default(null).openapi({ description: 'Set by hand; null derives it from the linked outcomes' }) })
  .openapi('KeyResultInput');
export const KeyResultPatch = z
  .object({ title: z.string().min(1).max(300), kind: z.enum(['metric', 'milestone']), score: score.nullable() })
  .partial()
  .openapi('KeyResultPatch');

export const LinkInput = z.object({ key_result_id: z.string().nullable().openapi({ description: 'null unlinks' }) }).openapi('KeyResultLink');
export const idParam = z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' } }) });
