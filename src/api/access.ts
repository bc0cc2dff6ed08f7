import { workspaceById } from '../db/queries/workspaces.ts';
import type { Reader } from '../db/queries/visibility.ts';
import type { MetricRef } from '../db/queries/api-metrics.ts';
import type { Db } from '../db/client.ts';
import { DomainError } from '../domain/errors.ts';
import { readerOf } from '../web/context/viewer.ts';
import type { Principal } from './env.ts';

/**
 * What the caller reads: a token sees its whole workspace (admins make tokens); a person what
 * the web shows them (src/db/queries/visibility.ts).
 */
export const readerOfPrincipal = (p: Principal): Reader => (p.kind === 'token' ? { personId: '', seesAll: true } : readerOf(p.viewer));

/**
 * Whether the caller may change a metric (its readings, sources, external key): a token with
 * the route's scope may; a person when they are a workspace admin or the outcome's owner.
 */
export const mayChange = (p: Principal, m: MetricRef): boolean => p.kind === 'token' || p.viewer.roles.admin || p.viewer.person.id === m.ownerId;

/** Throws unless the caller may change `m`: not_found when they do not even see it, forbidden otherwise. */
export function assertMayChange(p: Principal, m: MetricRef | null): asserts m is MetricRef {
  if (!m || !m.visible) throw new DomainError('not_found', 'error.not_found');
  if (!mayChange(p, m)) throw new DomainError('forbidden', 'api.not_owner');
}

/** The workspace's shortfall threshold, for forecasts. */
export async function thresholdOf(db: Db, p: Principal): Promise<number> {
  if (p.kind === 'session') return p.viewer.workspace.settings.shortfallThreshold;
  const w = await workspaceById(db, p.workspaceId);
  if (!w) throw new DomainError('unauthorized', 'api.token_unknown');
  return w.settings.shortfallThreshold;
}
