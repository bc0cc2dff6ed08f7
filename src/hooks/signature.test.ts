import { describe, expect, it } from 'vitest';
import { signSha256, verifySha256 } from './signature.ts';

const bytes = (s: string) => new TextEncoder().encode(s) as Uint8Array<ArrayBuffer>;

describe('webhook signatures', () => {
  it('match GitHub\'s published test vector', async () => {
    expect(await signSha256("It's a Secret to Everybody", 'Hello, World!')).toBe('sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17');
    expect(await verifySha256("It's a Secret to Everybody", bytes('Hello, World!'), 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17')).toBe(true);
  });

  it('refuse another secret, another body, a missing header and other shapes', async () => {
    const good = await signSha256('secret-one-0123456789', 'body');
    expect(await verifySha256('secret-two-0123456789', bytes('body'), good)).toBe(false);
    expect(await verifySha256('secret-one-0123456789', bytes('body '), good)).toBe(false);
    expect(await verifySha256('secret-one-0123456789', bytes('body'), undefined)).toBe(false);
    expect(await verifySha256('secret-one-0123456789', bytes('body'), good.replace('sha256=', 'sha1='))).toBe(false);
    expect(await verifySha256('secret-one-0123456789', bytes('body'), good.slice(0, -2))).toBe(false);
  });
});
