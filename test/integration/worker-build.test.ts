import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Metafile } from 'esbuild';
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorker, wranglerTable } from '../../src/entry/worker-bundle.mjs';
import { startFakeFeishu, type FakeFeishu } from '../fakes/fake-feishu.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.ts';
import { startBuiltWorker } from '../helpers/built-worker.ts';
import { feishuEventBody, messageReceiveEvent, signedFeishuRequest } from '../helpers/feishu-sign.ts';
import { bothPlatformsEnv } from '../helpers/platform-env.ts';
import { signedSlackRequest, slashCommandBody } from '../helpers/slack-sign.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** Waits until `check` holds (a bound against a hang, not a timing assertion). */
async function eventually(check: () => boolean, ms = 20_000): Promise<void> {
  const started = Date.now();
  while (!check() && Date.now() - started < ms) await new Promise((r) => setTimeout(r, 50));
}

/** The source files in the output module of `entry` and in every module it imports statically (what loading it compiles). */
function staticInputs(meta: Metafile, entry: string): string[] {
  const outputs = Object.entries(meta.outputs);
  const start = outputs.find(([, o]) => o.entryPoint === entry)?.[0];
  if (!start) throw new Error(`no output for ${entry}`);
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const i of meta.outputs[path]!.imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(start);
  return [...seen].flatMap((path) => Object.keys(meta.outputs[path]!.inputs));
}

const LARK = /@larksuiteoapi\/node-sdk/;
const BOLT = /@slack\/bolt/;

/**
 * wrangler.toml deploys the modules src/entry/worker-bundle.mjs builds (no_bundle): this builds
 * them and runs them in workerd, so a bundling mistake (a CommonJS require of a Node built-in, a
 * chunk the start compiles that it should not) fails here; the workers project runs the sources.
 */
describe('the built Worker', () => {
  let dir: string;
  let meta: Metafile;
  let slack: FakeSlack;
  let feishu: FakeFeishu;
  let env: Record<string, string>;
  let mf: Miniflare;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'outcome-worker-build-'));
    meta = (await buildWorker({ outDir: join(dir, 'worker') })).metafile;
    slack = await startFakeSlack();
    feishu = await startFakeFeishu();
    env = bothPlatformsEnv({ slack: slack.url, feishu: feishu.url });
    mf = await startBuiltWorker({ dir: join(dir, 'worker'), d1Persist: join(dir, 'd1'), bindings: { ...env, DEFAULT_LOCALE: 'en' } });
  }, 60_000);
  afterAll(async () => {
    await mf?.dispose();
    await Promise.all([slack?.close(), feishu?.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('starts by compiling src/entry/worker.ts alone: no package, not the service', () => {
    const inputs = staticInputs(meta, 'src/entry/worker.ts');
    expect(inputs).toContain('src/entry/worker.ts');
    expect(inputs.filter((i) => i.includes('node_modules') || i.startsWith('src/entry/worker-service'))).toEqual([]);
  });

  it('loads Bolt only with the Slack routes and the Lark SDK only with the Feishu routes', () => {
    const service = staticInputs(meta, 'src/entry/worker-service.ts');
    expect(service.filter((i) => LARK.test(i) || BOLT.test(i))).toEqual([]);
    const slackRoutes = staticInputs(meta, 'src/slack/inbound/routes.ts');
    expect(slackRoutes.some((i) => BOLT.test(i))).toBe(true);
    expect(slackRoutes.some((i) => LARK.test(i))).toBe(false);
    expect(staticInputs(meta, 'src/feishu/inbound/routes.ts').some((i) => LARK.test(i))).toBe(true);
  });

  it('applies wrangler.toml [define] and [alias]: Bolt gets the stubs, never express or @slack/oauth', () => {
    expect(wranglerTable('define')).toEqual({ __dirname: '"/bundle"' });
    const inputs = Object.keys(meta.inputs);
    expect(inputs).toContain('src/slack/stubs/express.cjs');
    expect(inputs.filter((i) => /node_modules\/(express|raw-body|@slack\/socket-mode|@slack\/oauth|jsonwebtoken)\//.test(i))).toEqual([]);
  });

  it('answers a signed /outcome in workerd and opens the submit modal on the fake Slack', async () => {
    const trigger = slack.issueTrigger();
    const req = signedSlackRequest('https://outcome.test/slack/events', env.SLACK_SIGNING_SECRET!, slashCommandBody({ trigger_id: trigger }));
    const res = await mf.dispatchFetch(req.url, { method: 'POST', headers: Object.fromEntries(req.headers), body: await req.text() });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await eventually(() => slack.callsTo('views.open').length > 0);
    expect(slack.callsTo('views.open').map((c) => [c.body.trigger_id, (c.body.view as { callback_id?: string }).callback_id])).toEqual([[trigger, 'outcome_submit']]);
  });

  it('refuses a forged Slack signature with a 401 and calls nothing', async () => {
    const before = slack.calls.length;
    const req = signedSlackRequest('https://outcome.test/slack/events', 'not-the-secret', slashCommandBody({ trigger_id: slack.issueTrigger() }));
    const res = await mf.dispatchFetch(req.url, { method: 'POST', headers: Object.fromEntries(req.headers), body: await req.text() });
    expect(res.status).toBe(401);
    expect(slack.calls.length).toBe(before);
  });

  it('answers a signed, encrypted Feishu message with a card (the Lark SDK in its chunk)', async () => {
    const body = feishuEventBody('im.message.receive_v1', messageReceiveEvent({ text: '/outcome help' }), { token: env.FEISHU_VERIFICATION_TOKEN });
    const req = signedFeishuRequest('https://outcome.test/feishu/events', { encryptKey: env.FEISHU_ENCRYPT_KEY!, body });
    const res = await mf.dispatchFetch(req.url, { method: 'POST', headers: Object.fromEntries(req.headers), body: await req.text() });
    expect(res.status).toBe(200);
    await eventually(() => feishu.callsTo(/\/open-apis\/im\/v1\/messages/).length > 0);
    expect(feishu.callsTo(/\/open-apis\/im\/v1\/messages/).length).toBeGreaterThan(0);
  });
});
