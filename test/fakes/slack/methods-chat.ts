/** chat.* methods: posting and updating messages with Block Kit limits enforced. */
import { blocksTextLength, checkBlocks } from './block-rules.ts';
import { fail, jsonArg, str, type Args, type MethodCtx, type MethodHandler, type SlackAnswer } from './method-kit.ts';

/** Validates the message content arguments; returns an error answer or the parsed blocks. */
function readContent(ctx: MethodCtx, args: Args): SlackAnswer | { blocks?: unknown[]; text?: string } {
  const parsed = jsonArg(args, 'blocks');
  if (parsed.bad) return fail('invalid_blocks_format');
  const blocks = parsed.value;
  const text = str(args, 'text') ?? str(args, 'markdown_text');
  if (blocks === undefined && text === undefined && args.attachments === undefined) return fail('no_text');
  if (blocks !== undefined) {
    if (!Array.isArray(blocks)) return fail('invalid_blocks_format');
    const problems = checkBlocks(blocks, 'message');
    if (problems.length > 0) return fail('invalid_blocks', problems);
    if (blocksTextLength(blocks) > ctx.state.config.blocksTextCeiling) return fail('msg_blocks_too_long');
  }
  return { ...(Array.isArray(blocks) ? { blocks } : {}), ...(text !== undefined ? { text } : {}) };
}

const isAnswer = (v: object): v is SlackAnswer => 'ok' in v;

const postMessage: MethodHandler = (ctx, args) => {
  const channel = ctx.state.resolveChannel(args.channel);
  if (!channel) return fail('channel_not_found');
  const content = readContent(ctx, args);
  if (isAnswer(content)) return content;
  const { config } = ctx.state;
  const ts = ctx.state.nextTs(ctx.now);
  const threadTs = str(args, 'thread_ts');
  const metadata = jsonArg(args, 'metadata');
  const stored = {
    channel,
    ts,
    ...content,
    ...(threadTs ? { thread_ts: threadTs } : {}),
    ...(!metadata.bad && metadata.value !== undefined ? { metadata: metadata.value } : {}),
    user: ctx.auth.userId,
    bot_id: ctx.auth.botId ?? config.botId,
    team: ctx.auth.teamId,
    history: [],
  };
  ctx.state.messages.push(stored);
  const { history: _h, channel: _c, ...message } = stored;
  return { ok: true, channel, ts, message: { type: 'message', ...message } };
};

const update: MethodHandler = (ctx, args) => {
  const channel = ctx.state.resolveChannel(args.channel);
  if (!channel) return fail('channel_not_found');
  const ts = str(args, 'ts');
  const message = ctx.state.messages.find((m) => m.channel === channel && m.ts === ts);
  if (!message) return fail('message_not_found');
  const content = readContent(ctx, args);
  if (isAnswer(content)) return content;
  message.history.push({
    ...(message.text !== undefined ? { text: message.text } : {}),
    ...(message.blocks !== undefined ? { blocks: message.blocks } : {}),
    replacedAt: ctx.now,
  });
  message.text = content.text;
  message.blocks = content.blocks;
  return {
    ok: true,
    channel,
    ts: message.ts,
    text: message.text ?? '',
    message: { type: 'message', text: message.text ?? '', blocks: message.blocks, user: message.user, bot_id: message.bot_id },
  };
};

const postEphemeral: MethodHandler = (ctx, args) => {
  const channel = ctx.state.resolveChannel(args.channel);
  if (!channel) return fail('channel_not_found');
  const user = str(args, 'user');
  if (!user || !ctx.state.users.has(user)) return fail('user_not_in_channel');
  const content = readContent(ctx, args);
  if (isAnswer(content)) return content;
  const messageTs = ctx.state.nextTs(ctx.now);
  ctx.state.ephemerals.push({ channel, user, ...content, message_ts: messageTs });
  return { ok: true, message_ts: messageTs };
};

/** chat.postMessage, chat.update, chat.postEphemeral. */
export const chatMethods: Record<string, MethodHandler> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.postEphemeral': postEphemeral,
};
