/**
 * Block Kit limits as Slack enforces them (platform-facts §1.7; @slack/types block-kit).
 * Each violation is reported the way Slack's `response_metadata.messages` does:
 * `[ERROR] <what> [json-pointer:/blocks/3/elements/0/text/text]`.
 */
import { elementRules } from './element-rules.ts';
import { checkLength, checkText, Problems } from './text-rules.ts';

/** Where the blocks will be shown: messages allow 50 blocks, modals and Home tabs 100. */
export type Surface = 'message' | 'modal' | 'home';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const MAX_BLOCKS: Record<Surface, number> = { message: 50, modal: 100, home: 100 };
const KNOWN_BLOCKS = new Set([
  'section', 'divider', 'image', 'actions', 'context', 'input', 'file', 'header',
  'video', 'rich_text', 'markdown', 'table', 'context_actions',
]);

/**
 * Validates a `blocks` array for a surface. Returns Slack-style messages; empty = valid.
 * Does not check the count-independent text ceiling (see {@link blocksTextLength}).
 */
export function checkBlocks(blocks: unknown, surface: Surface, base = '/blocks'): string[] {
  const p = new Problems();
  if (!Array.isArray(blocks)) {
    p.add('must provide an array', base);
    return p.list;
  }
  if (blocks.length > MAX_BLOCKS[surface]) p.add(`no more than ${MAX_BLOCKS[surface]} items allowed`, base);
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const ptr = `${base}/${i}`;
    if (!isObj(block) || typeof block.type !== 'string') return p.add('must provide an object with a type', ptr);
    if (!KNOWN_BLOCKS.has(block.type)) return p.add(`unsupported type: ${block.type}`, `${ptr}/type`);
    if (typeof block.block_id === 'string') {
      checkLength(p, block.block_id, `${ptr}/block_id`, 255);
      if (blockIds.has(block.block_id)) p.add(`duplicate block_id: ${block.block_id}`, `${ptr}/block_id`);
      blockIds.add(block.block_id);
    }
    checkBlock(p, block, ptr);
  });
  return p.list;
}

function checkBlock(p: Problems, block: Obj, ptr: string): void {
  switch (block.type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined) p.add('must provide text or fields', ptr);
      checkText(p, block.text, `${ptr}/text`, { max: 3000 });
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields)) return p.add('must provide an array', `${ptr}/fields`);
        if (block.fields.length > 10) p.add('no more than 10 items allowed', `${ptr}/fields`);
        block.fields.forEach((f, i) => checkText(p, f, `${ptr}/fields/${i}`, { max: 2000, required: true }));
      }
      if (block.accessory !== undefined) elementRules(p, block.accessory, `${ptr}/accessory`, 'section');
      return;
    }
    case 'header':
      return checkText(p, block.text, `${ptr}/text`, { max: 150, plainOnly: true, required: true });
    case 'markdown':
      return checkLength(p, block.text, `${ptr}/text`, 12_000);
    case 'image':
      checkLength(p, block.image_url, `${ptr}/image_url`, 3000);
      if (typeof block.alt_text !== 'string') p.add('missing required field: alt_text', ptr);
      else checkLength(p, block.alt_text, `${ptr}/alt_text`, 2000);
      return checkText(p, block.title, `${ptr}/title`, { max: 2000, plainOnly: true });
    case 'context': {
      const els = block.elements;
      if (!Array.isArray(els) || els.length === 0) return p.add('must provide a non-empty array', `${ptr}/elements`);
      if (els.length > 10) p.add('no more than 10 items allowed', `${ptr}/elements`);
      return;
    }
    case 'actions': {
      const els = block.elements;
      if (!Array.isArray(els) || els.length === 0) return p.add('must provide a non-empty array', `${ptr}/elements`);
      if (els.length > 25) p.add('no more than 25 items allowed', `${ptr}/elements`);
      const actionIds = new Set<string>();
      els.forEach((el, i) => {
        elementRules(p, el, `${ptr}/elements/${i}`, 'actions');
        const id = isObj(el) ? el.action_id : undefined;
        if (typeof id === 'string') {
          if (actionIds.has(id)) p.add(`duplicate action_id: ${id}`, `${ptr}/elements/${i}/action_id`);
          actionIds.add(id);
        }
      });
      return;
    }
    case 'input':
      checkText(p, block.label, `${ptr}/label`, { max: 2000, plainOnly: true, required: true });
      checkText(p, block.hint, `${ptr}/hint`, { max: 2000, plainOnly: true });
      if (block.element === undefined) return p.add('missing required field: element', ptr);
      return elementRules(p, block.element, `${ptr}/element`, 'input');
    default:
      return;
  }
}

/**
 * Total characters of every `text` string in the blocks. Slack answers `msg_blocks_too_long`
 * above an undocumented ceiling observed at ~13,200 characters (bolt-js issue #2509).
 */
export function blocksTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + blocksTextLength(v), 0);
  if (!isObj(value)) return 0;
  let n = 0;
  for (const [key, v] of Object.entries(value)) {
    if (key === 'text' && typeof v === 'string') n += v.length;
    else n += blocksTextLength(v);
  }
  return n;
}
