/**
 * The one signature GitHub (`X-Hub-Signature-256`) and Jira admin webhooks (`X-Hub-Signature`)
 * both send: `sha256=<hex HMAC-SHA256(secret, raw body)>` (platform-facts §7.1, §7.2).
 * WebCrypto, so Node and Workers share it.
 */
const encoder = new TextEncoder();

const hmacKey = (secret: string, usages: ('sign' | 'verify')[]) => crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, usages);

/** `sha256=<hex>` of `body` under `secret`, exactly as the platforms write it. */
export async function signSha256(secret: string, body: Uint8Array<ArrayBuffer> | string): Promise<string> {
  const bytes = typeof body === 'string' ? (encoder.encode(body) as Uint8Array<ArrayBuffer>) : body;
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret, ['sign']), bytes));
  return `sha256=${[...mac].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * True when `header` is the body's signature under `secret`. The comparison is WebCrypto's
 * HMAC verify, which compares in constant time; a header that is not `sha256=` and 64 hex
 * digits is refused before any comparison (its shape says nothing about the secret).
 */
export async function verifySha256(secret: string, body: Uint8Array<ArrayBuffer>, header: string | undefined): Promise<boolean> {
  const hex = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '')?.[1];
  if (!hex) return false;
  const mac = Uint8Array.from(hex.match(/../g)!, (h) => parseInt(h, 16));
  return crypto.subtle.verify('HMAC', await hmacKey(secret, ['verify']), mac, body);
}

/** Hex SHA-256 of the body: the delivery id of a sender that names none (the same bytes are the same delivery). */
export async function bodyDigest(body: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}
