/**
 * The child of bench/crash-delivery.ts: opens the parent's libsql file and runs the app's
 * drainer on real timers against the parent's fake platform until nothing is left, or until
 * the parent kills it with SIGKILL. Configured by environment (see the parent).
 */
import { openNodeDatabase } from '../src/db/migrate-node.ts';
import { createOutboxStore } from '../src/db/repos/outbox-store.ts';
import { createDrainer, NODE_RUN, timerSleep } from '../src/delivery/drainer.ts';
import type { RateBudget } from '../src/delivery/rate-budget.ts';
import type { Sender } from '../src/delivery/types.ts';
import { feishuSender, slackSender } from './delivery-kit.ts';

const env = (name: string) => process.env[name] ?? (() => { throw new Error(`${name} is not set`); })();
const platform = env('CRASH_PLATFORM');
const leaseMs = Number(env('CRASH_LEASE_MS'));

const { db } = await openNodeDatabase(env('CRASH_DB_URL'));
const inner = platform === 'slack' ? slackSender(env('CRASH_API_URL')) : feishuSender(env('CRASH_API_URL'));
// The row id travels in the message text, so the parent's fake can count posts per row.
const sender: Sender = { send: (row) => inner.send({ ...row, payload: { ...row.payload, row: row.id } }) };
// No budgets (the fake has no limits either): up to `concurrency` sends are in flight when
// the kill lands, the most a process can have, so the duplicate rate is an upper bound.
const unlimited: RateBudget = { reserve: () => 0, pause: () => undefined, answered: () => undefined };
const drainer = createDrainer(
  { store: createOutboxStore(db), senders: { [platform]: sender }, budget: unlimited, clock: { now: () => new Date() }, sleep: timerSleep },
  { ...NODE_RUN, concurrency: 8, leaseMs, sendTimeoutMs: leaseMs / 2 },
);
process.stdout.write('ready\n');
const report = await drainer.kick();
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(0);
