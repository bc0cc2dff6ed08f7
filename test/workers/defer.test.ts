import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createWaitUntilDefer, holdUntilSent } from '../../src/defer.ts';
import worker from '../../src/entry/worker.ts';
import { quietLog } from '../../src/log.ts';
import { control, slashCommandRequest } from './slack-request.ts';
import './preload-platforms.ts';

/**
 * "After the response" inside workerd: the runtime sends a response by reading its body, so
 * a deferred task must not start before the last byte of the body was read. The tests read
 * the body themselves, as the runtime does, and look at what had happened by then. Between
 * steps they give the isolate real turns (macrotasks, and a subrequest to the control server)
 * so that a task started too early would have had every chance to run.
 */
const turns = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
  await control('/slack/calls');
};

async function readAll(res: Response, onChunk: (bytes: number) => void): Promise<string> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    onChunk(value.byteLength);
    text += decoder.decode(value, { stream: true });
  }
}

describe('defer() inside workerd', () => {
  it('starts a task only once the whole response body has been read', async () => {
    const ctx = createExecutionContext();
    const defer = createWaitUntilDefer(quietLog);
    const sent = holdUntilSent(ctx);
    let read = 0;
    let seenAtStart: number | undefined;
    defer(async () => {
      seenAtStart = read;
    }, ctx);
    const body = 'x'.repeat(100_000);
    const res = sent(new Response(body, { headers: { 'content-type': 'text/plain' } }));
    await turns();
    expect(seenAtStart).toBeUndefined();
    expect(await readAll(res, (n) => (read += n))).toBe(body);
    await waitOnExecutionContext(ctx);
    expect(seenAtStart).toBe(body.length);
  });

  it('treats an empty response the same way, and keeps its status and headers', async () => {
    const ctx = createExecutionContext();
    const defer = createWaitUntilDefer(quietLog);
    const sent = holdUntilSent(ctx);
    let ran = false;
    defer(async () => void (ran = true), ctx);
    const res = sent(new Response(null, { status: 200, headers: { 'x-probe': '1' } }));
    await turns();
    expect(ran).toBe(false);
    expect(await res.text()).toBe('');
    await waitOnExecutionContext(ctx);
    expect(ran).toBe(true);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-probe')).toBe('1');
  });

  it('runs the task when the client goes away before reading the body', async () => {
    const ctx = createExecutionContext();
    const defer = createWaitUntilDefer(quietLog);
    const sent = holdUntilSent(ctx);
    let ran = false;
    defer(async () => void (ran = true), ctx);
    const res = sent(new Response('abc'));
    await res.body!.cancel();
    await waitOnExecutionContext(ctx);
    expect(ran).toBe(true);
  });

  it('opens the /outcome modal only after the Worker’s empty 200 has been read', async () => {
    const { trigger_id } = (await control('/slack/trigger', { method: 'POST' })) as { trigger_id: string };
    const opens = async () => ((await control('/slack/calls')) as { method: string; body: { trigger_id?: string } }[]).filter((c) => c.method === 'views.open' && c.body.trigger_id === trigger_id);
    const ctx = createExecutionContext();
    const res = await worker.fetch(await slashCommandRequest(trigger_id), { ...env }, ctx);
    await turns();
    expect(await opens()).toEqual([]);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await waitOnExecutionContext(ctx);
    expect(await opens()).toHaveLength(1);
  });
});
