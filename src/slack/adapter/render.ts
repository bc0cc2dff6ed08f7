import { renderAtRiskAlert } from '../../../cards/slack/at-risk-alert.ts';
import { renderApprovalCard } from '../../../cards/slack/approval-card.ts';
import { renderApprovalNotice } from '../../../cards/slack/approval-notice.ts';
import type { SlackMessage } from '../../../cards/slack/blocks.ts';
import { renderHelp, renderList, renderNote } from '../../../cards/slack/command-replies.ts';
import { renderCommentAdded } from '../../../cards/slack/comment-notice.ts';
import { renderDigest, renderReviewEscalation, renderReviewRecorded, renderShortfallAlert } from '../../../cards/slack/followup-notices.ts';
import { renderSourceFailing } from '../../../cards/slack/source-notices.ts';
import { renderOkrBlocked } from '../../../cards/slack/okr-notices.ts';
import { renderDecisionNotice, renderReceipt } from '../../../cards/slack/notices.ts';
import { renderReviewCard } from '../../../cards/slack/review-card.ts';
import { renderLessonsPrompt, renderRetroActionReminder, renderRetroPack } from '../../../cards/slack/retro.ts';
import { renderSurveyCard } from '../../../cards/slack/survey-card.ts';
import { renderResultsList, renderSurveyResults } from '../../../cards/slack/survey-results.ts';
import type { CardContext } from '../../../cards/view.ts';
import type { Unsendable } from '../../delivery/adapter.ts';
import type { NotificationView, ReplyView, TextLine } from '../../delivery/kinds/views.ts';
import type { Recipient } from '../../delivery/recipient.ts';
import { dateText } from '../../views/dates.ts';
import { cardContext } from '../../views/card-context.ts';

/** A text line with Slack mentions for its people. */
export function lineText(ctx: CardContext, l: TextLine): string {
  const params = Object.fromEntries(Object.entries(l.params ?? {}).map(([k, v]) => [k, typeof v === 'object' ? [v.at].flat().map((a) => `<@${a}>`).join(' ') || '—' : v]));
  return ctx.t(l.key, params);
}

function renderReply(ctx: CardContext, r: ReplyView, to: Recipient): SlackMessage | Unsendable {
  switch (r.view) {
    case 'help':
      return renderHelp(ctx, r.unknown ? { unknown: r.unknown } : {});
    case 'list':
      return renderList(ctx, r.mine.map((o) => ({ ...o, updatedText: dateText(o.updatedAt, to.timeZone) })));
    case 'message':
      return renderNote([`*${lineText(ctx, r.title)}*`, ...r.lines.map((l) => lineText(ctx, l))].join('\n'));
    case 'nps_results':
      return renderResultsList(ctx, r.results ? [r.results[ctx.locale]] : []);
    case 'report':
      return renderDigest(r.digest.lines[ctx.locale]);
    default:
      // Slack forms open as modals from the request that asks for them, never from the outbox.
      return { unsendable: 'Slack opens forms as modals from the request that asks for them' };
  }
}

/** A view model as Block Kit, in the recipient's one language. */
export function renderSlack(view: NotificationView, to: Recipient): SlackMessage | Unsendable {
  const ctx = cardContext(to.locale, to.publicUrl);
  switch (view.type) {
    case 'approval':
      return renderApprovalCard(ctx, { view: view.outcome, stage: view.stage, round: view.round, open: view.open, decision: view.decision, waitedDays: view.waitedDays ?? null, handedOverTo: view.handedOverTo ?? null });
    case 'approval_notice':
      return renderApprovalNotice(ctx, view);
    case 'decision_notice': {
      const d = view.decision;
      return renderDecisionNotice(ctx, { view: view.outcome, stage: view.stage, round: view.round, decision: d.decision, comment: d.comment, by: d.reviewer, reviewDue: view.reviewDue });
    }
    case 'receipt':
      return renderReceipt(ctx, view.outcome);
    case 'review':
      return renderReviewCard(ctx, { view: view.review, reminder: view.reminder, alerts: view.recorded?.alerts ?? [], threshold: view.threshold });
    case 'escalation':
      return renderReviewEscalation(ctx, view);
    case 'review_recorded':
      return renderReviewRecorded(ctx, view);
    case 'shortfall':
      return renderShortfallAlert(ctx, view);
    case 'source_failing':
      return renderSourceFailing(ctx, view);
    case 'okr_sync_blocked':
      return renderOkrBlocked(ctx, view);
    case 'at_risk':
      return renderAtRiskAlert(ctx, view.alert);
    case 'comment_added':
      return renderCommentAdded(ctx, view);
    case 'survey':
      return renderSurveyCard(ctx, { view: view.survey[ctx.locale], reminder: view.reminder, comment: view.comment, answered: view.answered });
    case 'survey_results':
      return renderSurveyResults(ctx, view.results[ctx.locale]);
    case 'digest':
      return renderDigest(view.lines[ctx.locale]);
    case 'reply':
      return renderReply(ctx, view.reply, to);
    case 'lessons_prompt':
      return renderLessonsPrompt(ctx, view);
    case 'retro_pack':
      return renderRetroPack(ctx, { ...view, lines: view.lines[ctx.locale] });
    case 'retro_action_reminder':
      return renderRetroActionReminder(ctx, view);
  }
}
