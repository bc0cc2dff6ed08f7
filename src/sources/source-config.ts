/**
 * What an admin configures for a metric source (design.md §10), validated once here: the
 * API (create / update a source), the webhook receivers and the pull jobs read configs
 * through these schemas. Secrets (webhook secret, bearer token, Feishu app secret) are
 * fields of the input that go to `metric_sources.secret` encrypted, never into `config`.
 */
import { z } from 'zod';

/** Events the webhook sources normalise GitHub and Jira deliveries into. */
export const SOURCE_EVENTS = [
  // GitHub
  'pr_merged',
  'release_published',
  'deployment_succeeded',
  'issue_closed',
  'milestone_closed',
  // Jira Cloud
  'jira_issue_created',
  'jira_issue_updated',
  'jira_issue_resolved',
  // A resolved issue opened again (its resolution cleared): its turnaround no longer counts.
  'jira_issue_reopened',
  // Versions are Jira's milestones, for the milestone achievement rate.
  'jira_version_released',
] as const;
export type SourceEvent = (typeof SOURCE_EVENTS)[number];
const event = z.enum(SOURCE_EVENTS);

/** The catalogue of mapping rules: how events become readings. */
export const mappingRule = z.discriminatedUnion('type', [
  /** Deployments per week, PRs merged per month, … */
  z.object({ type: z.literal('count_per_period'), events: z.array(event).min(1), period: z.enum(['day', 'week', 'month']) }),
  /** Change-request turnaround (created → resolved), PR lead time (opened → merged), in hours or days. */
  z.object({ type: z.literal('mean_duration'), event, unit: z.enum(['hours', 'days']), period: z.enum(['week', 'month', 'all']).default('all') }),
  /** Milestones (GitHub) or versions (Jira) done by their due date ÷ those due. */
  z.object({ type: z.literal('milestone_rate') }),
  /** Share of items whose current state is one of `states` (Jira status names, GitHub open/closed). */
  z.object({ type: z.literal('share_in_state'), states: z.array(z.string().min(1).max(100)).min(1).max(20) }),
]);
export type MappingRule = z.infer<typeof mappingRule>;

const httpsUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .describe('An https URL (http is accepted only when the server allows insecure sources, e.g. in tests)');
const schedule = z.enum(['hourly', 'daily']);

/** A JSON path subset: `$.a.b[0].c` (dots, bracketed indexes, bracketed quoted keys). */
export const jsonPath = z
  .string()
  .min(1)
  .max(500)
  .regex(/^\$(\.[A-Za-z_$][\w$-]*|\[\d+\]|\['[^']*'\]|\["[^"]*"\])*$/, 'a JSON path like $.data.items[0].value');

/** Per kind: the config (stored as is) and the secret (stored encrypted). */
export const sourceInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('api'), name: z.string().max(200).default('') }),
  z.object({ kind: z.literal('github'), name: z.string().max(200).default(''), rule: mappingRule, secret: z.string().min(16).max(200).optional() }),
  z.object({
    kind: z.literal('jira'),
    name: z.string().max(200).default(''),
    rule: mappingRule,
    secret: z.string().min(16).max(200).optional(),
    /** Only issues of these projects count (Jira project keys); empty = all. */
    projects: z.array(z.string().min(1).max(50)).max(50).default([]),
  }),
  z.object({
    kind: z.literal('http_json'),
    name: z.string().max(200).default(''),
    url: httpsUrl,
    jsonPath,
    /** Optional JSON path of the measured time (ISO 8601 or epoch ms); the fetch time otherwise. */
    timePath: jsonPath.optional(),
    bearer: z.string().min(1).max(4000).optional(),
    schedule,
  }),
  z.object({
    kind: z.literal('csv'),
    name: z.string().max(200).default(''),
    url: httpsUrl,
    /** Header name of the value column. */
    valueColumn: z.string().min(1).max(200),
    /** Header name of the measured-time column; without it the last row is read at fetch time. */
    timeColumn: z.string().min(1).max(200).optional(),
    bearer: z.string().min(1).max(4000).optional(),
    schedule,
  }),
  z.object({
    kind: z.literal('feishu_base'),
    name: z.string().max(200).default(''),
    appToken: z.string().min(1).max(200),
    tableId: z.string().min(1).max(200),
    /** The number field to read. */
    field: z.string().min(1).max(200),
    /** Optional date field used as the measured time. */
    timeField: z.string().min(1).max(200).optional(),
    /** Optional Base search filter, as the Open API takes it. */
    filter: z
      .object({
        conjunction: z.enum(['and', 'or']),
        conditions: z.array(z.object({ field_name: z.string().min(1), operator: z.string().min(1), value: z.array(z.string()).optional() })).max(50),
      })
      .optional(),
    /** App credentials when the workspace is not a Feishu one (the secret is stored encrypted). */
    appId: z.string().min(1).max(200).optional(),
    appSecret: z.string().min(1).max(400).optional(),
    schedule,
  }),
]);
export type SourceInput = z.infer<typeof sourceInput>;

/** Fields of an input that are secret: stored sealed in `metric_sources.secret`, never echoed. */
export const SECRET_FIELDS = ['secret', 'bearer', 'appSecret'] as const;

/** Splits a validated input into what the row stores in the clear and the one secret to seal. */
export function splitSecret(input: SourceInput): { kind: SourceInput['kind']; name: string; rule: MappingRule | null; config: Record<string, unknown>; schedule: 'hourly' | 'daily' | null; secret: string | null } {
  const { kind, name, ...rest } = input as SourceInput & Record<string, unknown>;
  const secretField = SECRET_FIELDS.find((f) => typeof rest[f] === 'string');
  const secret = secretField ? (rest[secretField] as string) : null;
  const { rule, schedule: sched, secret: _s, bearer: _b, appSecret: _a, ...config } = rest as Record<string, unknown>;
  return { kind, name, rule: (rule as MappingRule | undefined) ?? null, config, schedule: (sched as 'hourly' | 'daily' | undefined) ?? null, secret };
}

/** The additional data a source's sealed secret is bound to: a box copied to another source does not open. */
export const sourceSecretContext = (sourceId: string) => `metric_source:${sourceId}`;
