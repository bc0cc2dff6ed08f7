import type { DepsCore } from '../deps.ts';
import type { OutboxRow, Sender, SendResult } from '../delivery/types.ts';
import { sendApproval, sendNotice, updateDecided } from './delivery/outcome-cards.ts';
import { sendDigest } from './delivery/digest-card.ts';
import { sendReply } from './delivery/reply-cards.ts';
import { sendEscalation, sendRecorded, sendReviewDue, sendShortfall } from './delivery/review-cards.ts';
import { sendSurvey, sendSurveyResults } from './delivery/survey-cards.ts';
import { REPLY_KIND } from './replies.ts';

/** How each outbox kind is delivered on Feishu; a feature with a new kind adds its entry here. */
export const FEISHU_KINDS: Record<string, (deps: DepsCore, row: OutboxRow) => Promise<SendResult>> = {
  approval_request: sendApproval,
  card_decided: updateDecided,
  decision_notice: sendNotice,
  // The submit form already turned into the summary the member sees; a second message would repeat it.
  submission_receipt: async () => ({ ok: true, result: { skipped: 'the form card shows the summary' } }),
  [REPLY_KIND]: sendReply,
  survey_invite: sendSurvey(false),
  survey_reminder: sendSurvey(true),
  survey_results: sendSurveyResults,
  review_due: sendReviewDue(false),
  review_reminder: sendReviewDue(true),
  review_escalation: sendEscalation,
  review_recorded: sendRecorded,
  shortfall_alert: sendShortfall,
  digest: sendDigest,
};

/**
 * The outbox sender for Feishu/Lark: cards rendered at delivery from current data,
 * im/v1/messages with `uuid` = the row id, message PATCH for in-place updates. It never
 * retries or sleeps itself: 429s come back with `x-ogw-ratelimit-reset` as retryAfterMs.
 * Undefined when Feishu is off.
 */
export function createFeishuSender(deps: DepsCore): Sender | undefined {
  if (!deps.config.feishu) return undefined;
  return {
    async send(row) {
      const deliver = FEISHU_KINDS[row.kind];
      if (!deliver) return { ok: false, error: `no Feishu delivery for outbox kind "${row.kind}"`, permanent: true };
      return deliver(deps, row);
    },
  };
}
