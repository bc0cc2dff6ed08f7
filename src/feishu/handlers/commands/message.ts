import { attachEvidence, type EvidenceFile } from '../../../domain/attach-evidence.ts';
import type { PersonRef } from '../../../domain/ports.ts';
import { createEvidenceRepo } from '../../../db/repos/evidence-repo.ts';
import { actorIsAdmin, isPmoOrAdmin, runAdmin } from '../admin/admin.ts';
import { runApprovalCommand, type ChatScope } from '../../../approvals/chat-commands.ts';
import { mentionedId } from './commands.ts';
import { parseCommand, type Mention } from './commands.ts';
import { handleOnce } from '../../inbound/handle-once.ts';
import { onlyVisibleTo } from '../../adapter/api.ts';
import { feishuPerson, isOpenId, type FeishuCtx } from '../../context.ts';
import { message, reply, type ReplyRequest, type ReplyTarget } from './replies.ts';

/** The fields of `im.message.receive_v1` we read (after the SDK flattened the envelope). */
export interface MessageEvent {
  sender?: { sender_id?: { open_id?: string }; sender_type?: string };
  message?: { message_id?: string; chat_id?: string; chat_type?: string; message_type?: string; content?: string; mentions?: Mention[] };
}

function contentOf(raw: string | undefined): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(raw ?? '{}');
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Mentions are `<@open_id>` tokens; a platform admin is a tenant manager. */
const approvalScope = (ctx: FeishuCtx, member: PersonRef): ChatScope => ({
  deps: ctx.deps,
  workspace: ctx.workspace,
  installedBy: ctx.row.installedBy,
  personOf: async (word) => {
    const id = mentionedId(word);
    return id ? feishuPerson(ctx.deps, ctx.workspace.id, id) : null;
  },
  isPlatformAdmin: () => actorIsAdmin(ctx, member.address),
});

async function onText(ctx: FeishuCtx, member: PersonRef, text: string, m: NonNullable<MessageEvent['message']>): Promise<ReplyRequest> {
  const command = parseCommand(text, m.mentions);
  switch (command.kind) {
    case 'form':
      return { view: 'form' };
    case 'list':
      return { view: 'list' };
    case 'help':
      return { view: 'help', unknown: null };
    case 'admin': {
      const lines = await runAdmin(ctx, member, command.args, m.chat_type === 'group' ? (m.chat_id ?? null) : null);
      return message('feishu.admin.title', lines);
    }
    case 'nps':
      if (!(await isPmoOrAdmin(ctx, member.address))) return message('feishu.nps.form_title', [{ key: 'error.pmo_only' }], 'orange');
      return { view: 'nps_form', chatId: m.chat_type === 'group' ? (m.chat_id ?? null) : null };
    case 'nps_results':
      return { view: 'nps_results', scope: (await isPmoOrAdmin(ctx, member.address)) ? 'workspace' : 'mine' };
    case 'report':
      if (!(await isPmoOrAdmin(ctx, member.address))) return message('feishu.report.title', [{ key: 'feishu.report.pmo_only' }], 'orange');
      return { view: 'report' };
    case 'approvals':
      return message('approval.chat.title', await runApprovalCommand(approvalScope(ctx, member), member, command.sub, command.args));
    default:
      return { view: 'help', unknown: command.text || null };
  }
}

async function onFile(ctx: FeishuCtx, member: PersonRef, file: EvidenceFile): Promise<ReplyRequest> {
  const result = await attachEvidence({ ctx: { clock: ctx.deps.clock, evidence: createEvidenceRepo(ctx.deps.db, 'feishu') }, input: { workspace: ctx.workspace, member, file } });
  if (!result.attached) return message('feishu.evidence.none_title', [{ key: 'feishu.evidence.none' }], 'orange');
  return message('feishu.evidence.added_title', [{ key: 'feishu.evidence.added', params: { title: result.title, count: result.count } }], 'green');
}

/**
 * A message to the bot (p2p, or an @mention in a group). Deliveries are at least once,
 * so each message_id is handled once (a failed handling is left to Feishu's retry). Text
 * is a command; an image or file becomes evidence of the outcome the member just
 * submitted; anything else gets the help card.
 * Every path answers — nothing a member types produces silence.
 */
export async function onMessage(ctx: FeishuCtx, e: MessageEvent): Promise<void> {
  const m = e.message;
  const openId = e.sender?.sender_id?.open_id;
  if (e.sender?.sender_type !== 'user' || !m?.message_id || !isOpenId(openId)) return;
  const messageId = m.message_id;
  await handleOnce(ctx.deps, { workspaceId: ctx.workspace.id, source: 'feishu_message', key: messageId }, () => answerMessage(ctx, openId, { ...m, message_id: messageId }));
}

/** Answers a message not seen before. */
async function answerMessage(ctx: FeishuCtx, openId: string, m: NonNullable<MessageEvent['message']> & { message_id: string }): Promise<void> {
  const { deps, workspace } = ctx;
  const member = await feishuPerson(deps, workspace.id, openId);
  const to: ReplyTarget = { destination: m.chat_type === 'group' && m.chat_id ? m.chat_id : openId, personId: member.id };
  const content = contentOf(m.content);
  let answer: ReplyRequest;
  if (m.message_type === 'text') answer = await onText(ctx, member, String(content.text ?? ''), m);
  else if (m.message_type === 'image' && typeof content.image_key === 'string')
    answer = await onFile(ctx, member, { kind: 'image', fileRef: content.image_key, messageId: m.message_id, title: null });
  else if (m.message_type === 'file' && typeof content.file_key === 'string')
    answer = await onFile(ctx, member, { kind: 'file', fileRef: content.file_key, messageId: m.message_id, title: typeof content.file_name === 'string' ? content.file_name : null });
  else answer = { view: 'help', unknown: null };
  // The survey form goes to the asker alone, even when asked in a group; so does the submit
  // form, shown in the group to the asker only: one shared form would be everyone's.
  const alone = to.destination !== openId && answer.view === 'form' ? { ...to, destination: onlyVisibleTo(to.destination, openId) } : to;
  await reply(ctx, answer.view === 'nps_form' ? { destination: openId, personId: member.id } : alone, answer, m.message_id);
}
