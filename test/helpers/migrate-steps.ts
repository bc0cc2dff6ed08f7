import { createClient, type Client } from '@libsql/client';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS_DIR } from '../../src/db/migrate-node.ts';

/**
 * An in-memory database migrated up to (not including) the migration whose file ends with
 * `suffix`, and a function applying that one and the rest: for tests of what a migration does
 * to rows that existed before it.
 */
export async function migratedUntil(suffix: string): Promise<{ client: Client; applyRest(): Promise<void> }> {
  const client = createClient({ url: ':memory:' });
  const apply = async (file: string) => {
    for (const stmt of readFileSync(join(MIGRATIONS_DIR, file), 'utf8').split('--> statement-breakpoint')) if (stmt.trim()) await client.execute(stmt);
  };
  const files = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort();
  const at = files.findIndex((f) => f.endsWith(suffix));
  if (at < 0) throw new Error(`no migration ending with ${suffix}`);
  for (const f of files.slice(0, at)) await apply(f);
  return {
    client,
    async applyRest() {
      for (const f of files.slice(at)) await apply(f);
    },
  };
}
