import type { DepsCore } from '../deps.ts';
import type { Sender } from '../delivery/types.ts';

/** The outbox sender for Feishu/Lark (im/v1/messages with uuid, message PATCH); undefined when Feishu is off. */
export function createFeishuSender(deps: DepsCore): Sender | undefined {
  if (!deps.config.feishu) return undefined;
  return undefined;
}
