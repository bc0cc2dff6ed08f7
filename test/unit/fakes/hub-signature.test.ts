import { describe, expect, it } from 'vitest';
import { hubSignature } from '../../fakes/shared/hub-signature.ts';

describe('the webhook fakes\' signer', () => {
  it('signs GitHub\'s published test vector exactly', () => {
    expect(hubSignature("It's a Secret to Everybody", 'Hello, World!')).toBe('sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17');
  });
});
