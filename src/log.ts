import type { Config } from './config.ts';

/** One JSON line per event, to stdout/stderr (Workers logs and Node both collect these). */
export type Log = (level: 'debug' | 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => void;

const REDACTED = '[redacted]';
/** Fields whose value is a credential whatever it looks like. */
const SECRET_KEY = /token|secret|password|passwd|cookie|authorization|signature|encrypt|credential|api[-_]?key|session|^code$/i;
/** Credentials recognisable by shape inside any text: Slack tokens, bearer tokens, cookie headers, token-ish query parameters. */
const SECRET_TEXT: [RegExp, string][] = [
  [/\bxox[a-z]-[A-Za-z0-9-]+/g, `xox?-${REDACTED}`],
  [/\bxapp-[A-Za-z0-9-]+/g, `xapp-${REDACTED}`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [/\b((?:set-)?cookie:\s*)[^\r\n]+/gi, `$1${REDACTED}`],
  [/([?&](?:token|access_token|code|state|secret|client_secret|key|sig|signature)=)[^&\s"']+/gi, `$1${REDACTED}`],
];

/** A text that has none of these cannot match SECRET_TEXT. */
const MAYBE_SECRET_TEXT = /xox[a-z]-|xapp-|bearer|basic|cookie|[?&]/i;

/** `value` with credentials replaced: by field name, by shape, and each of `secrets` verbatim. */
export function redact(value: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (typeof value === 'string') {
    let s = value;
    for (const secret of secrets) if (s.includes(secret)) s = s.split(secret).join(REDACTED);
    // Most texts (paths, ids, messages) hold none of the shapes: one test instead of five replaces.
    if (MAYBE_SECRET_TEXT.test(s)) for (const [re, to] of SECRET_TEXT) s = s.replace(re, to);
    return s;
  }
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, secrets, depth + 1));
  if (value instanceof Error) return redact(String(value.stack ?? value), secrets, depth + 1);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) && v != null && v !== '' ? REDACTED : redact(v, secrets, depth + 1)]));
}

/** The configured credentials, to scrub verbatim from log lines (short values would match too much). */
export function configSecrets(config: Config): string[] {
  const { slack, feishu } = config;
  return [slack?.signingSecret, slack?.botToken, slack?.oauth?.clientSecret, feishu?.appSecret, feishu?.encryptKey, feishu?.verificationToken, config.appSecret, config.databaseAuthToken].filter(
    (s): s is string => typeof s === 'string' && s.length >= 6,
  );
}

/**
 * The log handlers and jobs get (deps.log): `secrets` (and anything credential-shaped) are
 * removed before `log` sees the data.
 */
export function redactingLog(log: Log, secrets: readonly string[]): Log {
  return (level, msg, data) => log(level, redact(msg, secrets) as string, redact(data ?? {}, secrets) as Record<string, unknown>);
}

/** `log` for the work of one request: each line carries its id (src/deps.ts, forRequest). */
export function withRequestId(log: Log, requestId: string): Log {
  return (level, msg, data) => log(level, msg, { requestId, ...data });
}

/** Writes one JSON line: time, level, message, the data (redacted; a request's id first, withRequestId). */
export const consoleLog: Log = (level, msg, data) => {
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg: redact(msg), ...(redact(data ?? {}) as Record<string, unknown>) });
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
};

/** For tests that want silence but still see errors when they happen. */
export const quietLog: Log = (level, msg, data) => {
  if (level === 'error') consoleLog(level, msg, data);
};
