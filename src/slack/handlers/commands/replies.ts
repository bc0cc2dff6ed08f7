import type { SlackMessage } from '../../../../cards/slack/blocks.ts';
import { renderDigest } from '../../../../cards/slack/followup-notices.ts';
import { renderResultsList } from '../../../../cards/slack/survey-results.ts';
import type { SurveyResultsView } from '../../../../cards/view.ts';
import { latestSurveyIds } from '../../../db/queries/surveys.ts';
import { composeDigest } from '../../../domain/digest.ts';
import { DomainError } from '../../../domain/errors.ts';
import { gatherDigest } from '../../../jobs/digest-data.ts';
import { loadSurveyResults } from '../../../views/followup-view.ts';
import type { Member, SlackScope } from '../../context.ts';
import { pmoAccess } from '../survey/pmo-access.ts';
import { renderNote } from '../../../../cards/slack/command-replies.ts';
import { runApprovalCommand } from '../../../approvals/chat-commands.ts';
import { lineText } from '../../adapter/render.ts';
import { adminActor } from '../admin/run-admin.ts';

/** Surveys one reply shows. */
const RESULTS_SHOWN = 3;

/**
 * `/outcome nps results`: the latest surveys the person started; for the PMO and admins,
 * the workspace's latest. Open surveys show their results so far.
 */
export async function npsResultsReply(scope: SlackScope, member: Member): Promise<SlackMessage> {
  const { db, config } = scope.deps;
  const { allowed } = await pmoAccess(scope, member);
  const ids = await latestSurveyIds(db, scope.workspace.id, allowed ? null : member.ref.id, RESULTS_SHOWN);
  const reader = { locale: member.locale, timeZone: member.timeZone, publicUrl: config.publicUrl };
  const results = (await Promise.all(ids.map((id) => loadSurveyResults(db, scope.workspace.id, id, reader)))).filter((r): r is SurveyResultsView => r !== null);
  return renderResultsList(member.cards, results);
}

/** `/outcome report`: the digest of the week that last ended (the same window as Monday's), on demand, in the reader's language (PMO and admins). */
export async function reportReply(scope: SlackScope, member: Member): Promise<SlackMessage> {
  if (!(await pmoAccess(scope, member)).allowed) throw new DomainError('forbidden', 'slack.report.pmo_only');
  const now = scope.deps.clock.now();
  const data = await gatherDigest(scope.deps.db, scope.workspace.id, now, scope.workspace.settings);
  return renderDigest(composeDigest(data, member.locale));
}

const SLACK_USER = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

/** `/outcome nudge | handover … | away …` (src/approvals/chat-commands.ts), answered privately. */
export async function approvalReply(scope: SlackScope, member: Member, sub: string, args: string[]): Promise<SlackMessage> {
  const people = scope.deps.repos.people;
  const lines = await runApprovalCommand(
    {
      deps: scope.deps,
      workspace: scope.ws,
      installedBy: scope.workspace.installedBy,
      personOf: async (word) => {
        const id = SLACK_USER.exec(word)?.[1];
        return id ? people.upsert(scope.ws.id, { platformUserId: id }) : null;
      },
      isPlatformAdmin: async () => (await adminActor(scope, member)).isPlatformAdmin,
    },
    member.ref,
    sub,
    args,
  );
  return renderNote(lines.map((l) => lineText(member.cards, l)).join('\n'));
}
