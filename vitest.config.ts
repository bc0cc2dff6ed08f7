import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { WORKERS_ENV } from './test/workers/global-setup.ts';

/** Three layers in one `npm test`: unit, integration on Node, and the Worker inside workerd. */
export default defineConfig({
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
        plugins: [
          // The Worker talks to the fake platforms started by the global setup, like it would to Slack and Feishu.
          cloudflareTest(async ({ inject }) => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                ...WORKERS_ENV,
                SLACK_API_URL: inject('fakeSlackUrl'),
                FEISHU_DOMAIN: inject('fakeFeishuUrl'),
                FAKE_CONTROL_URL: inject('fakeControlUrl'),
                TEST_MIGRATIONS: await readD1Migrations('./migrations'),
              },
            },
          })),
        ],
        test: {
          name: 'workers',
          include: ['test/workers/**/*.test.ts'],
          globalSetup: ['./test/workers/global-setup.ts'],
          setupFiles: ['./test/workers/apply-migrations.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
