/**
 * Signed session cookies for the mini-app, on WebCrypto (HMAC-SHA256) so that Node and
 * Workers share one implementation. A session names a workspace and a person; roles are
 * looked up on every request, so a revoked PMO or admin loses access at once.
 */

export interface Session {
  /** Workspace row id. */
  workspaceId: string;
  /** Person row id. */
  personId: string;
  /** How the person signed in. */
  via: 'slack' | 'feishu' | 'local';
  /** Expiry, epoch milliseconds. */
  exp: number;
}

export interface SessionCodec {
  /** `payload.signature`, both base64url. */
  seal(session: Session): Promise<string>;
  /** The session, or null when the value is forged, malformed or expired at `now`. */
  open(value: string | undefined, now: number): Promise<Session | null>;
  /** True when the key is random for this process (no APP_SECRET): sessions end at restart. */
  ephemeral: boolean;
}

/** How long a session lasts: a working day; Feishu signs in again silently. */
export const SESSION_TTL_MS = 12 * 3600_000;

const enc = new TextEncoder();
const dec = new TextDecoder();

function b64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromB64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

const hmacKey = (raw: Uint8Array, usages: ('sign' | 'verify')[]) => crypto.subtle.importKey('raw', raw as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, usages);

/**
 * The session key: derived from APP_SECRET (HMAC(APP_SECRET, purpose)) so the same secret can
 * also encrypt stored tokens without the two uses sharing a key; random when there is none.
 */
async function sessionKey(appSecret: string | undefined, purpose: string): Promise<CryptoKey> {
  if (!appSecret) return hmacKey(crypto.getRandomValues(new Uint8Array(32)), ['sign', 'verify']);
  const master = await hmacKey(enc.encode(appSecret), ['sign']);
  const derived = new Uint8Array(await crypto.subtle.sign('HMAC', master, enc.encode(purpose)));
  return hmacKey(derived, ['sign', 'verify']);
}

function isSession(x: unknown): x is Session {
  if (!x || typeof x !== 'object') return false;
  const s = x as Record<string, unknown>;
  return typeof s.workspaceId === 'string' && typeof s.personId === 'string' && typeof s.exp === 'number' && (s.via === 'slack' || s.via === 'feishu' || s.via === 'local');
}

/**
 * A codec for signed values. `purpose` separates keys (the session cookie and the short-lived
 * sign-in state cookie must not be interchangeable). Without `appSecret` the key is random.
 */
export async function createSignedCodec<T>(appSecret: string | undefined, purpose: string, guard: (x: unknown) => x is T & { exp: number }) {
  const key = await sessionKey(appSecret, purpose);
  return {
    ephemeral: !appSecret,
    async seal(value: T & { exp: number }): Promise<string> {
      const payload = enc.encode(JSON.stringify(value));
      const sig = new Uint8Array(await crypto.subtle.sign('HMAC', key, payload));
      return `${b64url(payload)}.${b64url(sig)}`;
    },
    async open(value: string | undefined, now: number): Promise<(T & { exp: number }) | null> {
      if (!value || value.length > 4096) return null;
      const [p, s, extra] = value.split('.');
      if (p === undefined || s === undefined || extra !== undefined) return null;
      const payload = fromB64url(p);
      const sig = fromB64url(s);
      if (!payload || !sig) return null;
      // verify() compares in constant time.
      if (!(await crypto.subtle.verify('HMAC', key, sig as BufferSource, payload as BufferSource))) return null;
      let parsed: unknown;
      try {
        parsed = JSON.parse(dec.decode(payload));
      } catch {
        return null;
      }
      if (!guard(parsed) || parsed.exp <= now) return null;
      return parsed;
    },
  };
}

/** The session cookie codec, keyed by APP_SECRET (or a random per-process key when unset). */
export async function createSessionCodec(appSecret: string | undefined): Promise<SessionCodec> {
  return createSignedCodec<Session>(appSecret, 'outcome/session/v1', isSession);
}

export interface CookieOptions {
  /** Secure flag: set when the app is served over https. */
  secure: boolean;
  maxAgeSeconds: number;
}

/** A Set-Cookie value: HttpOnly, SameSite=Lax, Path=/, Secure when served over https. */
export function cookieHeader(name: string, value: string, opts: CookieOptions): string {
  return [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${Math.max(0, Math.floor(opts.maxAgeSeconds))}`, ...(opts.secure ? ['Secure'] : [])].join('; ');
}

/** Reads one cookie from a Cookie header (no decoding: our values are base64url). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
