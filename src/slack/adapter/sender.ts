import type { DepsCore } from '../../deps.ts';
import { createKindSender } from '../../delivery/kind-sender.ts';
import type { Sender } from '../../delivery/types.ts';
import { createSlackAdapter } from './index.ts';

/**
 * The outbox sender for Slack: the kind registry (src/delivery/kinds) with the Slack
 * adapter. Undefined when Slack is off.
 */
export function createSlackSender(deps: DepsCore): Sender | undefined {
  const adapter = createSlackAdapter(deps);
  return adapter && createKindSender({ db: deps.db, clock: deps.clock, log: deps.log, publicUrl: deps.config.publicUrl }, adapter);
}
