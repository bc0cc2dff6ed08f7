import type { Config } from '../../config.ts';
import type { NewReading } from '../../db/repos/readings-repo.ts';
import type { Platform } from '../../domain/types.ts';
import type { Log } from '../../log.ts';
import { openSecret } from '../../security/secret-box.ts';
import { sourceInput, sourceSecretContext, type SourceInput } from '../source-config.ts';
import { pullCsv } from './csv.ts';
import { pullHttpJson } from './http-json.ts';
import type { Pulled } from './pulled.ts';
import { PullError } from './pull-error.ts';
import type { PullOptions } from './types.ts';

/** A pull source as the job claimed it (its secret still sealed). */
export interface DueSource {
  id: string;
  workspaceId: string;
  platform: Platform;
  metricId: string;
  kind: string;
  config: Record<string, unknown>;
  secret: string | null;
  schedule: 'hourly' | 'daily' | null;
}

type PullInput = Extract<SourceInput, { kind: 'http_json' | 'csv' | 'feishu_base' }>;

/** The stored config read back through the one source schema (it was validated on the way in, but the schema may have moved on). */
function inputOf(s: DueSource): PullInput {
  const parsed = sourceInput.safeParse({ ...s.config, kind: s.kind, schedule: s.schedule ?? 'daily' });
  if (!parsed.success) throw new PullError(`the source settings are not valid (${parsed.error.issues[0]?.path.join('.') || 'config'}: ${parsed.error.issues[0]?.message ?? '?'})`);
  const input = parsed.data;
  if (input.kind !== 'http_json' && input.kind !== 'csv' && input.kind !== 'feishu_base') throw new PullError(`a ${input.kind} source is not pulled`);
  return input;
}

async function secretOf(config: Config, s: DueSource): Promise<string | null> {
  if (!s.secret) return null;
  if (!config.appSecret) throw new PullError('the server has no APP_SECRET to open the source secret');
  try {
    return await openSecret(config.appSecret, s.secret, sourceSecretContext(s.id));
  } catch {
    throw new PullError('the source secret cannot be opened (was APP_SECRET changed?); enter it again');
  }
}

/** The external id of a pulled value: the source's, so two sources on one metric never collide. */
export const pullExternalId = (sourceId: string, key: string) => `pull:${sourceId}:${key}`;

/** Reads a due source once; the readings to record, or a PullError saying what went wrong. */
export async function pullSource(deps: { config: Config; log: Log }, opts: PullOptions, s: DueSource): Promise<NewReading[]> {
  const input = inputOf(s);
  const secret = await secretOf(deps.config, s);
  let pulled: Pulled[];
  if (input.kind === 'http_json') pulled = await pullHttpJson(input, secret, opts);
  else if (input.kind === 'csv') pulled = await pullCsv(input, secret, opts);
  else {
    // Loaded only for a Base source: it brings the Lark SDK, which a service without Feishu
    // Base sources never loads (test/integration/platform-loading.test.ts).
    const { pullBaseSource } = await import('./feishu-base.ts');
    pulled = await pullBaseSource(deps, opts, s.platform, input, secret);
  }
  return pulled.map((p) => ({ metricId: s.metricId, value: p.value, measuredAt: p.measuredAt, source: 'pull', sourceId: s.id, externalId: pullExternalId(s.id, p.key) }));
}
