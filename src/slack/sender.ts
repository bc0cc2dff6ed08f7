import type { DepsCore } from '../deps.ts';
import type { Sender } from '../delivery/types.ts';

/** The outbox sender for Slack (chat.postMessage / chat.update / views.publish); undefined when Slack is off. */
export function createSlackSender(deps: DepsCore): Sender | undefined {
  if (!deps.config.slack) return undefined;
  return undefined;
}
