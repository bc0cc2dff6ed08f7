import { desc, eq, and } from 'drizzle-orm';
import { digestCard } from '../../../cards/feishu/followup-notices.ts';
import type { Json } from '../../../cards/feishu/kit.ts';
import { messageCard } from '../../../cards/feishu/message-cards.ts';
import { npsFormCard } from '../../../cards/feishu/nps-form-card.ts';
import type { CardContext } from '../../../cards/view.ts';
import type { DepsCore } from '../../deps.ts';
import { surveys } from '../../db/schema/index.ts';
import { composeDigest } from '../../domain/digest.ts';
import { digestPeriod, gatherDigest } from '../../jobs/digest-data.ts';
import { newNpsFormProps } from '../followup/nps-form-props.ts';
import { resultsRender } from '../followup/survey-data.ts';
import type { ReplyRequest } from '../replies.ts';
import type { Recipient } from './recipient.ts';

type Render = (ctx: CardContext) => Json;
type FollowupRequest = Extract<ReplyRequest, { view: 'nps_form' | 'nps_results' | 'report' }>;

/** The latest survey of the workspace, or the latest one `personId` started. */
async function latestSurvey(deps: DepsCore, workspaceId: string, personId: string | null): Promise<string | null> {
  const [s] = await deps.db
    .select({ id: surveys.id })
    .from(surveys)
    .where(personId ? and(eq(surveys.workspaceId, workspaceId), eq(surveys.startedBy, personId)) : eq(surveys.workspaceId, workspaceId))
    .orderBy(desc(surveys.createdAt))
    .limit(1);
  return s?.id ?? null;
}

/** `/outcome nps results`: the latest survey's results card, or what to do when there is none. */
async function resultsReply(deps: DepsCore, r: Recipient & { person: NonNullable<Recipient['person']> }, scope: 'workspace' | 'mine'): Promise<Render> {
  const surveyId = await latestSurvey(deps, r.workspace.id, scope === 'mine' ? r.person.id : null);
  const render = surveyId ? await resultsRender(deps, r.workspace.id, surveyId, r.timeZone) : null;
  return render ?? ((ctx) => messageCard({ title: { key: 'feishu.results.none_title' }, template: 'grey', lines: [{ key: 'feishu.results.none' }] }, ctx));
}

/** `/outcome report`: the last seven days' digest, in the reader's language (the card carries both). */
async function reportReply(deps: DepsCore, r: Recipient): Promise<Render> {
  const now = deps.clock.now();
  const tz = r.workspace.settings.timeZone;
  const data = await gatherDigest(deps.db, r.workspace.id, now, tz, digestPeriod(now, tz, 'last_7_days'));
  const lines = { en: composeDigest(data, 'en'), 'zh-CN': composeDigest(data, 'zh-CN') };
  return (ctx) => digestCard({ lines: lines[ctx.locale], url: `${deps.config.publicUrl}/app` }, ctx);
}

/** Renderers of the follow-up answers (survey form, results, report), with their data read now. */
export async function followupRenderer(deps: DepsCore, r: Recipient, request: FollowupRequest): Promise<Render | null> {
  if (!r.person) return null;
  const person = r.person;
  switch (request.view) {
    case 'nps_form': {
      const props = await newNpsFormProps(deps, r.workspace, person, request.chatId);
      return (ctx) => npsFormCard(props, ctx);
    }
    case 'nps_results':
      return resultsReply(deps, { ...r, person }, request.scope);
    case 'report':
      return reportReply(deps, r);
  }
}
