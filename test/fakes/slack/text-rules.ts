/** Shared primitives for the Block Kit rule checks. */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Collects violations as Slack-style `response_metadata.messages` lines. */
export class Problems {
  readonly list: string[] = [];
  add(message: string, pointer: string): void {
    this.list.push(`[ERROR] ${message} [json-pointer:${pointer}]`);
  }
}

/** Checks a text object: `{ type: plain_text|mrkdwn, text }` with a length cap. */
export function checkText(
  p: Problems,
  value: unknown,
  ptr: string,
  opts: { max: number; plainOnly?: boolean; required?: boolean },
): void {
  if (value === undefined) {
    if (opts.required) p.add('missing required field', ptr);
    return;
  }
  if (!isObj(value)) return p.add('must be a text object', ptr);
  if (value.type !== 'plain_text' && value.type !== 'mrkdwn') p.add('must be a valid enum value', `${ptr}/type`);
  if (opts.plainOnly && value.type !== 'plain_text') p.add('must be of type plain_text', `${ptr}/type`);
  const text = value.text;
  if (typeof text !== 'string' || text.length === 0) p.add('must be more than 0 characters', `${ptr}/text`);
  else if (text.length > opts.max) p.add(`must be less than ${opts.max + 1} characters`, `${ptr}/text`);
}

/** Checks an optional string field's length. */
export function checkLength(p: Problems, value: unknown, ptr: string, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'string') return p.add('must be a string', ptr);
  if (value.length > max) p.add(`must be less than ${max + 1} characters`, ptr);
}
