import { listAwaitingReview, listMyOutcomes } from '../../db/queries/outcomes.ts';
import { latestSurveyIds } from '../../db/queries/surveys.ts';
import { gatherDigest } from '../../jobs/digest-data.ts';
import { digestView } from './digest.ts';
import { loadResults } from './survey-invite.ts';
import { defineKind, type KindContext } from './types.ts';
import type { ReplyView, TextLine, Tone } from './views.ts';
import type { Recipient } from '../recipient.ts';

/**
 * What the bot answers a message, command or menu click with, as stored in the row. The
 * answer is rendered from current data when it is delivered.
 */
export type ReplyRequest =
  | { view: 'form' }
  | { view: 'help'; unknown: string | null }
  | { view: 'list' }
  | { view: 'message'; title: TextLine; template: Tone; lines: TextLine[] }
  /** The survey form; `chatId` is the group it was asked from (preselected as the audience). */
  | { view: 'nps_form'; chatId: string | null }
  /** The latest survey's results: the workspace's (PMO, admins) or the asker's own. */
  | { view: 'nps_results'; scope: 'workspace' | 'mine' }
  /** The digest of the last 7 days, on demand. */
  | { view: 'report' };

/** The outbox kind of a bot answer (Feishu answers every message through the outbox; Slack answers in the request). */
export const REPLY_KIND = 'feishu_card';

const VIEWS = new Set(['form', 'help', 'list', 'message', 'nps_form', 'nps_results', 'report']);

/** The answer's view with its data read now; null when it needs a person the row does not name. */
async function loadReply(ctx: KindContext, request: ReplyRequest, to: Recipient): Promise<ReplyView | null> {
  const person = to.person;
  const ws = to.workspace;
  switch (request.view) {
    case 'help':
    case 'message':
      return request.view === 'help' ? { view: 'help', unknown: request.unknown } : request;
    case 'form':
    case 'nps_form': {
      if (!person) return null;
      const form = await ctx.form(request.view, to, request.view === 'nps_form' ? { chatId: request.chatId } : {});
      return form === null ? null : { view: request.view, form };
    }
    case 'list': {
      if (!person) return null;
      const isPmo = ws.settings.pmoReviewers.includes(person.platformUserId);
      const [mine, awaiting] = await Promise.all([listMyOutcomes(ctx.db, ws.id, person.id), listAwaitingReview(ctx.db, ws.id, person.id, isPmo)]);
      return { view: 'list', mine, awaiting, dashboardUrl: `${ctx.publicUrl}/app` };
    }
    case 'nps_results': {
      if (!person) return null;
      const [surveyId] = await latestSurveyIds(ctx.db, ws.id, request.scope === 'mine' ? person.id : null, 1);
      const results = surveyId ? await loadResults(ctx, ws.id, surveyId, to) : null;
      return { view: 'nps_results', results: results?.results ?? null };
    }
    case 'report': {
      const now = ctx.clock.now();
      const data = await gatherDigest(ctx.db, ws.id, now, ws.settings);
      return { view: 'report', digest: digestView(data, ctx.publicUrl) };
    }
  }
}

/** A command reply: always relevant (someone just asked); malformed when its request is unknown. */
export const commandReply = defineKind<ReplyRequest>({
  kind: REPLY_KIND,
  parse: (row) => {
    const r = row.payload.reply as ReplyRequest | undefined;
    return r && typeof r === 'object' && VIEWS.has(r.view) ? r : null;
  },
  audience: 'person',
  async load(ctx, request, to) {
    const reply = await loadReply(ctx, request, to);
    return reply ? { type: 'reply', reply } : null;
  },
  skipWhen: () => null,
  posts: true,
});
