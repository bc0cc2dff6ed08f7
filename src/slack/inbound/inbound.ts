import { badRequest } from '../../errors.ts';

/** A parsed Slack request body: slash command fields, an interactivity payload, or an Events API envelope. */
export type SlackBody = Record<string, unknown>;

const isObject = (v: unknown): v is SlackBody => typeof v === 'object' && v !== null && !Array.isArray(v);
const isForm = (contentType: string) => contentType.toLowerCase().includes('application/x-www-form-urlencoded');

/** Slack's unsigned SSL check (`ssl_check=1`): answered with 200, never processed. */
export function isSslCheck(raw: string, contentType: string): boolean {
  return isForm(contentType) && new URLSearchParams(raw).get('ssl_check') === '1';
}

function bad(reason: string): never {
  throw badRequest(reason);
}

function parseJson(text: string, what: string): SlackBody {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    bad(`${what} is not valid JSON`);
  }
  if (!isObject(value)) bad(`${what} must be a JSON object`);
  return value;
}

/**
 * Parses the (already verified) raw body the way Slack sends it (platform-facts §1.4):
 * form fields for slash commands, `payload=<JSON>` for interactivity, JSON for events.
 * Anything else is a 400.
 */
export function parseSlackBody(raw: string, contentType: string): SlackBody {
  if (isForm(contentType)) {
    const form = new URLSearchParams(raw);
    const payload = form.get('payload');
    if (payload !== null) return parseJson(payload, 'payload');
    const fields = Object.fromEntries(form);
    if (typeof fields.command !== 'string') bad('expected a slash command or an interactivity payload');
    return fields;
  }
  if (contentType.toLowerCase().includes('application/json')) return parseJson(raw, 'body');
  bad('unsupported content type; Slack sends form-encoded or JSON bodies');
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The Slack team a request comes from (commands and events: team_id; interactivity: team.id). */
export function teamIdOf(body: SlackBody): string | null {
  const team = isObject(body.team) ? body.team : null;
  const user = isObject(body.user) ? body.user : null;
  return str(body.team_id) ?? str(team?.id) ?? str(user?.team_id);
}
