/// <reference types="@cloudflare/vitest-plugin/types" />
import type { D1Migration } from '@cloudflare/vitest-plugin';

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      EVIDENCE: R2Bucket;
      TEST_MIGRATIONS: D1Migration[];
      /** Control server of the fakes (see global-setup.ts). */
      FAKE_CONTROL_URL: string;
      SLACK_API_URL: string;
      SLACK_SIGNING_SECRET: string;
      SLACK_BOT_TOKEN: string;
      FEISHU_DOMAIN: string;
      FEISHU_APP_ID: string;
      FEISHU_ENCRYPT_KEY: string;
      FEISHU_VERIFICATION_TOKEN: string;
    }
    interface GlobalProps {
      mainModule: typeof import('../../src/entry/worker.ts');
    }
  }
}
