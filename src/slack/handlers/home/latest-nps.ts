import type { HomeProps } from '../../../../cards/slack/home.ts';
import { latestClosedSurveyId } from '../../../db/queries/surveys.ts';
import { isAdmin } from '../../../domain/update-settings.ts';
import { loadSurveyResults } from '../../../views/followup-view.ts';
import type { Member, SlackScope } from '../../context.ts';

/**
 * The Home tab's "Latest NPS": the PMO and admins see the workspace's most recently closed
 * survey, anyone else the newest closed one of a project they took part in or were asked
 * about. Admins here are the listed ones and the installer: asking Slack (users.info) on
 * every Home open is not worth a line. Null when there is no such survey.
 */
export async function latestNpsFor(scope: SlackScope, member: Member): Promise<HomeProps['latestNps']> {
  const { db, config } = scope.deps;
  const { settings, id: workspaceId, installedBy } = scope.workspace;
  const address = member.ref.address;
  const seesAll = settings.pmoReviewers.includes(address) || isAdmin(settings, installedBy, { address, isPlatformAdmin: false });
  const surveyId = await latestClosedSurveyId(db, workspaceId, seesAll ? null : { personId: member.ref.id, address });
  if (!surveyId) return null;
  return loadSurveyResults(db, workspaceId, surveyId, { locale: member.locale, timeZone: member.timeZone, publicUrl: config.publicUrl });
}
