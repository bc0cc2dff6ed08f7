import { describe, expect, it } from 'vitest';
import { checkState, issueState, STATE_TTL_MS } from './oauth-state.ts';

const SECRET = 'app-secret-for-the-oauth-state-tests-0123';
const now = 1_800_000_000_000;

describe('OAuth state', () => {
  it('accepts its own fresh state when the cookie matches', async () => {
    const state = await issueState(SECRET, now);
    expect(await checkState(SECRET, state, state, now + 1000)).toEqual({ ok: true, nonce: state.split('.')[0] });
  });

  it('refuses a missing state, a different cookie, a forged signature and an expired state', async () => {
    const state = await issueState(SECRET, now);
    const other = await issueState(SECRET, now);
    const [nonce, exp] = state.split('.');
    const forged = `${nonce}.${Number(exp) + 10 * STATE_TTL_MS}.${state.split('.')[2]}`;
    expect(await checkState(SECRET, undefined, state, now)).toMatchObject({ reason: 'missing' });
    expect(await checkState(SECRET, state, other, now)).toMatchObject({ reason: 'cookie_mismatch' });
    expect(await checkState(SECRET, state, undefined, now)).toMatchObject({ reason: 'cookie_mismatch' });
    expect(await checkState(SECRET, forged, forged, now)).toMatchObject({ reason: 'forged' });
    expect(await checkState('another-secret-entirely-different-0123456', state, state, now)).toMatchObject({ reason: 'forged' });
    expect(await checkState(SECRET, state, state, now + STATE_TTL_MS + 1)).toMatchObject({ reason: 'expired' });
  });
});
