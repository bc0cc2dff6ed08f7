import type { DepsCore } from '../../deps.ts';
import type { WorkspaceRow } from '../../db/repos/workspace-repo.ts';
import { refreshSentCards } from '../../delivery/kind-sender.ts';
import type { SendResult } from '../../delivery/types.ts';
import { createSlackAdapter } from './index.ts';

/**
 * After a person answers, their invite and reminder cards of that survey are updated in
 * place to show the chosen score (and, once closed, that it has closed).
 */
export async function refreshSurveyCards(deps: DepsCore, ws: WorkspaceRow, surveyId: string, respondent: string): Promise<SendResult> {
  const adapter = createSlackAdapter(deps);
  if (!adapter) return { ok: false, error: 'Slack is not configured', permanent: true };
  return refreshSentCards({ db: deps.db, clock: deps.clock, log: deps.log, publicUrl: deps.config.publicUrl }, adapter, ws, [
    { kind: 'survey_invite', keyPattern: `survey_invite:${surveyId}:${respondent}` },
    { kind: 'survey_reminder', keyPattern: `survey_reminder:${surveyId}:${respondent}` },
  ]);
}
