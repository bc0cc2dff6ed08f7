import type { webApi } from '@slack/bolt';
import type { SlackMessage } from '../../../cards/slack/blocks.ts';
import { renderDigest } from '../../../cards/slack/followup-notices.ts';
import type { ShortfallView } from '../../../cards/view.ts';
import type { DepsCore } from '../../deps.ts';
import type { WorkspaceRow } from '../../db/repos/workspace-repo.ts';
import type { OutboxRow } from '../../delivery/types.ts';
import { composeDigest, type DigestData } from '../../domain/digest.ts';
import { readerOf } from './reader.ts';
import { renderAlertMessage, renderEscalationMessage, renderRecordedMessage, renderReviewMessage } from './review-messages.ts';
import { renderResultsMessage, renderSurveyMessage } from './survey-messages.ts';

/** Outbox kinds of the follow-up features (surveys, reviews, alerts, the digest). */
export const FOLLOWUP_KINDS = new Set(['survey_invite', 'survey_reminder', 'survey_results', 'review_due', 'review_reminder', 'review_escalation', 'review_recorded', 'shortfall_alert', 'digest']);

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * The message a follow-up outbox row posts, rendered now from current data in its reader's
 * language; null when what it is about no longer exists. The digest is written in the
 * workspace's language (it goes to the PMO channel or reviewers as one report).
 */
export async function renderFollowupRow(deps: DepsCore, client: webApi.WebClient, ws: WorkspaceRow, row: OutboxRow): Promise<SlackMessage | null> {
  const p = row.payload;
  if (row.kind === 'digest') return renderDigest(composeDigest(p.digest as DigestData, ws.settings.locale));
  const reader = await readerOf(deps, ws, { personId: str(p.personId) || null, address: row.destination }, client);
  switch (row.kind) {
    case 'survey_invite':
    case 'survey_reminder':
      return renderSurveyMessage(deps, ws, str(p.surveyId), row.destination, reader, row.kind === 'survey_reminder');
    case 'survey_results':
      return renderResultsMessage(deps, ws, str(p.surveyId), reader);
    case 'review_due':
    case 'review_reminder':
      return renderReviewMessage(deps, ws, str(p.scheduleId), reader, row.kind === 'review_reminder');
    case 'review_escalation':
      return renderEscalationMessage(deps, ws, str(p.scheduleId), reader);
    case 'review_recorded':
      return renderRecordedMessage(deps, ws, str(p.scheduleId), Number(p.alerts) || 0, reader);
    case 'shortfall_alert':
      return renderAlertMessage(ws, { outcomeId: str(p.outcomeId), title: str(p.title), metrics: (p.metrics as ShortfallView[] | undefined) ?? [] }, reader);
    default:
      return null;
  }
}
