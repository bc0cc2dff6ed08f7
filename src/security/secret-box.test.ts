import { describe, expect, it } from 'vitest';
import { fromBase64Url, openSecret, sealSecret, SecretBoxError, toBase64Url } from './secret-box.ts';

const SECRET = 'a-very-long-app-secret-for-tests-0123456789';

describe('secret box', () => {
  it('round-trips a token and never stores it in clear', async () => {
    const box = await sealSecret(SECRET, 'xoxb-123-secret', 'slack:T1');
    expect(box).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(box).not.toContain('xoxb');
    expect(await openSecret(SECRET, box, 'slack:T1')).toBe('xoxb-123-secret');
  });

  it('uses a fresh IV each time', async () => {
    const [a, b] = await Promise.all([sealSecret(SECRET, 'same', 'c'), sealSecret(SECRET, 'same', 'c')]);
    expect(a).not.toBe(b);
  });

  it.each([
    ['another APP_SECRET', 'another-app-secret-that-is-also-long-enough', 'slack:T1'],
    ['another context (a box copied to another team)', SECRET, 'slack:T2'],
  ])('refuses %s', async (_, secret, context) => {
    const box = await sealSecret(SECRET, 'xoxb-1', 'slack:T1');
    await expect(openSecret(secret, box, context)).rejects.toBeInstanceOf(SecretBoxError);
  });

  it.each(['', 'v1.', 'v2.aaa.bbb', 'v1.a.b.c', 'v1.!!.zz', 'plain-token'])('refuses the malformed box %j', async (box) => {
    await expect(openSecret(SECRET, box, 'c')).rejects.toBeInstanceOf(SecretBoxError);
  });

  it('refuses a tampered ciphertext', async () => {
    const box = await sealSecret(SECRET, 'xoxb-1', 'c');
    const [v, iv, data] = box.split('.');
    const bytes = fromBase64Url(data!);
    bytes[0] = bytes[0]! ^ 1;
    await expect(openSecret(SECRET, `${v}.${iv}.${toBase64Url(bytes)}`, 'c')).rejects.toBeInstanceOf(SecretBoxError);
  });
});
