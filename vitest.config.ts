import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { boltStubs } from './src/slack/stubs/vitest-plugin.ts';
import { WORKERS_ENV } from './test/workers/global-setup.ts';

/** Four layers in one `npm test`: unit, integration on Node, the dashboard in headless Chromium, and the Worker inside workerd. */
export default defineConfig({
  // The workers project ignores wrangler's [alias]; this redirects Bolt's Node-only imports to the same stubs.
  plugins: [boltStubs()],
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'cards/**/*.test.ts', 'test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [
          // The Worker talks to the fake platforms started by the global setup, like it would to Slack and Feishu.
          cloudflareTest(async ({ inject }) => ({
            wrangler: { configPath: './wrangler.toml' },
            // The sources, not wrangler.toml's built entry (dist/worker, src/entry/worker-bundle.mjs).
            main: './src/entry/worker.ts',
            miniflare: {
              bindings: {
                ...WORKERS_ENV,
                SLACK_API_URL: inject('fakeSlackUrl'),
                FEISHU_DOMAIN: inject('fakeFeishuUrl'),
                FAKE_CONTROL_URL: inject('fakeControlUrl'),
                TEST_MIGRATIONS: await readD1Migrations('./migrations'),
              },
              // The optional evidence-file bucket (commented out in wrangler.toml), local to the test run.
              r2Buckets: ['EVIDENCE'],
            },
          })),
        ],
        test: {
          name: 'workers',
          include: ['test/workers/**/*.test.ts'],
          // One isolate for all files, one after another: the Lark SDK is a single 6 MB module, and
          // loading it again for a second file goes over workerd's 1 MiB WebSocket message limit.
          isolate: false,
          fileParallelism: false,
          globalSetup: ['./test/workers/global-setup.ts'],
          setupFiles: ['./test/workers/apply-migrations.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
