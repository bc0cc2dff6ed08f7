import { Buffer } from 'node:buffer';
import { createDecipheriv, createHash } from 'node:crypto';
import type { FeishuConfig } from '../../config.ts';

/**
 * Checks an inbound Feishu request before anything reads it (platform-facts §2.1, §2.2).
 * The SDK alone is not enough: it hashes a re-serialised body and has no freshness check.
 * Here: `X-Lark-Signature` = SHA-256(timestamp + nonce + encryptKey + RAW body bytes),
 * timestamp within ±5 minutes (the header string is hashed as received; anything but an
 * integer fails the window), decryption (AES-256-CBC, as the SDK's AESCipher), then the Verification
 * Token. URL verification is the one request Feishu sends unsigned.
 */

export const MAX_SKEW_MS = 5 * 60_000;

/** The verified envelope fields handlers may trust. */
export interface Envelope {
  eventId: string;
  eventType: string;
  tenantKey: string;
}

export type Verified =
  | { kind: 'challenge'; challenge: string }
  | { kind: 'payload'; payload: Record<string, unknown>; envelope: Envelope }
  | { kind: 'rejected'; status: 400 | 401; reason: string };

type Header = (name: string) => string | undefined;

/** Lower-case hex of bytes. */
export const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * hex(SHA-256(timestamp + nonce + encryptKey ‖ raw)). node:crypto (Workers have it with
 * nodejs_compat, as the SDK's AESCipher needs): it hashes in place, where WebCrypto's digest
 * copies the bytes and hops to a thread pool and back on Node (≈ 0.15 ms per callback).
 */
export function larkSignature(timestamp: string, nonce: string, encryptKey: string, raw: Uint8Array): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey).update(raw).digest('hex');
}

// The AES key is SHA-256 of the Encrypt Key: hashed once per Encrypt Key, not per request.
const aesKeys = new Map<string, Buffer>();
const aesKey = (encryptKey: string) => aesKeys.get(encryptKey) ?? aesKeys.set(encryptKey, createHash('sha256').update(encryptKey).digest()).get(encryptKey)!;

/**
 * Feishu's `encrypt`: base64 of a 16-byte IV and AES-256-CBC ciphertext under that key
 * (platform-facts §2.1). As the SDK's AESCipher decrypts it, without its round trip through hex.
 */
export function decryptText(encrypt: string, encryptKey: string): string {
  const bytes = Buffer.from(encrypt, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(encryptKey), bytes.subarray(0, 16));
  return Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()]).toString('utf8');
}

// Constant time over equal lengths, so a forger learns nothing from the timing.
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const reject = (status: 400 | 401, reason: string): Verified => ({ kind: 'rejected', status, reason });
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkSignature(raw: Uint8Array, header: Header, encryptKey: string, nowMs: number): string | null {
  const timestamp = header('x-lark-request-timestamp') ?? '';
  const nonce = header('x-lark-request-nonce') ?? '';
  const signature = (header('x-lark-signature') ?? '').toLowerCase();
  if (!/^\d{1,12}$/.test(timestamp)) return 'timestamp missing or not Unix seconds';
  if (Math.abs(nowMs - Number(timestamp) * 1000) > MAX_SKEW_MS) return 'timestamp outside the 5-minute window';
  const expected = larkSignature(timestamp, nonce, encryptKey, raw);
  return sameText(expected, signature) ? null : 'signature mismatch';
}

function decrypt(body: Record<string, unknown>, encryptKey: string): Record<string, unknown> | null {
  if (!('encrypt' in body)) return body;
  if (typeof body.encrypt !== 'string') return null;
  try {
    const plain: unknown = JSON.parse(decryptText(body.encrypt, encryptKey));
    return isObj(plain) ? plain : null;
  } catch {
    return null;
  }
}

/** Verifies, decrypts and checks the token of one request's raw body. */
export async function verifyFeishuRequest(input: { raw: Uint8Array; header: Header; config: FeishuConfig; nowMs: number }): Promise<Verified> {
  const { raw, header, config } = input;
  const signed = header('x-lark-signature') !== undefined;
  const signatureProblem = signed ? checkSignature(raw, header, config.encryptKey, input.nowMs) : null;
  if (signatureProblem) return reject(401, signatureProblem);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    return reject(signed ? 400 : 401, 'body is not JSON');
  }
  const payload = isObj(body) ? decrypt(body, config.encryptKey) : null;
  if (!payload) return reject(signed ? 400 : 401, 'body cannot be decrypted with the Encrypt Key');
  if (payload.type === 'url_verification') {
    if (typeof payload.token !== 'string' || !sameText(payload.token, config.verificationToken)) return reject(401, 'wrong Verification Token');
    return { kind: 'challenge', challenge: String(payload.challenge ?? '') };
  }
  if (!signed) return reject(401, 'unsigned request');
  const head = isObj(payload.header) ? payload.header : null;
  // v2 carries the token in header.token, v1 at the top level.
  const token = payload.schema === '2.0' ? head?.token : payload.token;
  if (typeof token !== 'string' || !sameText(token, config.verificationToken)) return reject(401, 'wrong Verification Token');
  const event = isObj(payload.event) ? payload.event : {};
  // Only strings count: a number or an object here is a malformed envelope, not a tenant.
  const envelope: Envelope = head
    ? { eventId: str(head.event_id), eventType: str(head.event_type), tenantKey: str(head.tenant_key) }
    : { eventId: str(payload.uuid), eventType: str(event.type), tenantKey: str(event.tenant_key) || str(payload.tenant_key) };
  if (!envelope.tenantKey || !envelope.eventType || !envelope.eventId) return reject(400, 'envelope without a tenant_key, event type or event id');
  return { kind: 'payload', payload, envelope };
}
