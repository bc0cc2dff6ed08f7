/** Turns an incoming Web API request into method arguments and a token, the way Slack reads them. */
import { parseMultipart } from '../shared/multipart.ts';
import type { Args } from './method-kit.ts';

/** Fields Slack expects as JSON-encoded strings in form bodies. */
const JSON_FIELDS = ['blocks', 'attachments', 'view', 'metadata'] as const;

/** Parsed request: arguments, where the token came from, and whether the JSON was unreadable. */
export interface ParsedApiRequest {
  args: Args;
  token?: string;
  invalidJson: boolean;
}

/**
 * Query string + body. JSON bodies only authenticate through the `Authorization` header
 * (a `token` inside JSON is ignored, as on Slack); form and query may carry `token`.
 */
export function parseApiRequest(
  url: URL,
  raw: Buffer,
  headers: Record<string, string>,
  bearer: string | undefined,
): ParsedApiRequest {
  const args: Args = Object.fromEntries(url.searchParams);
  const contentType = headers['content-type'] ?? '';
  let invalidJson = false;
  let jsonBody = false;
  if (raw.length > 0) {
    if (contentType.includes('application/json')) {
      jsonBody = true;
      try {
        const parsed = JSON.parse(raw.toString('utf8')) as unknown;
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(args, parsed);
        else invalidJson = true;
      } catch {
        invalidJson = true;
      }
    } else if (contentType.includes('multipart/form-data')) {
      for (const part of parseMultipart(raw, contentType) ?? []) {
        args[part.name] = part.filename !== undefined ? part.data : part.data.toString('utf8');
      }
    } else {
      for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) args[key] = value;
    }
  }
  const bodyToken = !jsonBody && typeof args.token === 'string' ? args.token : undefined;
  delete args.token;
  const token = bearer ?? bodyToken;
  return { args, ...(token ? { token } : {}), invalidJson };
}

/** A copy of the arguments with JSON-string fields decoded, for call records. */
export function decodedForRecord(args: Args): Record<string, unknown> {
  const out: Record<string, unknown> = { ...args };
  for (const key of JSON_FIELDS) {
    const v = out[key];
    if (typeof v !== 'string') continue;
    try {
      out[key] = JSON.parse(v) as unknown;
    } catch {
      /* keep the raw string: the handler reports the format error */
    }
  }
  return out;
}
