import { isDeliveryCursor, listDelivery, OUTBOX_STATES, type DeliveryRow, type OutboxState } from '../../db/queries/delivery.ts';
import { requeueDead } from '../../db/repos/outbox-retry.ts';
import type { Deps } from '../../deps.ts';
import { DomainError } from '../../domain/errors.ts';
import { decodeCursor } from '../../views/page-cursor.ts';
import type { Viewer } from '../env.ts';
import { assertAdmin } from './settings.ts';

/** What the delivery page shows: one state's rows, and whether their platform can send at all. */
export interface DeliveryPage {
  state: OutboxState;
  rows: (DeliveryRow & { noPlatform: boolean })[];
  next: { at: number; id: string } | null;
}

const PAGE = 50;

/** The state asked for in the query string; an unknown one is a 400 naming the field. */
export function stateOf(text: string | undefined): OutboxState {
  if (text === undefined || text === '') return 'dead';
  if ((OUTBOX_STATES as readonly string[]).includes(text)) return text as OutboxState;
  throw new DomainError('validation_failed', 'error.validation_failed', { count: 1 }, [{ field: 'state', key: 'api.invalid', params: { detail: OUTBOX_STATES.join(', ') } }]);
}

/**
 * The admins' delivery page. A row whose platform has no sender in this process (nothing
 * connected: see src/platform-senders.ts) is marked, because it cannot be delivered until one is.
 */
export async function loadDelivery(deps: Deps, v: Viewer, state: OutboxState, cursor: string | undefined): Promise<DeliveryPage> {
  assertAdmin(v);
  const page = await listDelivery(deps.db, v.workspace.id, state, { limit: PAGE, before: decodeCursor(cursor, isDeliveryCursor) });
  return { state, rows: page.rows.map((r) => ({ ...r, noPlatform: r.status !== 'sent' && !deps.senders[r.platform] })), next: page.next };
}

/** An admin's retry of a dead message: queued again for the normal drainer, audited. */
export async function retryDead(deps: Deps, v: Viewer, id: string): Promise<void> {
  assertAdmin(v);
  const at = deps.clock.now();
  const audit = { entity: 'workspace' as const, entityId: v.workspace.id, action: 'delivery_retry', actorId: v.person.id, fromStatus: null, toStatus: null, comment: id, at, via: deps.verbs.via };
  if (!(await requeueDead(deps.db, v.workspace.id, id, audit))) throw new DomainError('closed', 'web.delivery.not_dead');
}
