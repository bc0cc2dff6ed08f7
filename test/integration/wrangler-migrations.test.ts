import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const run = promisify(execFile);

describe('migrations through wrangler', () => {
  it('apply to a local D1 with `wrangler d1 migrations apply --local`, and a second run finds nothing to do', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'outcome-d1-'));
    const wrangler = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');
    const args = [wrangler, 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dir];
    const env = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' };
    try {
      const first = await run(process.execPath, args, { cwd: ROOT, env });
      expect(first.stdout).toMatch(/0000_init\.sql\s*│\s*✅/);
      expect(first.stdout).toMatch(/0001_schedules_reminders\.sql\s*│\s*✅/);
      const second = await run(process.execPath, args, { cwd: ROOT, env });
      expect(second.stdout).toContain('No migrations to apply');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // Two wrangler runs, each starting workerd: 10–20 s on an idle machine, over 50 s on a
    // loaded one. A safety net for a hang, not a measure of anything.
  }, 180_000);
});
