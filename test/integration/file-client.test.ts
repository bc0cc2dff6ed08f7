import { createClient } from '@libsql/client';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileClient } from '../../src/db/file-client.ts';
import { filePath } from '../../src/db/migrate-node.ts';

/** Our file client against @libsql/client's own, on the same statements: same answers. */
describe('createFileClient', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'outcome-file-client-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const script = [
    'create table t (id integer primary key, name text unique, n real, b blob, at integer)',
    { sql: 'insert into t (name, n, b, at) values (?, ?, ?, ?)', args: ['a', 1.5, new Uint8Array([1, 2]).buffer, new Date(1_700_000_000_000)] },
    { sql: 'insert into t (name, n, at) values (:name, :n, $at)', args: { name: 'b', n: 2, $at: 5 } },
    { sql: 'insert into t (name, n, at) values (?, ?, ?)', args: ['c', true, null] },
  ] as const;

  it('answers like the library client: rows by name and index, integers as numbers, blobs, rowsAffected', async () => {
    const ours = createFileClient(join(dir, 'ours.db'));
    const theirs = createClient({ url: `file:${join(dir, 'theirs.db')}` });
    for (const c of [ours, theirs]) for (const s of script) await c.execute(s as never);
    const q = 'select id, name, n, b, at, count(*) over () as total from t order by id';
    const [a, b] = [await ours.execute(q), await theirs.execute(q)];
    expect(a.columns).toEqual(b.columns);
    expect(a.rows.map((r) => ({ ...r }))).toEqual(b.rows.map((r) => ({ ...r })));
    expect(a.rows.map((r) => Array.from(r as unknown as ArrayLike<unknown>))).toEqual(b.rows.map((r) => Array.from(r as unknown as ArrayLike<unknown>)));
    expect(Object.keys(a.rows[0]!)).toEqual(['id', 'name', 'n', 'b', 'at', 'total']);
    const u = { sql: 'update t set n = n + 1 where n >= ?', args: [1] };
    expect((await ours.execute(u)).rowsAffected).toBe((await theirs.execute(u)).rowsAffected);
    ours.close();
    theirs.close();
  });

  it('runs a batch in one transaction: a failing statement rolls back the earlier ones, with the driver message', async () => {
    const c = createFileClient(join(dir, 'b.db'));
    await c.execute('create table t (k text primary key)');
    await c.execute({ sql: 'insert into t values (?)', args: ['x'] });
    await expect(c.batch([{ sql: 'insert into t values (?)', args: ['y'] }, { sql: 'insert into t values (?)', args: ['x'] }])).rejects.toThrow(/UNIQUE constraint failed: t\.k/);
    expect((await c.execute('select k from t order by k')).rows.map((r) => r.k)).toEqual(['x']);
    const [, second] = await c.batch([{ sql: 'insert into t values (?)', args: ['z'] }, 'select count(*) as n from t']);
    expect(second!.rows[0]!.n).toBe(2);
    c.close();
    expect(c.closed).toBe(true);
    await expect(c.execute('select 1')).rejects.toThrow(/closed/);
  });

  it('refuses what the library refuses: undefined and non-finite arguments, unsafe integers', async () => {
    const c = createFileClient(join(dir, 'r.db'));
    await expect(c.execute({ sql: 'select ?', args: [undefined as never] })).rejects.toThrow(TypeError);
    await expect(c.execute({ sql: 'select ?', args: [Number.NaN] })).rejects.toThrow(RangeError);
    await expect(c.execute('select 9007199254740993 as big')).rejects.toThrow(RangeError);
    for (const v of [() => 1, Symbol('s'), { a: 1 }]) await expect(c.execute({ sql: 'select ?', args: [v as never] })).rejects.toThrow(/can only bind numbers, strings, bigints, buffers, and null/);
    expect((await c.execute('select 1 as one')).rows[0]!.one).toBe(1);
    c.close();
  });

  it("keeps the driver's error: SqliteError with its code and message", async () => {
    const c = createFileClient(join(dir, 'e.db'));
    await c.execute('create table t (k text primary key)');
    await c.execute({ sql: 'insert into t values (?)', args: ['x'] });
    const direct = new Database(join(dir, 'e.db'));
    const theirs = (() => {
      try {
        direct.prepare('insert into t values (?)').run('x');
      } catch (err) {
        return err as { name: string; code: string; message: string };
      } finally {
        direct.close();
      }
    })();
    const ours = (await c.execute({ sql: 'insert into t values (?)', args: ['x'] }).catch((err: unknown) => err)) as typeof theirs;
    expect({ name: ours!.name, code: ours!.code, message: ours!.message }).toEqual({ name: theirs!.name, code: theirs!.code, message: theirs!.message });
    expect(ours!.code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
    c.close();
  });

  it('runs the database on a thread of its own: a statement waiting for a lock does not hold up this one', async () => {
    const path = join(dir, 'lock.db');
    const c = createFileClient(path);
    await c.execute('PRAGMA journal_mode = WAL');
    await c.execute('PRAGMA busy_timeout = 20000');
    await c.execute('create table t (k text)');
    // Another connection, on this thread, holds the write lock: only this thread can give it back.
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    let settled = false;
    const write = c.execute({ sql: 'insert into t values (?)', args: ['x'] }).finally(() => (settled = true));
    await new Promise(setImmediate);
    expect(settled).toBe(false);
    other.exec('COMMIT');
    other.close();
    // Had the insert run here, it would have waited for the lock with this thread stopped, and failed busy.
    expect((await write).rowsAffected).toBe(1);
    c.close();
  });

  it('answers the calls made before close(), and refuses those after', async () => {
    const c = createFileClient(join(dir, 'c.db'));
    const before = [c.execute('create table t (k text)'), c.execute("insert into t values ('a')"), c.execute('select count(*) as n from t')];
    c.close();
    const answers = await Promise.all(before);
    expect(answers[2]!.rows[0]!.n).toBe(1);
    await expect(c.batch([{ sql: 'select 1', args: [] }])).rejects.toThrow(/closed/);
  });

  it('keeps a process alive while a call waits, and not once it is answered (a script that never closes still ends)', async () => {
    const script = [
      `const { createFileClient } = await import(${JSON.stringify(join(import.meta.dirname, '../../src/db/file-client.ts'))});`,
      `const c = createFileClient(${JSON.stringify(join(dir, 'life.db'))});`,
      // A refused argument must not leave the thread waiting: the script still ends by itself.
      "await c.execute({ sql: 'select ?', args: [() => 1] }).catch(() => undefined);",
      "const r = await c.execute('select 41 + 1 as n');",
      'console.log(r.rows[0].n);',
    ].join('\n');
    const child = spawn(process.execPath, ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const [code] = await once(child, 'exit');
    // Exit code 13 would be the await left unsettled: the process ended while the call waited.
    expect({ code, out: out.trim() }, err).toEqual({ code: 0, out: '42' });
  });

  describe('WAL checkpoints on a thread of their own', () => {
    const autocheckpoint = async (c: ReturnType<typeof createFileClient>) => (await c.execute('PRAGMA wal_autocheckpoint')).rows[0]![0];
    // 1,500 pages of 4 KB in commits of 25: past the 1,000 pages at which SQLite's automatic checkpoint would copy them inside a commit.
    const write = async (c: ReturnType<typeof createFileClient>, pages: number) => {
      for (let i = 0; i < pages / 25; i++) await c.batch(Array.from({ length: 50 }, () => ({ sql: 'insert into t values (?)', args: ['x'.repeat(2000)] })));
    };

    it('no commit checkpoints: the request connection leaves it to the thread, whose pass copies every page back', async () => {
      // No timed pass during the test: the passes are the ones it asks for.
      const c = createFileClient(join(dir, 'wal.db'), { checkpoints: { everyMs: 3_600_000, restartFrames: 1_000_000 } });
      await c.execute('PRAGMA journal_mode = WAL');
      await c.execute('create table t (k text)');
      expect(await c.checkpoints!.handedOver).toBe(true);
      expect(await autocheckpoint(c)).toBe(0);
      await write(c, 1_500);
      const pass = await c.checkpoints!.thread.pass();
      // Had a commit checkpointed at 1,000 pages, the log would have started again there.
      expect(pass.log).toBeGreaterThan(1_500);
      expect(pass).toEqual({ busy: 0, log: pass.log, checkpointed: pass.log });
      // All copied: the next write starts the log from its beginning.
      await write(c, 25);
      expect((await c.checkpoints!.thread.pass()).log).toBeLessThan(100);
      expect((await c.execute('select count(*) as n from t')).rows[0]!.n).toBe(3_050);
      c.close();
      expect(await c.checkpoints!.thread.ended).toEqual({ closed: true });
    });

    it('checkpoints a file that became WAL after the thread first looked at it', async () => {
      const c = createFileClient(join(dir, 'late.db'), { checkpoints: { everyMs: 3_600_000, restartFrames: 1_000_000 } });
      // A pass before the mode is set (a fresh file, the request connection slower to start).
      expect(await c.checkpoints!.thread.pass()).toEqual({ busy: 0, log: -1, checkpointed: -1 });
      await c.execute('PRAGMA journal_mode = WAL');
      await c.execute('create table t (k text)');
      await write(c, 100);
      const pass = await c.checkpoints!.thread.pass();
      expect(pass.log).toBeGreaterThan(100);
      expect(pass.checkpointed).toBe(pass.log);
      c.close();
    });

    it('past restartFrames a pass restarts the log, and without the thread the connection checkpoints as SQLite does', async () => {
      const c = createFileClient(join(dir, 'restart.db'), { checkpoints: { everyMs: 3_600_000, restartFrames: 200 } });
      await c.execute('PRAGMA journal_mode = WAL');
      await c.execute('create table t (k text)');
      await write(c, 300);
      expect(await c.checkpoints!.thread.pass()).toMatchObject({ busy: 0, checkpointed: expect.any(Number) });
      await write(c, 25);
      expect((await c.checkpoints!.thread.pass()).log).toBeLessThan(100);
      // The thread ends unasked: the connection takes its checkpoints back.
      await c.checkpoints!.thread.thread.terminate();
      await c.checkpoints!.takenBack;
      expect(await autocheckpoint(c)).toBe(1000);
      await expect(c.checkpoints!.thread.pass()).rejects.toThrow(/ended/);
      c.close();

      const without = createFileClient(join(dir, 'plain.db'), { checkpoints: false });
      expect(without.checkpoints).toBeNull();
      expect(await autocheckpoint(without)).toBe(1000);
      without.close();
    });
  });

  it('reads the path of each file URL form', () => {
    expect(filePath('file:./data/outcome.db')).toBe('./data/outcome.db');
    expect(filePath('file:/tmp/a b.db')).toBe('/tmp/a b.db');
    expect(filePath('file:///tmp/x%20y.db')).toBe('/tmp/x y.db');
  });
});
