import type { webApi } from '@slack/bolt';
import type { SlackMessage } from '../../../cards/slack/blocks.ts';
import type { DepsCore } from '../../deps.ts';
import type { PlatformAdapter } from '../../delivery/adapter.ts';
import { botTokenOf } from './installation.ts';
import { asBlocks } from '../reply.ts';
import { ensurePerson } from '../context.ts';
import { createWebClient } from './web-client.ts';
import { renderSlack } from './render.ts';
import { slackFailure } from './slack-failure.ts';

const isUserId = (address: string): boolean => /^[UW][A-Z0-9]+$/.test(address);

/**
 * Slack as a delivery adapter: Block Kit from cards/slack, chat.postMessage (its result
 * `{channel, ts}` is what later updates use), chat.update in place, and users.info for a
 * person we have not met. Web API failures map through slackFailure; no retries here.
 */
export function createSlackAdapter(deps: DepsCore): PlatformAdapter<SlackMessage> | undefined {
  const slack = deps.config.slack;
  if (!slack) return undefined;
  const clients = new Map<string, webApi.WebClient>();
  const clientFor = (token: string) => {
    let client = clients.get(token);
    if (!client) clients.set(token, (client = createWebClient(token, slack, deps.log)));
    return client;
  };
  return {
    platform: 'slack',
    submitSurfaceShowsReceipt: false,
    async connect(workspace) {
      const token = await botTokenOf(deps, workspace);
      if (!token) return { ok: false, error: 'no Slack bot token for this workspace; reinstall the app', permanent: true };
      const client = clientFor(token);
      return {
        render: renderSlack,
        async post(channel, message) {
          try {
            const res = await client.chat.postMessage({ channel, text: message.text, blocks: asBlocks(message.blocks), unfurl_links: false });
            return { ok: true, result: { channel: res.channel ?? channel, ts: res.ts ?? null } };
          } catch (err) {
            return slackFailure(err);
          }
        },
        async update(sent, message) {
          const { channel, ts } = sent;
          if (typeof channel !== 'string' || typeof ts !== 'string') return { ok: true, result: { skipped: 'no message to update' } };
          try {
            await client.chat.update({ channel, ts, text: message.text, blocks: asBlocks(message.blocks) });
            return { ok: true, result: { channel, ts } };
          } catch (err) {
            return slackFailure(err);
          }
        },
        discover: async (address) => (isUserId(address) ? ensurePerson({ deps, workspace, client }, address) : null),
      };
    },
  };
}
