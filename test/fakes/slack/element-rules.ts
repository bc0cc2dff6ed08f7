/**
 * Interactive element limits (platform-facts §1.7, §1.5). Option `value` is capped at 150
 * (older Slack docs) rather than @slack/types' 75, so the fake never refuses what Slack may accept.
 */
import { checkLength, checkText, type Problems } from './text-rules.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The block an element sits in; some elements are only allowed in `input` blocks. */
export type ElementHost = 'section' | 'actions' | 'input';

const INPUT_ONLY = new Set(['file_input', 'plain_text_input', 'email_text_input', 'url_text_input', 'number_input']);

function checkOptions(p: Problems, options: unknown, ptr: string, min: number, max: number): void {
  if (options === undefined) return;
  if (!Array.isArray(options)) return p.add('must provide an array', ptr);
  if (options.length < min) p.add(`must provide at least ${min} items`, ptr);
  if (options.length > max) p.add(`no more than ${max} items allowed`, ptr);
  options.forEach((o, i) => {
    const at = `${ptr}/${i}`;
    if (!isObj(o)) return p.add('must provide an object', at);
    checkText(p, o.text, `${at}/text`, { max: 75, required: true });
    checkLength(p, o.value, `${at}/value`, 150);
    checkText(p, o.description, `${at}/description`, { max: 75 });
  });
}

/** Validates one element placed in `host`. */
export function elementRules(p: Problems, el: unknown, ptr: string, host: ElementHost): void {
  if (!isObj(el) || typeof el.type !== 'string') return p.add('must provide an object with a type', ptr);
  checkLength(p, el.action_id, `${ptr}/action_id`, 255);
  if (INPUT_ONLY.has(el.type) && host !== 'input') p.add(`${el.type} is only allowed in input blocks`, `${ptr}/type`);
  switch (el.type) {
    case 'button':
      checkText(p, el.text, `${ptr}/text`, { max: 75, plainOnly: true, required: true });
      checkLength(p, el.value, `${ptr}/value`, 2000);
      checkLength(p, el.url, `${ptr}/url`, 3000);
      checkLength(p, el.accessibility_label, `${ptr}/accessibility_label`, 75);
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') {
        p.add('must be a valid enum value', `${ptr}/style`);
      }
      return;
    case 'static_select':
    case 'multi_static_select':
      checkText(p, el.placeholder, `${ptr}/placeholder`, { max: 150, plainOnly: true });
      if (el.options === undefined && el.option_groups === undefined) p.add('must provide options or option_groups', ptr);
      checkOptions(p, el.options, `${ptr}/options`, 1, 100);
      if (Array.isArray(el.option_groups) && el.option_groups.length > 100) {
        p.add('no more than 100 items allowed', `${ptr}/option_groups`);
      }
      return;
    case 'overflow':
      return checkOptions(p, el.options, `${ptr}/options`, 1, 5);
    case 'checkboxes':
    case 'radio_buttons':
      return checkOptions(p, el.options, `${ptr}/options`, 1, 10);
    case 'plain_text_input':
      if (typeof el.min_length === 'number' && el.min_length > 3000) p.add('must be at most 3000', `${ptr}/min_length`);
      if (typeof el.max_length === 'number' && el.max_length > 3000) p.add('must be at most 3000', `${ptr}/max_length`);
      return;
    case 'file_input':
      if (el.max_files !== undefined && (typeof el.max_files !== 'number' || el.max_files < 1 || el.max_files > 10)) {
        p.add('must be between 1 and 10', `${ptr}/max_files`);
      }
      return;
    case 'image':
      if (typeof el.alt_text !== 'string') p.add('missing required field: alt_text', ptr);
      return;
    default:
      return;
  }
}
