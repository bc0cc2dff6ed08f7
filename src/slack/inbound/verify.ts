/**
 * Slack request signing (platform-facts §1.1): `v0=hex(HMAC-SHA256(secret, "v0:" + ts + ":" + rawBody))`
 * over the raw bytes, within 5 minutes either side of now. WebCrypto only, so it runs on
 * Node and Workers alike; `crypto.subtle.verify` compares in constant time.
 */
const WINDOW_SEC = 5 * 60;
const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

export type VerifyResult = { ok: true } | { ok: false; reason: 'missing_headers' | 'stale_timestamp' | 'bad_signature' };

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    keys.set(secret, key);
  }
  return key;
}

function hexBytes(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[0-9a-f]{64}$/.test(hex)) return null;
  return Uint8Array.from(hex.match(/../g)!, (h) => parseInt(h, 16));
}

/**
 * Checks a request's Slack signature. Timestamps older than 5 minutes are replays; ones
 * more than 5 minutes ahead are refused too (Bolt accepts them; a forger holding a leaked
 * signature could otherwise pre-date it).
 */
export async function verifySlackRequest(opts: { signingSecret: string; rawBody: string; signature: string | undefined; timestamp: string | undefined; nowMs: number }): Promise<VerifyResult> {
  const { signature, timestamp } = opts;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing_headers' };
  if (Math.abs(Math.floor(opts.nowMs / 1000) - Number(timestamp)) > WINDOW_SEC) return { ok: false, reason: 'stale_timestamp' };
  const digest = signature.startsWith('v0=') ? hexBytes(signature.slice(3)) : null;
  if (!digest) return { ok: false, reason: 'bad_signature' };
  const valid = await crypto.subtle.verify('HMAC', await hmacKey(opts.signingSecret), digest, encoder.encode(`v0:${timestamp}:${opts.rawBody}`));
  return valid ? { ok: true } : { ok: false, reason: 'bad_signature' };
}
