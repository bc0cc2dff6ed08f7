import { LogLevel, webApi, type Logger } from '@slack/bolt';
import type { SlackConfig } from '../../config.ts';
import type { Log } from '../../log.ts';

type FetchFn = NonNullable<webApi.WebClientOptions['fetch']>;

/**
 * `fetch` as @slack/web-api may call it everywhere. workerd refuses `this.fetchFn(...)` on the
 * global fetch ("Illegal invocation") and `redirect: 'error'` (platform-facts §6).
 */
export const slackFetch: FetchFn = (input, init) => fetch(input, { ...init, redirect: init?.redirect === 'error' ? 'manual' : init?.redirect });

/** Bolt / web-api logs into ours: warnings and errors only, the rest is noise. */
export function slackLogger(log: Log): Logger {
  let level = LogLevel.WARN;
  return {
    debug: () => {},
    info: () => {},
    warn: (...msg: unknown[]) => log('warn', 'slack sdk', { detail: msg.map(String).join(' ') }),
    error: (...msg: unknown[]) => log('error', 'slack sdk', { detail: msg.map(String).join(' ') }),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/**
 * Web API client options for every Slack call we make. No retries and no sleeping on 429:
 * inside a request the 3-second window forbids it, and in the outbox the drainer owns the
 * retry schedule (the SDK default retries for ~30 minutes).
 */
export function webClientOptions(config: SlackConfig, log: Log): webApi.WebClientOptions {
  return { slackApiUrl: config.apiUrl, fetch: slackFetch, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 10_000, logger: slackLogger(log) };
}

/** A Web API client for one bot token. */
export function createWebClient(token: string | undefined, config: SlackConfig, log: Log): webApi.WebClient {
  return new webApi.WebClient(token, webClientOptions(config, log));
}
