/**
 * Encrypts secrets at rest (stored bot tokens) with a key derived from APP_SECRET.
 * AES-256-GCM through WebCrypto, so the same code runs on Node and on Workers.
 *
 * Format: `v1.<base64url iv>.<base64url ciphertext+tag>`. The `context` (e.g. the team id)
 * is bound as additional data: a box copied to another row does not decrypt there.
 */
const VERSION = 'v1';
const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();
// Spelled through SubtleCrypto so the same code type-checks against Node's and Workers' DOM types.
type DerivedKeyAlgorithm = Parameters<SubtleCrypto['deriveKey']>[2];
type KeyUsages = Parameters<SubtleCrypto['deriveKey']>[4];

/** Thrown when a box is malformed, was made with another key, or belongs to another context. */
export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

/**
 * A key derived from APP_SECRET for one purpose (HKDF-SHA-256 with the purpose as salt),
 * cached per process. The same secret also signs sessions and OAuth states; each use gets
 * its own independent key.
 */
export function deriveAppKey(appSecret: string, purpose: string, algorithm: DerivedKeyAlgorithm, usages: KeyUsages): Promise<CryptoKey> {
  const cacheKey = `${purpose}\u0000${appSecret}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = crypto.subtle
      .importKey('raw', encoder.encode(appSecret), 'HKDF', false, ['deriveKey'])
      .then((base) => crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: encoder.encode(purpose), info: encoder.encode(VERSION) }, base, algorithm, false, usages));
    keys.set(cacheKey, key);
  }
  return key;
}

const keyFor = (appSecret: string) => deriveAppKey(appSecret, 'outcome/secret-box', { name: 'AES-GCM', length: 256 }, ['encrypt', 'decrypt']);

/** Base64url without padding (no Buffer: Workers have none without nodejs_compat). */
export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Inverse of {@link toBase64Url}; throws on anything that is not base64url. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new SecretBoxError('not base64url');
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** Encrypts `plaintext` for storage; `context` must be given again to decrypt. */
export async function sealSecret(appSecret: string, plaintext: string, context: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(context) }, await keyFor(appSecret), encoder.encode(plaintext));
  return `${VERSION}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
}

/** Decrypts a box made by {@link sealSecret}; throws SecretBoxError when it cannot. */
export async function openSecret(appSecret: string, box: string, context: string): Promise<string> {
  const [version, iv, data, extra] = box.split('.');
  if (version !== VERSION || !iv || !data || extra !== undefined) throw new SecretBoxError('unknown secret box format');
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64Url(iv), additionalData: encoder.encode(context) }, await keyFor(appSecret), fromBase64Url(data));
    return new TextDecoder().decode(plain);
  } catch (err) {
    if (err instanceof SecretBoxError) throw err;
    throw new SecretBoxError('the secret cannot be decrypted with this APP_SECRET and context');
  }
}
