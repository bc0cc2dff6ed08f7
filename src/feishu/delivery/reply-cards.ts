import { formCard } from '../../../cards/feishu/form-card.ts';
import type { Json } from '../../../cards/feishu/kit.ts';
import { helpCard, listCard, messageCard, type ListItem } from '../../../cards/feishu/message-cards.ts';
import type { CardContext } from '../../../cards/view.ts';
import type { DepsCore } from '../../deps.ts';
import type { OutboxRow, SendResult } from '../../delivery/types.ts';
import { listAwaitingReview, listMyOutcomes, type OutcomeListItem } from '../../views/outcome-view.ts';
import { newFormProps } from '../form/form-props.ts';
import type { ReplyRequest } from '../replies.ts';
import { followupRenderer } from './followup-replies.ts';
import { malformed, sendRendered } from './api.ts';
import { recipientOf, type Recipient } from './recipient.ts';

const item = (publicUrl: string) => (o: OutcomeListItem): ListItem => ({ title: o.title, status: o.status, projectName: o.projectName, url: `${publicUrl}/app/outcomes/${o.id}` });

/** The renderer of one answer, with the data it needs read now. */
async function rendererFor(deps: DepsCore, r: Recipient, request: ReplyRequest): Promise<((ctx: CardContext) => Json) | null> {
  const { publicUrl } = deps.config;
  switch (request.view) {
    case 'form': {
      if (!r.person) return null;
      const props = await newFormProps(deps, r.workspace, r.person, { lookup: true });
      return (ctx) => formCard(props, ctx);
    }
    case 'list': {
      if (!r.person) return null;
      const isPmo = r.workspace.settings.pmoReviewers.includes(r.person.address);
      const [mine, awaiting] = await Promise.all([listMyOutcomes(deps.db, r.workspace.id, r.person.id), listAwaitingReview(deps.db, r.workspace.id, r.person.id, isPmo)]);
      return (ctx) => listCard({ mine: mine.map(item(publicUrl)), awaiting: awaiting.map(item(publicUrl)), dashboardUrl: `${publicUrl}/app` }, ctx);
    }
    case 'help':
      return (ctx) => helpCard({ unknown: request.unknown }, ctx);
    case 'message':
      return (ctx) => messageCard(request, ctx);
    case 'nps_form':
    case 'nps_results':
    case 'report':
      return followupRenderer(deps, r, request);
    default:
      return null;
  }
}

/** feishu_card: the bot's answer to a message or menu click, rendered from current data. */
export async function sendReply(deps: DepsCore, row: OutboxRow): Promise<SendResult> {
  const request = row.payload.reply as ReplyRequest | undefined;
  const r = await recipientOf(deps, row);
  const render = r && request ? await rendererFor(deps, r, request) : null;
  if (!r || !render) return malformed(row);
  return sendRendered(deps, row, render, r.locale);
}
