import { atRiskCard } from '../../../cards/feishu/at-risk-alert.ts';
import { approvalCard } from '../../../cards/feishu/approval-card.ts';
import { approvalNoticeCard } from '../../../cards/feishu/approval-notice.ts';
import { commentAddedCard } from '../../../cards/feishu/comment-notice.ts';
import type { FormCardProps } from '../../../cards/feishu/form-card.ts';
import { formCard } from '../../../cards/feishu/form-card.ts';
import { digestCard, escalationCard, reviewRecordedCard, shortfallCard } from '../../../cards/feishu/followup-notices.ts';
import type { Json } from '../../../cards/feishu/kit.ts';
import { fits } from '../../../cards/feishu/limits.ts';
import { helpCard, listCard, messageCard } from '../../../cards/feishu/message-cards.ts';
import { noticeCard, summaryCard } from '../../../cards/feishu/notice-cards.ts';
import { npsFormCard, type NpsFormProps } from '../../../cards/feishu/nps-form-card.ts';
import type { Trim } from '../../../cards/feishu/outcome-section.ts';
import { resultsCard } from '../../../cards/feishu/results-card.ts';
import { reviewCard } from '../../../cards/feishu/review-card.ts';
import { lessonsPromptCard, retroActionCard, retroPackCard } from '../../../cards/feishu/retro.ts';
import { sourceFailingCard } from '../../../cards/feishu/source-notices.ts';
import { okrBlockedCard } from '../../../cards/feishu/okr-notices.ts';
import { surveyCard } from '../../../cards/feishu/survey-card.ts';
import type { CardContext } from '../../../cards/view.ts';
import type { OutcomeListItem } from '../../db/queries/outcomes.ts';
import type { Unsendable } from '../../delivery/adapter.ts';
import type { DigestView, NotificationView, ReplyView } from '../../delivery/kinds/views.ts';
import type { Recipient } from '../../delivery/recipient.ts';
import { renderCard, renderFitted } from '../render.ts';

const TOO_LARGE: Unsendable = { unsendable: "the card exceeds Feishu's 30 KB / 200 component limit even trimmed" };

type Render = (ctx: CardContext) => Json;

const item = (publicUrl: string) => (o: OutcomeListItem) => ({ title: o.title, status: o.status, projectName: o.projectName, url: `${publicUrl}/app/outcomes/${o.id}` });
const digestOf = (d: DigestView): Render => (ctx) => digestCard({ lines: d.lines[ctx.locale], url: d.url }, ctx);

function replyRender(r: ReplyView, publicUrl: string): Render {
  switch (r.view) {
    case 'help':
      return (ctx) => helpCard({ unknown: r.unknown }, ctx);
    case 'list':
      return (ctx) => listCard({ mine: r.mine.map(item(publicUrl)), awaiting: r.awaiting.map(item(publicUrl)), dashboardUrl: r.dashboardUrl }, ctx);
    case 'message':
      return (ctx) => messageCard(r, ctx);
    case 'nps_results': {
      const results = r.results;
      return results
        ? (ctx) => resultsCard(results[ctx.locale], ctx)
        : (ctx) => messageCard({ title: { key: 'feishu.results.none_title' }, template: 'grey', lines: [{ key: 'feishu.results.none' }] }, ctx);
    }
    case 'report':
      return digestOf(r.digest);
    case 'form':
      return (ctx) => formCard(r.form as FormCardProps, ctx);
    case 'nps_form':
      return (ctx) => npsFormCard(r.form as NpsFormProps, ctx);
  }
}

/** Cards whose outcome section is trimmed until they fit; the rest are rendered whole. */
function fitted(view: NotificationView): ((ctx: CardContext, trim: Trim) => Json) | null {
  switch (view.type) {
    case 'approval':
      return (c, trim) => approvalCard({ outcome: view.outcome, stage: view.stage, round: view.round, decision: view.decision, waitedDays: view.waitedDays ?? null, handedOverTo: view.handedOverTo ?? null }, c, trim);
    case 'decision_notice':
      return (c) => noticeCard({ outcome: view.outcome, decision: view.decision, round: view.round, due: view.reviewDue }, c);
    case 'receipt':
      return (c, trim) => summaryCard(view.outcome, c, trim);
    default:
      return null;
  }
}

function whole(view: Exclude<NotificationView, { type: 'approval' | 'decision_notice' | 'receipt' }>, publicUrl: string): Render {
  switch (view.type) {
    case 'review':
      return (ctx) => reviewCard({ review: view.review, reminder: view.reminder, values: {}, errors: [], recorded: view.recorded, threshold: view.threshold }, ctx);
    case 'escalation':
      return (ctx) => escalationCard(view, ctx);
    case 'approval_notice':
      return (ctx) => approvalNoticeCard(view, ctx);
    case 'review_recorded':
      return (ctx) => reviewRecordedCard(view, ctx);
    case 'shortfall':
      return (ctx) => shortfallCard(view, ctx);
    case 'source_failing':
      return (ctx) => sourceFailingCard(view, ctx);
    case 'okr_sync_blocked':
      return (ctx) => okrBlockedCard(view, ctx);
    case 'at_risk':
      return (ctx) => atRiskCard(view.alert, ctx);
    case 'comment_added':
      return (ctx) => commentAddedCard(view, ctx);
    case 'survey':
      return (ctx) => surveyCard({ survey: view.survey[ctx.locale], comment: view.comment, reminder: view.reminder, answered: view.answered }, ctx);
    case 'survey_results':
      return (ctx) => resultsCard(view.results[ctx.locale], ctx);
    case 'digest':
      return digestOf(view);
    case 'reply':
      return replyRender(view.reply, publicUrl);
    case 'lessons_prompt':
      return (ctx) => lessonsPromptCard(view, ctx);
    case 'retro_pack':
      return (ctx) => retroPackCard({ ...view, lines: view.lines[ctx.locale] }, ctx);
    case 'retro_action_reminder':
      return (ctx) => retroActionCard(view, ctx);
  }
}

/**
 * A view model as one Feishu card carrying both languages, the recipient's first (see
 * cards/feishu/bilingual.ts); a card that fits no trim level is never sent.
 */
export function renderFeishu(view: NotificationView, to: Pick<Recipient, 'locale' | 'publicUrl'>): Json | Unsendable {
  const trimmed = fitted(view);
  const card = trimmed ? renderFitted(trimmed, to.locale, to.publicUrl) : renderCard(whole(view as Parameters<typeof whole>[0], to.publicUrl), to.locale, to.publicUrl);
  return card && fits(card) ? card : TOO_LARGE;
}
