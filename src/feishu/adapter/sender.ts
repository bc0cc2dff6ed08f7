import type { DepsCore } from '../../deps.ts';
import { createKindSender } from '../../delivery/kind-sender.ts';
import type { Sender } from '../../delivery/types.ts';
import { createFeishuAdapter } from './index.ts';

/**
 * The outbox sender for Feishu/Lark: the kind registry (src/delivery/kinds) with the
 * Feishu adapter. Undefined when Feishu is off.
 */
export function createFeishuSender(deps: DepsCore): Sender | undefined {
  const adapter = createFeishuAdapter(deps);
  return adapter && createKindSender({ db: deps.db, clock: deps.clock, log: deps.log, publicUrl: deps.config.publicUrl }, adapter);
}
