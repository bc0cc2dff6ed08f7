import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { DomainError } from '../../domain/errors.ts';
import { badRequest } from '../../errors.ts';
import { cappedBody, WEBHOOK_BODY_LIMIT } from '../../security/body-limit.ts';
import { t } from '../../i18n/index.ts';
import { unscoped } from '../../deps.ts';
import { boltFor } from './bolt-app.ts';
import { dispatchToBolt } from './dispatch.ts';
import { isSslCheck, parseSlackBody, teamIdOf, type SlackBody } from './inbound.ts';
import { installationFor } from '../adapter/installation.ts';
import { checkSlackShape } from './payload-shape.ts';
import { slackTimings } from './timing.ts';
import { verifySlackRequest } from './verify.ts';

const retryNumOf = (c: Context<AppEnv>) => {
  const n = Number(c.req.header('x-slack-retry-num'));
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/** What a workspace that has not installed the app (OAuth mode) is told. */
function notInstalled(c: Context<AppEnv>, body: SlackBody) {
  const { config } = c.var.deps;
  const text = t(config.defaultLocale, 'slack.not_installed', { url: `${config.publicUrl}/slack/install` });
  // A slash command can show text; other requests just get their 200 (Slack would retry events otherwise).
  return 'command' in body ? c.json({ response_type: 'ephemeral', text }) : c.body(null, 200);
}

/**
 * POST /slack/events: the one Request URL for slash commands, interactivity and events.
 * The body (at most WEBHOOK_BODY_LIMIT) is verified before anything is parsed;
 * forged or replayed requests get a 401 and touch nothing; a body not shaped like Slack's
 * gets a 400. Then Bolt runs the listeners and the ack becomes the response.
 */
export async function handleSlackEvents(c: Context<AppEnv>) {
  const { deps } = c.var;
  // Read once, within the webhook limit (413 past it), as the bytes Slack signed.
  const raw = new TextDecoder().decode((await cappedBody(c, WEBHOOK_BODY_LIMIT)) ?? new Uint8Array());
  const contentType = c.req.header('content-type') ?? '';
  if (isSslCheck(raw, contentType)) return c.body(null, 200);
  const verdict = await verifySlackRequest({
    signingSecret: deps.config.slack!.signingSecret,
    rawBody: raw,
    signature: c.req.header('x-slack-signature'),
    timestamp: c.req.header('x-slack-request-timestamp'),
    nowMs: Date.now(),
  });
  if (!verdict.ok) {
    deps.log('warn', 'slack request rejected', { reason: verdict.reason });
    throw new DomainError('unauthorized', 'error.unauthorized');
  }
  const body = parseSlackBody(raw, contentType);
  // Before Bolt, and before anything is written: a malformed body is a 400, never a 5xx.
  checkSlackShape(body);
  if (body.type === 'url_verification') return c.json({ challenge: String(body.challenge) });
  const teamId = teamIdOf(body);
  if (!teamId) throw badRequest('the request names no Slack team');
  if (!(await installationFor(deps, body, teamId))) return notInstalled(c, body);
  return dispatchToBolt(boltFor(unscoped(deps)), body, {
    deps,
    defer: c.var.defer,
    retryNum: retryNumOf(c),
    retryReason: c.req.header('x-slack-retry-reason'),
    afterAckGraceMs: slackTimings(deps).afterAckGraceMs,
  });
}
