import type { Json } from '../../../cards/feishu/kit.ts';
import type { DepsCore } from '../../deps.ts';
import type { PlatformAdapter } from '../../delivery/adapter.ts';
import type { PersonRef, WorkspaceContext } from '../../domain/ports.ts';
import { newNpsFormProps } from '../handlers/survey/nps-form-props.ts';
import { newFormProps } from '../handlers/submit/form-props.ts';
import { feishuOutcomeEvidence } from './outcome-data.ts';
import { patchCard, postCard } from './api.ts';
import { renderFeishu } from './render.ts';

/**
 * Feishu/Lark as a delivery adapter: bilingual cards from cards/feishu, im/v1/messages with
 * `uuid` = the row id (a retry after a lost response is not posted twice), message PATCH
 * in place (cards have update_multi). 429s come back with `x-ogw-ratelimit-reset`
 * (failureResult in api.ts); no retries here. Undefined when Feishu is off.
 */
export function createFeishuAdapter(deps: DepsCore): PlatformAdapter<Json> | undefined {
  if (!deps.config.feishu) return undefined;
  return {
    platform: 'feishu',
    // The submit form card itself turns into the summary the member sees.
    submitSurfaceShowsReceipt: true,
    async connect(ws) {
      const workspace: WorkspaceContext = { id: ws.id, platform: 'feishu', settings: ws.settings };
      return {
        render: renderFeishu,
        post: (destination, card, key) => postCard(deps, destination, card, key),
        async update(sent, card) {
          const messageId = sent.message_id;
          if (typeof messageId !== 'string') return { ok: true, result: { skipped: 'no message to update' } };
          if (sent.only_visible_to) return { ok: true, result: { skipped: 'an only-visible-to-you card cannot be updated' } };
          return patchCard(deps, messageId, card);
        },
        outcome: (view) => feishuOutcomeEvidence(deps, ws.id, view),
        async form(which, to, extra) {
          const p = to.person;
          if (!p) return null;
          const member: PersonRef = { id: p.id, address: p.platformUserId, timeZone: p.timeZone, locale: p.locale, managerId: p.managerId };
          return which === 'form' ? newFormProps(deps, workspace, member, { lookup: true }) : newNpsFormProps(deps, workspace, member, typeof extra.chatId === 'string' ? extra.chatId : null);
        },
      };
    },
  };
}
