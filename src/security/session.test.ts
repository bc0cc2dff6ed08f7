import { describe, expect, it } from 'vitest';
import { cookieHeader, createSessionCodec, readCookie, type Session } from './session.ts';

const SECRET = 'x'.repeat(40);
const NOW = Date.UTC(2026, 10, 23, 1);
const session: Session = { workspaceId: 'w1', personId: 'p1', via: 'slack', exp: NOW + 60_000 };

describe('session codec', () => {
  it('round-trips a session signed with APP_SECRET, across codec instances', async () => {
    const sealed = await (await createSessionCodec(SECRET)).seal(session);
    const other = await createSessionCodec(SECRET);
    expect(other.ephemeral).toBe(false);
    expect(await other.open(sealed, NOW)).toEqual(session);
  });

  it('refuses a value signed with another secret', async () => {
    const sealed = await (await createSessionCodec('y'.repeat(40))).seal(session);
    expect(await (await createSessionCodec(SECRET)).open(sealed, NOW)).toBeNull();
  });

  it('refuses a tampered payload (another person) with the old signature', async () => {
    const codec = await createSessionCodec(SECRET);
    const [, sig] = (await codec.seal(session)).split('.');
    const forged = Buffer.from(JSON.stringify({ ...session, personId: 'admin' })).toString('base64url');
    expect(await codec.open(`${forged}.${sig}`, NOW)).toBeNull();
  });

  it('refuses an expired session', async () => {
    const codec = await createSessionCodec(SECRET);
    const sealed = await codec.seal(session);
    expect(await codec.open(sealed, session.exp - 1)).not.toBeNull();
    expect(await codec.open(sealed, session.exp)).toBeNull();
  });

  it.each([undefined, '', 'abc', 'a.b.c', '!!.??', 'e30.AAAA'])('refuses malformed value %s', async (value) => {
    expect(await (await createSessionCodec(SECRET)).open(value, NOW)).toBeNull();
  });

  it('refuses a correctly signed value of the wrong shape', async () => {
    const { createSignedCodec } = await import('./session.ts');
    const anything = await createSignedCodec<{ exp: number; x: number }>(SECRET, 'outcome/session/v1', (x): x is { exp: number; x: number } => true);
    const sealed = await anything.seal({ exp: NOW + 1000, x: 1 });
    expect(await (await createSessionCodec(SECRET)).open(sealed, NOW)).toBeNull();
  });

  it('without APP_SECRET uses a random key: another process cannot open it', async () => {
    const a = await createSessionCodec(undefined);
    const b = await createSessionCodec(undefined);
    expect(a.ephemeral).toBe(true);
    const sealed = await a.seal(session);
    expect(await a.open(sealed, NOW)).toEqual(session);
    expect(await b.open(sealed, NOW)).toBeNull();
  });
});

describe('cookies', () => {
  it('sets HttpOnly, SameSite=Lax, Path and Secure only over https', () => {
    expect(cookieHeader('s', 'v', { secure: false, maxAgeSeconds: 60 })).toBe('s=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=60');
    expect(cookieHeader('s', 'v', { secure: true, maxAgeSeconds: 60 })).toMatch(/; Secure$/);
  });

  it('reads one cookie among several', () => {
    expect(readCookie('a=1; outcome_session=abc.def; b=2', 'outcome_session')).toBe('abc.def');
    expect(readCookie('a=1', 'outcome_session')).toBeUndefined();
    expect(readCookie(undefined, 'x')).toBeUndefined();
  });
});
