import { applyD1Migrations, env } from 'cloudflare:test';

// The same migrations drizzle-kit wrote and `wrangler d1 migrations apply` uses.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
