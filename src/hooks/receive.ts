import { isUniqueViolation } from '../db/client.ts';
import { hasDelivery, loadHookSource, loadRuleHistory, type HookSource } from '../db/queries/hook-sources.ts';
import { insertSourceEvent, markDelivery } from '../db/repos/source-events-repo.ts';
import type { DepsCore } from '../deps-types.ts';
import { evaluateRule, ruleEvents, ruleReads, ruleWindowStart, type RuleEvent } from '../domain/mapping-rules.ts';
import { DomainError } from '../domain/errors.ts';
import { badRequest } from '../errors.ts';
import { openSecret } from '../security/secret-box.ts';
import { recordReadings } from '../sources/record-readings.ts';
import { mappingRule, sourceSecretContext, type MappingRule } from '../sources/source-config.ts';
import type { Normalised } from './normalised.ts';
import { bodyDigest, verifySha256 } from './signature.ts';

/** How one platform's deliveries are told apart: its source kind, headers, and normaliser. */
export interface HookPlatform {
  kind: 'github' | 'jira';
  signatureHeader: string;
  deliveryHeader: string;
  /** Null for a delivery that only checks the hook (GitHub's `ping`); the event otherwise. */
  normalise(headers: (name: string) => string | undefined, payload: unknown, config: Record<string, unknown>): Normalised | null;
}

/** What the receiver answers (200): whether a reading was stored, and why not. */
export interface HookResult {
  ok: true;
  stored: boolean;
  reason?: string;
  value?: number;
}

const refused = (reason: string) => new DomainError('unauthorized', 'error.webhook_unverified', { reason });
type Deps = Pick<DepsCore, 'db' | 'clock' | 'config' | 'log'>;

/**
 * Receives one webhook delivery for `sourceId`: the source must exist, be of this platform
 * and have a secret, and the body must carry its signature (else 401, nothing stored). A
 * verified delivery is normalised; an event the source's rule reads is stored with at most
 * one reading, once per delivery id, in one batch with the source's status.
 */
export async function receiveHook(deps: Deps, platform: HookPlatform, sourceId: string, headers: (name: string) => string | undefined, body: Uint8Array<ArrayBuffer>): Promise<HookResult> {
  const source = await loadHookSource(deps.db, sourceId);
  // One answer for unknown, other-kind and secretless sources: the URL reveals nothing.
  if (!source || source.kind !== platform.kind || !source.secret) throw refused('no webhook source with this URL and a secret');
  const now = deps.clock.now();
  const mark = (error: string | null) => deps.db.batch([markDelivery(deps.db, source.id, now, error)]);
  if (!(await verifySha256(await sourceSecret(deps, source), body, headers(platform.signatureHeader)))) {
    await mark(`a delivery was refused: ${platform.signatureHeader} missing or wrong`);
    throw refused(`${platform.signatureHeader} is missing or does not match the secret`);
  }
  let normalised: Normalised | null;
  try {
    normalised = platform.normalise(headers, parseJson(body), source.config);
  } catch (err) {
    if (err instanceof DomainError) await mark(`a delivery was refused: ${String(err.params.reason)}`);
    throw err;
  }
  const rule = mappingRule.safeParse(source.rule);
  if (!rule.success) {
    await mark('the source has no valid mapping rule; deliveries are not mapped');
    return { ok: true, stored: false, reason: 'the source has no valid mapping rule' };
  }
  const ignore = async (reason: string): Promise<HookResult> => {
    await mark(null);
    return { ok: true, stored: false, reason };
  };
  if (normalised === null) return ignore('ping');
  if (normalised.kind === 'ignored') return ignore(normalised.reason);
  if (!ruleReads(rule.data, normalised.event.event)) return ignore(`the source's rule does not map ${normalised.event.event}`);
  const deliveryId = headers(platform.deliveryHeader)?.trim().slice(0, 200) || (await bodyDigest(body));
  if (await hasDelivery(deps.db, source.id, deliveryId)) return ignore('already received');
  return storeEvent(deps, source, rule.data, normalised.event, deliveryId, now);
}

/** The source's secret; a box that does not open (APP_SECRET changed or missing) refuses every delivery, and says so in the log. */
async function sourceSecret(deps: Deps, source: HookSource): Promise<string> {
  if (!deps.config.appSecret) {
    deps.log('error', 'webhook source secret cannot be opened: APP_SECRET is not set', { sourceId: source.id });
    throw refused('the server cannot check signatures');
  }
  try {
    return await openSecret(deps.config.appSecret, source.secret!, sourceSecretContext(source.id));
  } catch (err) {
    deps.log('error', 'webhook source secret cannot be opened', { sourceId: source.id, error: String(err) });
    throw refused('the server cannot check signatures');
  }
}

function parseJson(body: Uint8Array<ArrayBuffer>): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body));
  } catch {
    throw badRequest('the body is not JSON');
  }
}

/**
 * Evaluates the rule at the event's time over the stored history plus this event, and
 * stores the event, the reading (external id `<kind>:<delivery id>`, measured at the event
 * time) and the source's status in one batch. A concurrent copy of the same delivery fails
 * the batch on the event's unique key, so it stores nothing either.
 */
async function storeEvent(deps: Deps, source: HookSource, rule: MappingRule, event: RuleEvent, deliveryId: string, now: Date): Promise<HookResult> {
  const at = event.occurredAt;
  const history = await loadRuleHistory(deps.db, source.id, ruleEvents(rule), ruleWindowStart(rule, at, source.timeZone), at);
  const value = evaluateRule(rule, [...history, event], at, source.timeZone);
  const rows = value === null ? [] : [{ metricId: source.metricId, value, measuredAt: at, source: 'webhook' as const, sourceId: source.id, externalId: `${source.kind}:${deliveryId}` }];
  const extra = [insertSourceEvent(deps.db, { workspaceId: source.workspaceId, sourceId: source.id, deliveryId, event, now }), markDelivery(deps.db, source.id, now, null)];
  try {
    await recordReadings(deps, source.workspaceId, rows, extra);
  } catch (err) {
    if (isUniqueViolation(err, 'source_events')) return { ok: true, stored: false, reason: 'already received' };
    throw err;
  }
  return value === null ? { ok: true, stored: false, reason: `${event.event} stored; the rule has no value yet` } : { ok: true, stored: true, value };
}
