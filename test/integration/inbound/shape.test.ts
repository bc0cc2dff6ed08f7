import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { feishuCases, slackBody, slackCases } from './fixtures.ts';
import { startInboundApp, type InboundApp } from './inbound-app.ts';

/**
 * Signed payloads of the right kind but the wrong shape (the ones that answered 500 before
 * the shape check) are refused with a 400 naming the field, and write nothing.
 */
let h: InboundApp;
let before: Record<string, number>;
beforeAll(async () => {
  h = await startInboundApp();
});
beforeEach(async () => {
  before = await h.rowCounts();
});
afterAll(() => h.close());

describe('Slack payloads are checked before Bolt sees them', () => {
  it.each(slackCases().map((c) => [c.why, c] as const))('%s → 400, nothing written', async (_, c) => {
    const res = await h.slack(slackBody(c));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'bad_request', message: expect.stringMatching(/\S/) });
    await h.settle();
    expect(await h.rowCounts()).toEqual(before);
  });

  it('lets through a payload type it does not know (Bolt answers it with an empty 200)', async () => {
    const res = await h.slack(slackBody({ send: 'interaction', payload: { type: 'something_new', team: { id: 'T0001' }, user: { id: 'U1' } } }));
    expect(res.status).toBe(200);
  });
});

describe('Feishu payloads are checked before the dispatcher and the workspace lookup', () => {
  it.each(feishuCases().map((c) => [c.why, c] as const))('%s → 400, nothing written', async (_, c) => {
    const res = await h.feishu(c.path, c.body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'bad_request' });
    await h.settle();
    expect(await h.rowCounts()).toEqual(before);
  });

  it.each([
    ['tenant_key', 42],
    ['event_id', { id: 1 }],
    ['event_type', null],
  ])('refuses an envelope whose %s is not a string (%j)', async (field, value) => {
    const [c] = feishuCases();
    const res = await h.feishu('cards', { ...c!.body, header: { ...c!.body.header, [field]: value }, event: {} });
    expect(res.status).toBe(400);
    expect(await h.rowCounts()).toEqual(before);
  });
});
