/**
 * `npm run seed:demo`: fills the embedded database (DATABASE_URL, default file:./data/outcome.db)
 * with the demo portfolio in both languages. Safe to run again: existing demo rows are kept.
 */
import { loadConfig } from '../config.ts';
import { openNodeDatabase } from '../db/migrate-node.ts';
import { seedDemo } from './demo.ts';

const config = loadConfig(process.env);
const url = config.databaseUrl ?? 'file:./data/outcome.db';
const { db, client } = await openNodeDatabase(url, config.databaseAuthToken);
try {
  const counts = await seedDemo(db);
  const added = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(added ? `Seeded the demo portfolio into ${url}: ${JSON.stringify(counts)}` : `The demo portfolio is already in ${url}; nothing to add.`);
  console.log('Start the server with `npm start` and open http://localhost:8787/app (local sign-in).');
} finally {
  client.close();
}
