import type { Deps } from '../../deps.ts';

/** Which marker an inbound delivery is deduplicated by. */
export interface DeliveryKey {
  workspaceId: string;
  /** `feishu_event` (event_id) or `feishu_message` (message_id). */
  source: string;
  key: string;
}

/**
 * Runs `work` for an at-least-once delivery the first time its key is seen; a repeat runs
 * nothing and returns false. The marker is taken before the work, so a duplicate arriving
 * meanwhile is dropped, and given back when the work fails: the request then answers 500
 * and Feishu's retry is handled instead of being dropped as a duplicate (silence).
 */
export async function handleOnce(deps: Deps, at: DeliveryKey, work: () => Promise<unknown>): Promise<boolean> {
  if (!(await deps.repos.events.firstTime(at.workspaceId, at.source, at.key, deps.clock.now()))) return false;
  try {
    await work();
  } catch (err) {
    await deps.repos.events.forget(at.workspaceId, at.source, at.key).catch((e: unknown) => deps.log('error', 'feishu delivery marker not released', { ...at, error: String(e) }));
    throw err;
  }
  return true;
}
