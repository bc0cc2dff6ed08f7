import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/entry/worker.ts';
import { control, slashCommandRequest } from './slack-request.ts';
import './preload-platforms.ts';

/**
 * Bolt inside workerd: a signed slash command makes the Worker call views.open on the fake
 * Slack (started by the global setup; SLACK_* bindings point the Worker at it). The control
 * server hands out a trigger id and reports the calls the fake received.
 */
async function slashCommand(triggerId: string, secret?: string): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(await slashCommandRequest(triggerId, secret), { ...env }, ctx);
  // The runtime reads the response first; the deferred views.open starts after it (src/defer.ts).
  const text = await res.text();
  await waitOnExecutionContext(ctx);
  return new Response(text, res);
}

type Call = { method: string; body: { trigger_id?: string; view?: { callback_id?: string } }; response?: { ok?: boolean } };

describe('Slack inside workerd', () => {
  it('opens the submit modal for a signed /outcome, Bolt calling the fake Slack', async () => {
    const { trigger_id } = (await control('/slack/trigger', { method: 'POST' })) as { trigger_id: string };
    const res = await slashCommand(trigger_id);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const opened = ((await control('/slack/calls')) as Call[]).filter((c) => c.method === 'views.open');
    expect(opened.at(-1)).toMatchObject({ body: { trigger_id, view: { callback_id: 'outcome_submit' } }, response: { ok: true } });
  });

  it('refuses a forged signature with a 401 before Bolt sees it', async () => {
    const before = ((await control('/slack/calls')) as Call[]).length;
    const { trigger_id } = (await control('/slack/trigger', { method: 'POST' })) as { trigger_id: string };
    expect((await slashCommand(trigger_id, 'not-the-secret')).status).toBe(401);
    expect(((await control('/slack/calls')) as Call[]).length).toBe(before);
  });
});
