import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/**
 * `npm start` and `npm test` on a Node older than 22.12. The machine's Node cannot be swapped
 * inside a test, so a `node` shim first on PATH runs this Node reporting version 20.11.0;
 * npm and the scripts' `node` both go through it, as they would through an old install.
 */
describe('an old Node is refused before anything runs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'outcome-old-node-'));
    await writeFile(join(dir, 'old-version.cjs'), "Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '20.11.0' } });\n");
    await writeFile(join(dir, 'node'), `#!/bin/sh\nexec "${process.execPath}" --require "${join(dir, 'old-version.cjs')}" "$@"\n`);
    await chmod(join(dir, 'node'), 0o755);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  for (const script of ['start', 'test']) {
    it(`npm ${script} stops at once with what is needed and how to get it, exit code 1`, async () => {
      const child = spawn('npm', [script, '--silent'], {
        cwd: ROOT,
        env: { PATH: `${dir}:${process.env.PATH}`, HOME: dir, PORT: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      const code = await new Promise((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toContain('Outcome needs Node.js 22.12 or newer; this is Node.js 20.11.0');
      expect(stderr).toContain('nvm install');
      expect(stderr).toContain('https://nodejs.org/en/download');
      // Nothing after the check ran: no server line, no test runner output.
      expect(stdout).not.toContain('outcome started');
      expect(stdout + stderr).not.toMatch(/RUN\s+v\d|Test Files/);
    });
  }
});
