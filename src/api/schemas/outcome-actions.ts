import { z } from '@hono/zod-openapi';
import { ErrorBody } from './common.ts';

/**
 * Bodies of the action routes. The shapes are checked here; the rules (SMART, who may decide,
 * scores, comments) are the domain verbs', so a refusal reads exactly as in chat.
 */
const MetricIn = z
  .object({
    name: z.string().max(500),
    unit: z.string().max(100),
    direction: z.enum(['increase', 'decrease']),
    baseline: z.number().nullable(),
    target: z.number().nullable(),
    template_key: z.string().max(200).nullable().optional().openapi({ description: 'The template the metric started from (builtin.… or custom.…); a key the workspace does not offer is dropped' }),
  })
  .openapi('MetricInput');

export const OutcomeIn = z
  .object({
    title: z.string().max(1000),
    description: z.string().max(10_000),
    indicator_class: z.enum(['process', 'output', 'impact']).nullable(),
    project_id: z.string().max(100).nullable(),
    reviewer_id: z.string().max(100).nullable().openapi({ description: 'The person who reviews stage 1 (usually the manager)' }),
    due_date: z.string().max(40).nullable().openapi({ description: 'Go-live date, YYYY-MM-DD', example: '2026-12-01' }),
    metrics: z.array(MetricIn).max(20),
    links: z.array(z.string().max(2000)).max(20).default([]).openapi({ description: 'Evidence links (http or https)' }),
  })
  .openapi('OutcomeInput');

export const Submitted = z.object({ id: z.string(), round: z.number().int(), status: z.string(), duplicate: z.boolean() }).openapi('Submitted');

export const DecisionIn = z
  .object({
    decision: z.enum(['approve', 'request_changes', 'reject']),
    comment: z.string().max(5000).nullable().optional().openapi({ description: 'Required to request changes or reject' }),
    scores: z.object({ impact: z.number(), difficulty: z.number(), innovation: z.number() }).nullable().optional().openapi({ description: '1–5 each; required to approve' }),
    round: z.number().int().min(1).optional().openapi({ description: 'The round you looked at: a later round makes this 409 already_decided' }),
    stage: z.enum(['manager', 'pmo']).optional().openapi({ description: 'The stage you looked at' }),
  })
  .openapi('DecisionInput');

export const Decided = z.object({ status: z.string(), stage: z.enum(['manager', 'pmo']) }).openapi('Decided');

export const ReviewIn = z
  .object({
    schedule_id: z.string().min(1).max(100).openapi({ description: 'The open follow-up review (first or second) of this outcome' }),
    values: z.record(z.string(), z.number().nullable()).openapi({ description: 'Actual value per metric id' }),
    evidence_url: z.string().max(2000).nullable().optional(),
    comment: z.string().max(5000).nullable().optional(),
  })
  .openapi('ReviewInput');

export const Reviewed = z.object({ alerts: z.number().int().openapi({ description: 'Metrics short of target by more than the threshold (each alerted)' }) }).openapi('Reviewed');

/** Write conflicts: decided already, a stale round, a closed review, a status that does not allow the action. */
export const CONFLICT = { 409: { description: 'The outcome or review moved on (`already_decided`, `illegal_transition`, `closed`).', content: { 'application/json': { schema: ErrorBody } } } };

/** Only a person acts: the session cookie (a token has no person behind it). */
export const PERSON = [{ session: [] }];
