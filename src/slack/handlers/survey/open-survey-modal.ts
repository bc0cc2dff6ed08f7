import { renderSurveyModal } from '../../../../cards/slack/survey-modal.ts';
import { surveyableOutcomes } from '../../../db/queries/outcomes.ts';
import { listProjects } from '../../../db/queries/projects.ts';
import { DomainError } from '../../../domain/errors.ts';
import { pmoAccess } from './pmo-access.ts';
import { asModal } from '../../reply.ts';
import type { Member, SlackScope } from '../../context.ts';

const HOUR_MS = 3_600_000;
/** A survey suggested in the modal closes a week later, on the hour. */
const DEFAULT_OPEN_MS = 7 * 24 * HOUR_MS;

/**
 * `/outcome nps`: the PMO's or an admin's "start a survey" modal. Anyone else is told why
 * not, and so is everyone while there is no project to ask about. Runs inside the
 * 3-second trigger_id window.
 */
export async function openSurveyModal(scope: SlackScope, member: Member, triggerId: string): Promise<void> {
  if (!(await pmoAccess(scope, member)).allowed) throw new DomainError('forbidden', 'error.pmo_only');
  const { db, clock } = scope.deps;
  const projects = await listProjects(db, scope.workspace.id);
  if (!projects.length) throw new DomainError('not_found', 'slack.survey.no_projects');
  const outcomes = await surveyableOutcomes(db, scope.workspace.id, { limit: 100, withoutRejected: false });
  const closesAt = Math.ceil((clock.now().getTime() + DEFAULT_OPEN_MS) / HOUR_MS) * (HOUR_MS / 1000);
  await scope.client.views.open({ trigger_id: triggerId, view: asModal(renderSurveyModal(member.cards, { projects, outcomes, closesAt })) });
}
