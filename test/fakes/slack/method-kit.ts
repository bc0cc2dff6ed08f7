/** Types and small helpers shared by the fake Slack method handlers. */
import type { SlackState } from './state.ts';
import type { SlackTokenInfo } from './types.ts';

/** Parsed method arguments (form values are strings; JSON bodies keep their types). */
export type Args = Record<string, unknown>;

/** A Web API answer: always HTTP 200 with `{ ok, … }`. */
export type SlackAnswer = { ok: boolean } & Record<string, unknown>;

/** What a handler sees besides its arguments. */
export interface MethodCtx {
  state: SlackState;
  /** Fake-clock time in ms. */
  now: number;
  /** The authenticated token (undefined only for methods that take no token). */
  auth: SlackTokenInfo;
  headers: Record<string, string>;
}

/** A Web API method implementation. */
export type MethodHandler = (ctx: MethodCtx, args: Args) => SlackAnswer;

/** `{ ok: false, error }`, optionally with Slack's `response_metadata.messages`. */
export function fail(error: string, messages?: string[]): SlackAnswer {
  return messages && messages.length > 0
    ? { ok: false, error, response_metadata: { messages } }
    : { ok: false, error };
}

/** A string argument, or undefined when missing/empty. */
export function str(args: Args, key: string): string | undefined {
  const v = args[key];
  if (typeof v === 'string' && v.length > 0) return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A boolean argument given as `true` / `"true"` / `"1"`. */
export function bool(args: Args, key: string): boolean {
  const v = args[key];
  return v === true || v === 'true' || v === '1' || v === 1;
}

/**
 * A JSON-valued argument (`blocks`, `view`, …): form bodies carry it as a JSON string,
 * JSON bodies as a value. `{ bad: true }` when the string is not valid JSON.
 */
export function jsonArg(args: Args, key: string): { bad: true } | { bad: false; value: unknown } {
  const v = args[key];
  if (typeof v !== 'string') return { bad: false, value: v };
  if (v === '') return { bad: false, value: undefined };
  try {
    return { bad: false, value: JSON.parse(v) as unknown };
  } catch {
    return { bad: true };
  }
}
