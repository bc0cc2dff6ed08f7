import { describe, expect, it } from 'vitest';
import { redact } from '../../src/log.ts';

describe('redact', () => {
  it('scrubs each credential shape inside free text, and the given secrets verbatim', () => {
    const cases: [string, string][] = [
      ['token xoxb-123-abc leaked', 'xoxb-123-abc'],
      ['app token xapp-1-A0-xyz', 'xapp-1-A0-xyz'],
      ['header Authorization: Bearer abc.def-ghi', 'abc.def-ghi'],
      ['header authorization: basic dXNlcjpwYXNz', 'dXNlcjpwYXNz'],
      ['Set-Cookie: sid=s3cr3t; HttpOnly', 'sid=s3cr3t'],
      ['GET /cb?code=one-time-code&state=s', 'one-time-code'],
      ['POST /x?a=1&access_token=tok123', 'tok123'],
    ];
    for (const [text, secret] of cases) expect(redact(text)).not.toContain(secret);
    expect(redact('key my-long-secret-value here', ['my-long-secret-value'])).toBe('key [redacted] here');
  });

  it('leaves ordinary texts as they are', () => {
    for (const text of ['request', '/feishu/cards', 'outcome 5f0c submitted', '审批已通过']) expect(redact(text, ['never-there'])).toBe(text);
  });
});
