import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';

/** Asks the database the smallest question there is; throws when it does not answer. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.run(sql`select 1`);
}
