import type { webApi } from '@slack/bolt';
import type { SlackMessage } from '../../../cards/slack/blocks.ts';
import { renderSurveyCard } from '../../../cards/slack/survey-card.ts';
import { renderSurveyResults } from '../../../cards/slack/survey-results.ts';
import type { DepsCore } from '../../deps.ts';
import type { WorkspaceRow } from '../../db/repos/workspace-repo.ts';
import type { SendResult } from '../../delivery/types.ts';
import { loadSurveyResults, loadSurveyView } from '../../views/followup-view.ts';
import { sentCardsOf } from '../data/sent-cards.ts';
import { answerOf } from '../data/surveys.ts';
import type { CardReader } from './reader.ts';
import { updateSentCards } from './update-cards.ts';

/** One person's survey card as it is now (their score and comment); null when the survey is gone. */
export async function renderSurveyMessage(deps: DepsCore, ws: WorkspaceRow, surveyId: string, respondent: string, reader: CardReader, reminder: boolean): Promise<SlackMessage | null> {
  const view = await loadSurveyView(deps.db, ws.id, surveyId, respondent, reader);
  if (!view) return null;
  const answer = await answerOf(deps.db, surveyId, respondent);
  return renderSurveyCard(reader.cards, { view, reminder, comment: answer?.comment ?? null });
}

/** The results card of a survey for one reader; null when the survey is gone. */
export async function renderResultsMessage(deps: DepsCore, ws: WorkspaceRow, surveyId: string, reader: CardReader): Promise<SlackMessage | null> {
  const results = await loadSurveyResults(deps.db, ws.id, surveyId, reader);
  return results ? renderSurveyResults(reader.cards, results) : null;
}

/**
 * After a person answers, their invite and reminder cards of that survey are updated in
 * place to show the chosen score (and, once closed, that it has closed).
 */
export async function refreshSurveyCards(deps: DepsCore, client: webApi.WebClient, ws: WorkspaceRow, surveyId: string, respondent: string, reader: CardReader): Promise<SendResult> {
  const cards = [
    ...(await sentCardsOf(deps.db, ws.id, 'survey_invite', `survey_invite:${surveyId}:${respondent}`)),
    ...(await sentCardsOf(deps.db, ws.id, 'survey_reminder', `survey_reminder:${surveyId}:${respondent}`)),
  ];
  return updateSentCards(deps, client, cards, (card) => renderSurveyMessage(deps, ws, surveyId, respondent, reader, card.kind === 'survey_reminder'));
}
