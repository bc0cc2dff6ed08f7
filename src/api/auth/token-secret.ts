import { toBase64Url } from '../../security/secret-box.ts';

/** Every token starts with this, so secret scanners and people recognise it. */
export const TOKEN_PREFIX = 'oc_';

/** A new token: `oc_` + 32 random bytes (256 bits), base64url. Shown once; only its hash is kept. */
export function newToken(): string {
  return TOKEN_PREFIX + toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/**
 * Hex SHA-256 of a token. A plain hash (no salt, no slow KDF) is enough for 256 random bits,
 * and lets the lookup be an indexed equality on the hash.
 */
export async function hashToken(token: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** What admins see of a token after creation: enough to tell tokens apart, useless to an attacker. */
export const displayPrefix = (token: string): string => token.slice(0, TOKEN_PREFIX.length + 6);
