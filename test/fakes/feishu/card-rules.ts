/**
 * Message content limits (platform-facts §2.3, §2.5): content must be a JSON string;
 * cards and rich text ≤ 30 KB, text ≤ 150 KB (230025); card JSON 2.0 rejects the removed
 * `action` / `note` tags (230099, sub-code 200861) and more than 200 components (230099).
 */
import { CODES, larkFail, type Reply } from './reply.ts';

/** 30 KB, counted in UTF-8 bytes of the serialized card. */
export const MAX_CARD_BYTES = 30 * 1024;
export const MAX_TEXT_BYTES = 150 * 1024;
export const MAX_CARD_COMPONENTS = 200;

const REMOVED_IN_V2 = new Set(['action', 'note']);
const COMPONENT_LISTS = new Set(['elements', 'columns', 'actions']);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Walks a card, counting components (objects with a `tag` inside element lists) and removed tags. */
function survey(node: unknown, inList: boolean, acc: { components: number; removed: string[] }): void {
  if (Array.isArray(node)) {
    for (const item of node) survey(item, inList, acc);
    return;
  }
  if (!isObj(node)) return;
  if (inList && typeof node.tag === 'string') {
    acc.components += 1;
    if (REMOVED_IN_V2.has(node.tag)) acc.removed.push(node.tag);
  }
  for (const [key, value] of Object.entries(node)) survey(value, COMPONENT_LISTS.has(key), acc);
}

/** Checks a parsed card object (message content, PATCH content or delayed update). */
export function checkCard(card: unknown): Reply | undefined {
  if (!isObj(card)) return larkFail(CODES.invalidParam, 'invalid card content');
  if (card.type === 'template') return undefined;
  const acc = { components: 0, removed: [] as string[] };
  survey(card, false, acc);
  if (card.schema === '2.0' && acc.removed.length > 0) {
    return larkFail(CODES.cardBuildFailed, `Failed to create card content, ext=ErrCode: 200861; ErrMsg: tag ${acc.removed[0]} is not supported in schema 2.0`);
  }
  if (acc.components > MAX_CARD_COMPONENTS) {
    return larkFail(CODES.cardBuildFailed, `Failed to create card content, ext=ErrMsg: card has ${acc.components} components, max ${MAX_CARD_COMPONENTS}`);
  }
  return undefined;
}

/** Byte-size rule for a content string of `msgType`. */
export function checkSize(msgType: string, serialized: string): Reply | undefined {
  const limit = msgType === 'text' ? MAX_TEXT_BYTES : MAX_CARD_BYTES;
  if ((msgType === 'text' || msgType === 'interactive' || msgType === 'post') && Buffer.byteLength(serialized) > limit) {
    return larkFail(CODES.contentTooLong, 'The length of the message content reaches its limit.');
  }
  return undefined;
}

/** Validates `content` (already known to be a string) for `msgType`. */
export function checkContent(msgType: string, content: string): Reply | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return larkFail(CODES.invalidParam, 'invalid message content: content is not a valid JSON string');
  }
  const tooLong = checkSize(msgType, content);
  if (tooLong) return tooLong;
  if (msgType === 'interactive') return checkCard(parsed);
  if (msgType === 'text' && typeof (parsed as Obj | null)?.text !== 'string') {
    return larkFail(CODES.invalidParam, 'invalid message content: text content requires a "text" string');
  }
  return undefined;
}
