import { deriveAppKey, toBase64Url } from '../../security/secret-box.ts';

/** The state lives 10 minutes (Slack's codes do too) and travels in this cookie as well as the URL. */
export const STATE_TTL_MS = 10 * 60_000;
export const STATE_COOKIE = 'outcome_slack_oauth_state';

const encoder = new TextEncoder();
const stateKey = (appSecret: string) => deriveAppKey(appSecret, 'outcome/slack-oauth-state', { name: 'HMAC', hash: 'SHA-256', length: 256 }, ['sign', 'verify']);

async function sign(appSecret: string, payload: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', await stateKey(appSecret), encoder.encode(payload))));
}

/** A fresh state: `nonce.expiry.signature`, so it needs no server-side storage until it is used. */
export async function issueState(appSecret: string, nowMs: number): Promise<string> {
  const payload = `${toBase64Url(crypto.getRandomValues(new Uint8Array(16)))}.${nowMs + STATE_TTL_MS}`;
  return `${payload}.${await sign(appSecret, payload)}`;
}

export type StateCheck = { ok: true; nonce: string } | { ok: false; reason: 'missing' | 'cookie_mismatch' | 'forged' | 'expired' };

/**
 * Checks the state Slack sent back: the same as the browser's cookie (so a link from
 * someone else cannot complete an install), signed by us, not expired. Single use is
 * enforced by the caller, who records the nonce once the team is known.
 */
export async function checkState(appSecret: string, state: string | undefined, cookie: string | undefined, nowMs: number): Promise<StateCheck> {
  if (!state) return { ok: false, reason: 'missing' };
  if (!cookie || cookie !== state) return { ok: false, reason: 'cookie_mismatch' };
  const [nonce, exp, sig, extra] = state.split('.');
  if (!nonce || !exp || !sig || extra !== undefined) return { ok: false, reason: 'forged' };
  const expected = await sign(appSecret, `${nonce}.${exp}`);
  // Both sides are our own base64url HMAC output; compare through a second HMAC to stay constant-time.
  const [a, b] = await Promise.all([sign(appSecret, `cmp:${expected}`), sign(appSecret, `cmp:${sig}`)]);
  if (a !== b) return { ok: false, reason: 'forged' };
  if (!/^\d+$/.test(exp) || Number(exp) < nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, nonce };
}
